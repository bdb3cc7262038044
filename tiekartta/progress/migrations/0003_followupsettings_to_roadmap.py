from django.db import migrations


class Migration(migrations.Migration):
    """FollowUpSettings has moved to roadmap (roadmap 0002), which keeps its tables: this only
    removes the model from progress's migration state. Nothing in the database changes."""

    dependencies = [
        ('progress', '0002_followupsettings_metric_grace_days_and_more'),
        ('roadmap', '0002_followupsettings_from_progress'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='historicalfollowupsettings',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalfollowupsettings',
                    name='organisation',
                ),
                migrations.DeleteModel(
                    name='FollowUpSettings',
                ),
                migrations.DeleteModel(
                    name='HistoricalFollowUpSettings',
                ),
            ],
            database_operations=[],
        ),
    ]
