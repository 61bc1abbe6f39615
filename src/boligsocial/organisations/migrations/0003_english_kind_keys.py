"""Stored organisation kinds in English (decision 0019), in the table and its history table.
Reversible."""

from django.db import migrations, models

APP = "organisations"
KINDS = {
    "boligorganisation": "housing_organisation",
    "kommune": "municipality",
    "faellessekretariat": "secretariat",
    "politi": "police",
    "fond": "foundation",
    "skole": "school",
    "andet": "other",
}
RENAMES = (("Organisation", "kind", KINDS), ("HistoricalOrganisation", "kind", KINDS))


def _rename(apps, *, reverse: bool) -> None:
    # Bulk updates: no new history rows; the history tables are renamed too, so an old
    # version reads with the same keys as the current one.
    for model_name, field, mapping in RENAMES:
        model = apps.get_model(APP, model_name)
        for old, new in mapping.items():
            if reverse:
                old, new = new, old
            model.objects.filter(**{field: old}).update(**{field: new})


def to_english(apps, schema_editor) -> None:
    _rename(apps, reverse=False)


def to_danish(apps, schema_editor) -> None:
    _rename(apps, reverse=True)


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0002_regions_and_municipalities'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalorganisation',
            name='kind',
            field=models.CharField(choices=[('housing_organisation', 'Housing organisation'), ('municipality', 'Municipality'), ('lbf', 'Landsbyggefonden'), ('secretariat', 'Joint secretariat'), ('police', 'Police'), ('foundation', 'Foundation'), ('school', 'School or education'), ('other', 'Other partner')], max_length=32, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='organisation',
            name='kind',
            field=models.CharField(choices=[('housing_organisation', 'Housing organisation'), ('municipality', 'Municipality'), ('lbf', 'Landsbyggefonden'), ('secretariat', 'Joint secretariat'), ('police', 'Police'), ('foundation', 'Foundation'), ('school', 'School or education'), ('other', 'Other partner')], max_length=32, verbose_name='kind'),
        ),
        migrations.RunPython(to_english, to_danish),
    ]
