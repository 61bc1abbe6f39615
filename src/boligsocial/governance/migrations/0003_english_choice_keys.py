"""Stored choice values in English (decision 0019): plan role kinds, body kinds and membership
roles, in the tables and in their history tables. Reversible."""

from django.db import migrations, models

APP = "governance"
PLAN_ROLE_KINDS = {"leder": "leader", "medarbejder": "staff"}
BODY_KINDS = {
    "bestyrelse": "board",
    "styregruppe": "steering_group",
    "foelgegruppe": "follow_group",
    "samarbejdsraad": "cooperation_council",
}
MEMBERSHIP_ROLES = {
    "formand": "chair",
    "naestformand": "vice_chair",
    "medlem": "member",
    "sekretaer": "secretary",
    "observatoer": "observer",
}
RENAMES = (
    ("PlanRole", "kind", PLAN_ROLE_KINDS),
    ("HistoricalPlanRole", "kind", PLAN_ROLE_KINDS),
    ("Body", "kind", BODY_KINDS),
    ("HistoricalBody", "kind", BODY_KINDS),
    ("Membership", "role", MEMBERSHIP_ROLES),
    ("HistoricalMembership", "role", MEMBERSHIP_ROLES),
)


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
        ('governance', '0002_body_description_limit'),
    ]

    operations = [
        migrations.AlterField(
            model_name='body',
            name='kind',
            field=models.CharField(choices=[('board', 'Board (bestyrelse)'), ('steering_group', 'Steering group (styregruppe)'), ('follow_group', 'Follow group (følgegruppe)'), ('cooperation_council', 'Cooperation council (samarbejdsråd)')], max_length=20, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='historicalbody',
            name='kind',
            field=models.CharField(choices=[('board', 'Board (bestyrelse)'), ('steering_group', 'Steering group (styregruppe)'), ('follow_group', 'Follow group (følgegruppe)'), ('cooperation_council', 'Cooperation council (samarbejdsråd)')], max_length=20, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='historicalmembership',
            name='role',
            field=models.CharField(choices=[('chair', 'Chair'), ('vice_chair', 'Vice chair'), ('member', 'Member'), ('secretary', 'Secretary'), ('observer', 'Observer')], default='member', max_length=20, verbose_name='role'),
        ),
        migrations.AlterField(
            model_name='historicalplanrole',
            name='kind',
            field=models.CharField(choices=[('leader', 'Leader'), ('staff', 'Staff member')], max_length=20, verbose_name='role'),
        ),
        migrations.AlterField(
            model_name='membership',
            name='role',
            field=models.CharField(choices=[('chair', 'Chair'), ('vice_chair', 'Vice chair'), ('member', 'Member'), ('secretary', 'Secretary'), ('observer', 'Observer')], default='member', max_length=20, verbose_name='role'),
        ),
        migrations.AlterField(
            model_name='planrole',
            name='kind',
            field=models.CharField(choices=[('leader', 'Leader'), ('staff', 'Staff member')], max_length=20, verbose_name='role'),
        ),
        migrations.RunPython(to_english, to_danish),
    ]
