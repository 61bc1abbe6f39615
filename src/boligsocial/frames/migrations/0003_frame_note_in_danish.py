"""The 2019–26 frame years' note in Danish, the pages' first language (the note of 0002 was
English): changed only where it is still the note 0002 wrote."""

from django.db import migrations

OLD = (
    "380 mio. kr. a year (almenboligloven §91a), of which at most 240 mio. kr. rent support "
    "(10 mio. kr. of that for empty-flat rent during rehousing from the hardest areas). Indexed "
    "by the net price index: the index factor is 1 until LBF's indexed figures are entered "
    "here. Unused money carries into the next year, also 2026 → 2027."
)
NEW = (
    "380 mio. kr. om året (almenboligloven §91a), heraf højst 240 mio. kr. til huslejestøtte "
    "(heraf 10 mio. kr. til tomgangsleje ved genhusning fra de hårdest ramte områder). "
    "Reguleres med nettoprisindekset: indeksfaktoren er 1, indtil LBF's indekserede tal er "
    "indtastet her. Ubrugte midler overføres til næste år, også fra 2026 til 2027."
)


def forwards(apps, schema_editor):
    apps.get_model("frames", "FrameYear").objects.filter(note=OLD).update(note=NEW)


def backwards(apps, schema_editor):
    apps.get_model("frames", "FrameYear").objects.filter(note=NEW).update(note=OLD)


class Migration(migrations.Migration):
    dependencies = [("frames", "0002_frame_years_2019_to_2026")]
    operations = [migrations.RunPython(forwards, backwards)]
