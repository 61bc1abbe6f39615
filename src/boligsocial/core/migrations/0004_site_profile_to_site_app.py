# The site profile now lives in the `site` app (see site/migrations/0001): the table is kept,
# so only Django's state forgets the model here.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_data_version'),
        ('site', '0001_site_profile_from_core'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='SiteProfile')],
            database_operations=[],
        ),
    ]
