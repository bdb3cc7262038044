"""How long an organisation keeps what it no longer needs (the administrator's choice); the
rest of the retention rules are the installation's (config/settings.py, README: Data
protection). `manage.py purge_expired` applies them daily (privacy.services.purge_expired)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.accounts.models import Organisation

DEFAULT_IMPORT_DAYS = 14
MIN_IMPORT_DAYS, MAX_IMPORT_DAYS = 1, 365
DEFAULT_REMOVED_PERSON_DAYS = 90
MIN_REMOVED_PERSON_DAYS, MAX_REMOVED_PERSON_DAYS = 7, 3650


class RetentionSettings(models.Model):
    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="retention_settings",
        verbose_name=_("organisation"),
    )
    import_days = models.PositiveSmallIntegerField(
        _("keep unconfirmed imports for (days)"),
        default=DEFAULT_IMPORT_DAYS,
        validators=[MinValueValidator(MIN_IMPORT_DAYS), MaxValueValidator(MAX_IMPORT_DAYS)],
        help_text=_(
            "An uploaded file that was never imported, or was discarded, is deleted this many "
            "days after the upload."
        ),
    )
    removed_person_days = models.PositiveSmallIntegerField(
        _("keep removed people's e-mail addresses in the history for (days)"),
        default=DEFAULT_REMOVED_PERSON_DAYS,
        validators=[
            MinValueValidator(MIN_REMOVED_PERSON_DAYS),
            MaxValueValidator(MAX_REMOVED_PERSON_DAYS),
        ],
        help_text=_(
            "This many days after a person is removed, their e-mail address is erased from the "
            "change history; their name stays, so that the history still reads."
        ),
    )
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("retention settings")
        verbose_name_plural = _("retention settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(import_days__gte=MIN_IMPORT_DAYS)
                & models.Q(import_days__lte=MAX_IMPORT_DAYS),
                name="retention_import_days_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(removed_person_days__gte=MIN_REMOVED_PERSON_DAYS)
                & models.Q(removed_person_days__lte=MAX_REMOVED_PERSON_DAYS),
                name="retention_removed_person_days_in_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @classmethod
    def for_organisation(cls, organisation: Organisation) -> RetentionSettings:
        """The saved settings, or the defaults (unsaved) when the admin has not set them."""
        found = cls.objects.filter(organisation=organisation).first()
        return found or cls(organisation=organisation)
