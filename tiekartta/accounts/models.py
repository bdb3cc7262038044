from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import validate_slug
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.core.constraints import ConstraintErrorsOnFields


class User(AbstractUser):
    """A person who can sign in. Their language choice follows them across devices."""

    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True, default=""
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def for_user(self, user: User) -> OrganisationQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()


class Organisation(models.Model):
    """A municipality or another public body; everything else belongs to exactly one."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=60, validators=[validate_slug])
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Shown to users as demonstration data.")
    )

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                name="organisation_slug_unique",
                violation_error_message=_("An organisation with this short name already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")
    OWNER = "owner", _("Task owner")
    VIEWER = "viewer", _("Viewer")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def of_organisation(self, organisation: Organisation) -> MembershipQuerySet:
        return self.filter(organisation=organisation)


class Membership(models.Model):
    """A user's role in one organisation. A user may belong to several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="membership_user_organisation_unique",
                violation_error_message=_("This user is already a member of the organisation."),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    # The roadmap the membership is used in on this request (not stored): `roadmap_view` sets
    # it, so that every question asked through this membership, the templates' included, is
    # asked within that roadmap and an archived one is read-only (see accounts.policy).
    within: Any = None

    # The role's rights are decided in accounts.policy; these names are kept for templates.
    def can(self, capability: str, obj: object = None) -> bool:
        from tiekartta.accounts.policy import allows

        return allows(self, capability, obj)

    @property
    def is_admin(self) -> bool:
        return self.can("org.admin")

    @property
    def can_edit_all_tasks(self) -> bool:
        return self.can("task.edit")

    @property
    def can_manage_roadmaps(self) -> bool:
        return self.can("roadmap.admin")

    @property
    def can_archive_roadmaps(self) -> bool:
        return self.can("roadmap.archive")

    @property
    def can_manage_structure(self) -> bool:
        """Themes and people: the digital group shapes them together."""
        return self.can("structure.edit")


class SignInLink(models.Model):
    """A one-time sign-in link sent by e-mail. Only a hash of the token is stored, so that a
    copy of the database cannot be used to sign in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sign_in_links",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    next_path = models.CharField(_("address after signing in"), max_length=500)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="sign_in_link_expires_after_creation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)

    def named(self, name: str) -> ApiTokenQuerySet:
        """Tokens of this name in any case, as the database's unique constraint compares them
        (`name__iexact` would be LIKE on SQLite, which folds only ASCII letters)."""
        return self.alias(folded_name=Lower("name")).filter(folded_name=Lower(Value(name)))


class ApiToken(ConstraintErrorsOnFields, models.Model):
    """A token with which another system (a data warehouse, say) writes metric values of one
    organisation. Shown once at creation; only its SHA-256 hash is stored."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("organisation"),
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("Which system uses the token, for example Data warehouse."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The start of the token, so that a person can tell which one a system has.
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    # Every token reads the organisation's roadmaps and writes metric values; recording
    # progress for any task is a separate grant, so a read-only warehouse cannot change plans.
    records_progress = models.BooleanField(
        _("records progress"),
        default=False,
        help_text=_("The token may record progress entries for every task."),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = ApiTokenQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["last_used_at", "token_hash"])

    constraint_fields = {"api_token_name_unique_in_organisation": "name"}

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "organisation",
                name="api_token_name_unique_in_organisation",
                violation_error_message=_("The organisation already has a token with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class EventKind(models.TextChoices):
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    SIGN_IN_LINK_USED = "sign_in_link_used", _("Sign-in link used")
    MEMBER_ADDED = "member_added", _("Member added")
    ROLE_CHANGED = "role_changed", _("Role changed")
    MEMBER_REMOVED = "member_removed", _("Member removed")
    API_TOKEN_CREATED = "api_token_created", _("API token created")
    API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")
    API_WRITE = "api_write", _("Written through the API")
    IMPORT_CONFIRMED = "import_confirmed", _("Import confirmed")
    IMPORT_DISCARDED = "import_discarded", _("Import discarded")
    PERSONAL_DATA_EXPORT = "personal_data_export", _("Personal data exported")


class AppendOnlyError(Exception):
    """An audit event was to be changed or removed: the log only grows."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")


class AuditEvent(models.Model):
    """Something that happened, apart from the changes the history rows keep: a sign-in, a
    token created, a write through the API, an export of personal data. Written with
    accounts.events.record_event in the caller's transaction; never changed or deleted (an
    organisation's removal takes its events with it)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("organisation"),
        help_text=_("Empty for events of the whole installation."),
    )
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # How a token or the system is named ("API: Tietovarasto"); empty for a user.
    actor_label = models.CharField(_("actor"), max_length=200, blank=True, default="")
    kind = models.CharField(_("event"), max_length=32, choices=EventKind.choices)
    subject = models.CharField(_("subject"), max_length=300, blank=True, default="")
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-at"], name="audit_event_org_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.subject}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be changed")
        # Never an UPDATE, even of a new instance given an existing row's id.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")
