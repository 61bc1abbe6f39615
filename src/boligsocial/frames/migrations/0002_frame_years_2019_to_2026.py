"""The 2019–26 round's annual frame (almenboligloven §91a; shared/domain README §2): 380 mio.
kr. a year 2019–2026, of which at most 240 mio. kr. rent support, both in the law's prices. LBF
indexes them by the net price index; its indexed figures are not collected yet, so the index
factor is 1 and the note says so: an administrator enters LBF's factors in the admin. Skipped
when the round is not in the database (an installation that removed it)."""

from decimal import Decimal

from django.db import migrations

MIO = Decimal("1000000")
ROUND_CODE = "2019–26"
NOTE = (
    "380 mio. kr. a year (almenboligloven §91a), of which at most 240 mio. kr. rent support "
    "(10 mio. kr. of that for empty-flat rent during rehousing from the hardest areas). Indexed "
    "by the net price index: the index factor is 1 until LBF's indexed figures are entered "
    "here. Unused money carries into the next year, also 2026 → 2027."
)


def load(apps, schema_editor):
    FundRound = apps.get_model("funding", "FundRound")
    FrameYear = apps.get_model("frames", "FrameYear")
    fund_round = FundRound.objects.filter(code=ROUND_CODE).first()
    if fund_round is None:
        return
    for year in range(2019, 2027):
        FrameYear.objects.get_or_create(
            fund_round=fund_round,
            year=year,
            defaults={
                "base_amount": 380 * MIO,
                "index_factor": Decimal("1"),
                "rent_support_max": 240 * MIO,
                "note": NOTE,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("frames", "0001_initial"),
        ("funding", "0002_fund_rounds_2006_to_2026"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
