from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='roleassignment',
            name='role',
            field=models.CharField(choices=[('secretariat_admin', 'Secretariat administrator'), ('plan_leader', 'Plan leader'), ('housing_org', 'Housing organisation user'), ('municipality', 'Municipality user'), ('analyst', 'Analyst'), ('lbf', 'Acting for LBF (Landsbyggefonden)')], max_length=32, verbose_name='role'),
        ),
    ]
