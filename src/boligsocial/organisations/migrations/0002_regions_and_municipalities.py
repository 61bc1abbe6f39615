"""Load Denmark's 5 regions and 98 municipalities (reference data) from the CSV files shipped
in organisations/data. Re-running updates names; nothing is deleted."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Region = apps.get_model("organisations", "Region")
    Municipality = apps.get_model("organisations", "Municipality")
    with open(DATA / "regions.csv", encoding="utf-8") as f:
        regions = {}
        for row in csv.DictReader(f):
            region, _ = Region.objects.update_or_create(
                code=int(row["code"]), defaults={"name": row["name"]}
            )
            regions[region.code] = region
    with open(DATA / "municipalities.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            Municipality.objects.update_or_create(
                code=int(row["code"]),
                defaults={"name": row["name"], "region": regions[int(row["region_code"])]},
            )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
