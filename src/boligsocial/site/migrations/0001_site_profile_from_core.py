# The site profile moves from `core` to its own app. The table stays where it is
# (`core_siteprofile` and `core_siteprofile_municipalities`, with their rows and the data-version
# triggers), so this migration only tells Django's state; the content type is renamed so that
# permissions and admin log entries keep pointing at the model.

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def rename_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    types = ContentType.objects.using(db)
    if not types.filter(app_label="site", model="siteprofile").exists():
        types.filter(app_label="core", model="siteprofile").update(app_label="site")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    types = ContentType.objects.using(db)
    if not types.filter(app_label="core", model="siteprofile").exists():
        types.filter(app_label="site", model="siteprofile").update(app_label="core")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0003_data_version'),
        ('organisations', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SiteProfile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('title_da', models.CharField(max_length=200, verbose_name='title (Danish)')),
                        ('title_en', models.CharField(max_length=200, verbose_name='title (English)')),
                        ('intro_da', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='introduction (Danish)')),
                        ('intro_en', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='introduction (English)')),
                        ('secretariat_text_da', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='about the secretariat (Danish)')),
                        ('secretariat_text_en', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='about the secretariat (English)')),
                        ('demo_notice', models.BooleanField(default=False, help_text='Show on every page that figures not from public sources are illustrative.', verbose_name='show demo notice')),
                        ('municipalities', models.ManyToManyField(blank=True, help_text='Leave empty to cover all of Denmark.', to='organisations.municipality', verbose_name='municipalities covered')),
                        ('secretariat', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation', verbose_name='joint secretariat')),
                    ],
                    options={
                        'verbose_name': 'site profile',
                        'verbose_name_plural': 'site profiles',
                        'db_table': 'core_siteprofile',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, restore_content_type),
    ]
