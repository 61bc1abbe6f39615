"""The data dictionary's first entries: the figures the §61a/§61b criteria use (names and
definitions from the law, shared/domain README §5) and a few more the field follows. An
administrator adds more without code changes."""

from django.db import migrations

INDICATORS = [
    ("residents", "Beboere", "Residents", "antal",
     "Antal beboere i boligområdet pr. 1. januar.",
     "Number of residents in the area on 1 January.", "", True),
    ("pct_outside_labour", "Uden for arbejdsmarked og uddannelse", "Outside labour market and "
     "education", "pct",
     "Andelen af beboere i alderen 18–64 år, der er uden tilknytning til arbejdsmarkedet eller "
     "uddannelse (fra 2018: gennemsnit over de seneste 2 år).",
     "Share of residents aged 18–64 without attachment to the labour market or education (from "
     "2018: average of the last 2 years).", "beboere 18–64 år", True),
    ("pct_non_western", "Ikke-vestlig oprindelse", "Non-Western origin", "pct",
     "Andelen af indvandrere og efterkommere fra ikke-vestlige lande.",
     "Share of immigrants and descendants from non-Western countries.", "alle beboere", True),
    ("pct_convicted", "Dømte", "Convicted", "pct",
     "Andelen af beboere på 18 år og derover, der er dømt for overtrædelse af straffeloven, "
     "våbenloven eller lov om euforiserende stoffer.",
     "Share of residents aged 18+ convicted under the penal code, the weapons act or the drugs "
     "act.", "beboere 18 år og derover", True),
    ("conviction_ratio", "Dømte i forhold til landsgennemsnittet", "Convicted relative to the "
     "national average", "ratio",
     "Andelen af dømte som et multiplum af landsgennemsnittet (gennemsnit over de seneste 2 år).",
     "The convicted share as a multiple of the national average (average of the last 2 years).",
     "beboere 18 år og derover", True),
    ("pct_basic_education", "Kun grundskoleuddannelse", "Only basic schooling", "pct",
     "Andelen af beboere i alderen 30–59 år, der alene har en grunduddannelse (ukendt uddannelse "
     "regnes som grunduddannelse).",
     "Share of residents aged 30–59 with only basic schooling (unknown education counts as "
     "basic).", "beboere 30–59 år", True),
    ("income_pct_of_region", "Indkomst i forhold til regionen", "Income relative to the region",
     "pct",
     "Gennemsnitlig bruttoindkomst for skattepligtige i alderen 15–64 år eksklusive uddannelses"
     "søgende, i procent af den gennemsnitlige bruttoindkomst for samme gruppe i regionen.",
     "Average gross income of taxpayers aged 15–64 excluding people in education, as a per cent "
     "of the same group's average in the region.", "skattepligtige 15–64 år uden for uddannelse",
     True),
    ("children_0_17", "Børn og unge 0–17 år", "Children and young people 0–17", "antal",
     "Antal beboere i alderen 0–17 år.", "Number of residents aged 0–17.", "", False),
    ("pct_households_moving_out", "Fraflytning", "Move-out rate", "pct",
     "Andelen af husstande, der flyttede ud af boligområdet i løbet af året.",
     "Share of households that moved out of the area during the year.", "husstande", False),
    ("pct_youth_without_upper_secondary", "Unge uden ungdomsuddannelse", "Young people without "
     "upper-secondary education", "pct",
     "Andelen af 24-årige, der ikke har gennemført en ungdomsuddannelse.",
     "Share of 24-year-olds who have not completed an upper-secondary education.", "24-årige",
     False),
]

SOURCE = ("Almenboligloven §61a og §61b; Social- og Boligministeriets liste over udsatte "
          "boligområder (1. december).")


def load(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    for position, (key, name_da, name_en, unit, def_da, def_en, population, criterion) in (
        enumerate(INDICATORS, start=1)
    ):
        Indicator.objects.update_or_create(
            key=key,
            defaults={
                "name_da": name_da, "name_en": name_en, "unit": unit, "definition_da": def_da,
                "definition_en": def_en, "population_da": population, "criterion": criterion,
                "position": position, "source": SOURCE if criterion else "",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
