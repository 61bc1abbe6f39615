"""Stored indicator units in English (decision 0019): `pct`, `antal` and `kr` become `percent`,
`count` and `kroner`; `ratio` stays. Indicators keep no history. Reversible."""

from django.db import migrations, models

APP = "indicators"
UNITS = {"pct": "percent", "antal": "count", "kr": "kroner"}
RENAMES = (("Indicator", "unit", UNITS),)


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
        ('indicators', '0004_figure_range'),
    ]

    operations = [
        migrations.AlterField(
            model_name='indicator',
            name='unit',
            field=models.CharField(choices=[('percent', 'per cent'), ('count', 'count'), ('ratio', 'ratio'), ('kroner', 'kroner')], max_length=10, verbose_name='unit'),
        ),
        migrations.RunPython(to_english, to_danish),
    ]
