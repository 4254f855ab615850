from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Key the audit chain and keep actors' ids when people are deleted.

    Entries already written keep their unkeyed hashes (scheme 1); new ones are keyed (scheme 2).
    """

    dependencies = [
        ('socialrx', '0013_metrics_pulls'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='auditevent',
            name='scheme',
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='scheme',
            field=models.PositiveSmallIntegerField(default=2),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='actor',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True,
                                    on_delete=models.deletion.DO_NOTHING, related_name='+',
                                    to=settings.AUTH_USER_MODEL),
        ),
    ]
