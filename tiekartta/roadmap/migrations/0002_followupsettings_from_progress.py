import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MOVED = ("followupsettings", "historicalfollowupsettings")


def _relabel(apps, schema_editor, old, new):
    """Move the content types, and so the permissions given and the admin log, with the model."""
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(
        schema_editor.connection.alias
    )
    for model in MOVED:
        if not content_types.filter(app_label=new, model=model).exists():
            content_types.filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, "progress", "roadmap")


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, "roadmap", "progress")


class Migration(migrations.Migration):
    """FollowUpSettings moves from progress to roadmap (the risk flags of roadmap need it). Only
    the migration state changes: the model keeps its tables progress_followupsettings and
    progress_historicalfollowupsettings (db_table), so every row stays. progress 0003 removes
    the model from progress's state after this has added it here."""

    dependencies = [
        ('accounts', '0003_historicalapitoken_apitoken'),
        ('roadmap', '0001_initial'),
        # The tables were made by progress; the model only moves, its rows stay where they are.
        ('progress', '0002_followupsettings_metric_grace_days_and_more'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalFollowUpSettings',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('risk_margin', models.PositiveSmallIntegerField(default=15, help_text='A task is at risk when its completion is this many percentage points behind its planned line.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)], verbose_name='risk margin (percentage points)')),
                        ('next_review_date', models.DateField(blank=True, help_text='Reminders to task owners are sent before this date.', null=True, verbose_name='next review meeting')),
                        ('reminder_days_before', models.PositiveSmallIntegerField(default=7, validators=[django.core.validators.MaxValueValidator(60)], verbose_name='reminder days before the meeting')),
                        ('sign_in_link_hours', models.PositiveSmallIntegerField(default=72, help_text='How long the one-time sign-in link in a reminder works.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(336)], verbose_name='sign-in link validity (hours)')),
                        ('metric_grace_days', models.PositiveSmallIntegerField(default=45, help_text='A metric is stale when no value has arrived this many days after its period ended.', validators=[django.core.validators.MaxValueValidator(365)], verbose_name='grace for metric values (days)')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.organisation', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'historical follow-up settings',
                        'verbose_name_plural': 'historical follow-up settings',
                        'db_table': 'progress_historicalfollowupsettings',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='FollowUpSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('risk_margin', models.PositiveSmallIntegerField(default=15, help_text='A task is at risk when its completion is this many percentage points behind its planned line.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)], verbose_name='risk margin (percentage points)')),
                        ('next_review_date', models.DateField(blank=True, help_text='Reminders to task owners are sent before this date.', null=True, verbose_name='next review meeting')),
                        ('reminder_days_before', models.PositiveSmallIntegerField(default=7, validators=[django.core.validators.MaxValueValidator(60)], verbose_name='reminder days before the meeting')),
                        ('sign_in_link_hours', models.PositiveSmallIntegerField(default=72, help_text='How long the one-time sign-in link in a reminder works.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(336)], verbose_name='sign-in link validity (hours)')),
                        ('metric_grace_days', models.PositiveSmallIntegerField(default=45, help_text='A metric is stale when no value has arrived this many days after its period ended.', validators=[django.core.validators.MaxValueValidator(365)], verbose_name='grace for metric values (days)')),
                        ('organisation', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='follow_up_settings', to='accounts.organisation', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'follow-up settings',
                        'verbose_name_plural': 'follow-up settings',
                        'db_table': 'progress_followupsettings',
                        'constraints': [models.CheckConstraint(condition=models.Q(('risk_margin__gte', 1), ('risk_margin__lte', 100)), name='follow_up_risk_margin_range'), models.CheckConstraint(condition=models.Q(('sign_in_link_hours__gte', 1), ('sign_in_link_hours__lte', 336)), name='follow_up_link_hours_range')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
