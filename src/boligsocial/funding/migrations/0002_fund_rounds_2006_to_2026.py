"""The four known fund rounds and their focus areas, as in the domain brief (shared/domain
README §2). Later rounds are added by an administrator. Whether in-kind contributions count as
co-financing is not known for any round, so it is left empty (unknown)."""

from decimal import Decimal

from django.db import migrations

MIO = Decimal("1000000")

ROUNDS = [
    {
        "code": "2006–10", "name": "Landsbyggefondens midler 2006–10",
        "first_year": 2006, "last_year": 2010,
        "annual_frame": 400 * MIO, "social_work_annual_frame": 200 * MIO,
        "annual_frame_note": "600 mio. kr. pool 2006, then 400 mio. kr. a year 2007–10, of which "
        "at most 200 mio. kr. rent support and at least 200 mio. kr. social work. Pool "
        "applications with deadlines.",
        "notes_da": "Puljeansøgninger med ansøgningsfrister. Indsatsområder er ikke registreret.",
        "notes_en": "Pool applications with deadlines. Focus areas are not recorded.",
        "source_url": "https://lbf.dk/om-lbf/lbf-orienterer/2007/5/tilskud-til-social-og-forebyggende-indsats-i-problemramte-afdelinger-2008-2009-2-x-400-mill-kr/",
        "focus": [],
    },
    {
        "code": "2011–14", "name": "2011–14-midlerne", "first_year": 2011, "last_year": 2014,
        "annual_frame": 440 * MIO, "social_work_annual_frame": None,
        "annual_frame_note": "440 mio. kr. a year, of which up to half for rent support.",
        "notes_da": "Løbende ansøgning; enhver boligsocial ansøgning gælder også som ansøgning "
        "om huslejestøtte.",
        "notes_en": "Continuous applications; every social application also counts as a "
        "rent-support application.",
        "source_url": "https://www.lbf.dk/stoette/boligsocial-indsats-aktiviteter/ansoegning-om-stoette-til-en-boligsocial-indsats-afsat-inden-for-rammerne-af-2011-14-midlerne/",
        "focus": [
            ("Børn, unge og familie", "Children, young people and families"),
            ("Uddannelse, beskæftigelse og erhverv", "Education, employment and business"),
            ("Beboernetværk, inddragelse og demokrati",
             "Resident networks, involvement and democracy"),
            ("Sundhed", "Health"),
            ("Udsatte grupper", "Vulnerable groups"),
            ("Kultur og fritid", "Culture and leisure"),
            ("Image og kommunikation", "Image and communication"),
        ],
    },
    {
        "code": "2015–18", "name": "2015–18-midlerne", "first_year": 2015, "last_year": 2018,
        "annual_frame": 465 * MIO, "social_work_annual_frame": None,
        "annual_frame_note": "465 mio. kr. a year, up to half for rent support, per LBF's "
        "guidance of 4 June 2015. An evaluation reports 870 mio. kr. distributed in total.",
        "notes_da": "Indførte bestyrelser for helhedsplanerne.",
        "notes_en": "Introduced plan boards (bestyrelser).",
        "source_url": "https://www.lbf.dk/stoette/boligsocial-indsats-aktiviteter/ansoegning-om-stoette-til-en-boligsocial-indsats-afsat-inden-for-rammerne-af-2015-18-midlerne/",
        "focus": [
            ("Tryghed og trivsel", "Safety and well-being"),
            ("Kriminalpræventiv indsats", "Crime prevention"),
            ("Uddannelse og beskæftigelse", "Education and employment"),
            ("Forebyggelse og forældreansvar", "Prevention and parental responsibility"),
        ],
    },
    {
        "code": "2019–26", "name": "2019–26-midlerne", "first_year": 2019, "last_year": 2026,
        "annual_frame": 380 * MIO, "social_work_annual_frame": 140 * MIO,
        "annual_frame_note": "380 mio. kr. a year (indexed by the net price index; unused money "
        "carries over, also 2026→2027), of which at most 240 mio. kr. rent support (10 mio. of "
        "that for empty-flat rent during rehousing from the hardest areas), leaving 140 mio. "
        "kr. a year for social work.",
        "notes_da": "Regulativ i kraft 1. januar 2020 (almenboligloven §91a). Områder på "
        "§61a-listen har forrang. Helhedsplaner bevilget i perioden løber ind i 2028.",
        "notes_en": "Regulativ in force 1 January 2020 (almenboligloven §91a). Areas on the "
        "§61a list have priority. Plans granted in this round run into 2028.",
        "source_url": "https://www.elov.dk/almenboligloven/91a/",
        "focus": [
            ("Uddannelse og livschancer", "Education and life chances"),
            ("Beskæftigelse", "Employment"),
            ("Kriminalitetsforebyggelse", "Crime prevention"),
            ("Sammenhængskraft og medborgerskab", "Cohesion and citizenship"),
        ],
    },
]


def load(apps, schema_editor):
    FundRound = apps.get_model("funding", "FundRound")
    FocusArea = apps.get_model("funding", "FocusArea")
    for data in ROUNDS:
        data = dict(data)
        focus = data.pop("focus")
        fund_round, _ = FundRound.objects.update_or_create(
            code=data.pop("code"),
            defaults={**data, "lbf_max_share": Decimal("0.75"),
                      "local_min_share": Decimal("0.25"), "normal_plan_years": 4},
        )
        for position, (name_da, name_en) in enumerate(focus, start=1):
            FocusArea.objects.update_or_create(
                fund_round=fund_round, name_da=name_da,
                defaults={"name_en": name_en, "position": position},
            )


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
