"""The five budget categories, valid from 2006 with an open end. Later categories (or an end to
one of these) are reference data an administrator keeps in the admin."""

from datetime import date

from django.db import migrations

CATEGORIES = [
    ("salaries", "Løn", "Salaries"),
    ("activities", "Aktiviteter", "Activities"),
    ("administration", "Administration", "Administration"),
    ("evaluation", "Evaluering", "Evaluation"),
    ("other", "Andet", "Other"),
]


def load(apps, schema_editor):
    category = apps.get_model("budgets", "BudgetCategory")
    for position, (code, name_da, name_en) in enumerate(CATEGORIES, start=1):
        category.objects.update_or_create(
            code=code,
            defaults={
                "name_da": name_da,
                "name_en": name_en,
                "valid_from": date(2006, 1, 1),
                "valid_to": None,
                "position": position,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("budgets", "BudgetCategory").objects.filter(
        code__in=[code for code, _da, _en in CATEGORIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("budgets", "0001_budgets_versions_lines")]
    operations = [migrations.RunPython(load, unload)]
