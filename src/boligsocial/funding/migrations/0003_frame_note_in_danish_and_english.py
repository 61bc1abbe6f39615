"""The note about a fund round's frame was English only; the UI is Danish first. Keep the
English text and add the Danish one for the four known rounds."""

from django.db import migrations, models

DANISH = {
    "2006–10": "600 mio. kr. i en pulje i 2006, derefter 400 mio. kr. om året 2007–10, heraf "
    "højst 200 mio. kr. til huslejestøtte og mindst 200 mio. kr. til boligsocialt arbejde. "
    "Puljeansøgninger med ansøgningsfrister.",
    "2011–14": "440 mio. kr. om året, heraf op til halvdelen til huslejestøtte.",
    "2015–18": "465 mio. kr. om året, op til halvdelen til huslejestøtte, jf. Landsbyggefondens "
    "vejledning af 4. juni 2015. En evaluering opgør 870 mio. kr. fordelt i alt.",
    "2019–26": "380 mio. kr. om året (reguleret med nettoprisindekset; ubrugte midler overføres, "
    "også fra 2026 til 2027), heraf højst 240 mio. kr. til huslejestøtte (heraf 10 mio. kr. til "
    "tomgangsleje ved genhusning fra de hårdest ramte områder), så der er 140 mio. kr. om året "
    "til boligsocialt arbejde.",
}


def add_danish(apps, schema_editor):
    FundRound = apps.get_model("funding", "FundRound")
    for code, text in DANISH.items():
        FundRound.objects.filter(code=code, annual_frame_note_da="").update(
            annual_frame_note_da=text
        )


class Migration(migrations.Migration):
    dependencies = [("funding", "0002_fund_rounds_2006_to_2026")]

    operations = [
        migrations.RenameField("fundround", "annual_frame_note", "annual_frame_note_en"),
        migrations.RenameField("historicalfundround", "annual_frame_note", "annual_frame_note_en"),
        migrations.AlterField(
            "fundround", "annual_frame_note_en",
            models.TextField(blank=True, verbose_name="about the frame (English)"),
        ),
        migrations.AlterField(
            "historicalfundround", "annual_frame_note_en",
            models.TextField(blank=True, verbose_name="about the frame (English)"),
        ),
        migrations.AddField(
            "fundround", "annual_frame_note_da",
            models.TextField(blank=True, verbose_name="about the frame (Danish)"),
        ),
        migrations.AddField(
            "historicalfundround", "annual_frame_note_da",
            models.TextField(blank=True, verbose_name="about the frame (Danish)"),
        ),
        migrations.RunPython(add_danish, migrations.RunPython.noop),
    ]
