from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.core.constraints import ConstraintErrorsOnFields
from tiekartta.core.translations import ContentLanguages, language_codes


class User(AbstractUser):
    """A person who can sign in. Their language choice follows them across devices.

    `email_verified_at` says that the user showed they read mail sent to `email` (by accepting
    an invitation sent there, or a verification mail they asked for). Only a verified address
    ever receives a sign-in link; changing the address clears the verification."""

    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True, default=""
    )
    email_verified_at = models.DateTimeField(_("e-mail verified"), null=True, blank=True)

    _loaded_email: str | None = None
    _verifying = False

    # Who became superuser or staff, was deactivated or got another address, and by whom. The
    # password hash and the last log-in are left out: one is secret, the other mere noise.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @classmethod
    def from_db(cls, *args: Any, **kwargs: Any) -> User:
        user = super().from_db(*args, **kwargs)
        user._loaded_email = user.__dict__.get("email")
        return user  # type: ignore[return-value]

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        # A sign-in writes last_login, which the history leaves out: no row for it
        # (simple_history skips when the attribute exists, whatever its value).
        only_last_login = update_fields is not None and set(update_fields) <= {"last_login"}
        if only_last_login:
            self.skip_history_when_saving = True
        # An address typed in (the Django admin, a form) is not verified by being typed.
        loaded = getattr(self, "_loaded_email", None)
        if loaded is not None and self.email != loaded and not self._verifying:
            self.email_verified_at = None
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "email_verified_at"}
        try:
            super().save(*args, **kwargs)
        finally:
            if only_last_login:
                del self.skip_history_when_saving
        self._loaded_email = self.email
        self._verifying = False

    def mark_email_verified(self, email: str, at: datetime.datetime) -> None:
        """Set the address the user has just shown they receive; saved by the caller."""
        self.email = email
        self.email_verified_at = at
        self._verifying = True

    @property
    def verified_email(self) -> str:
        """The address sign-in links may go to, or "" when there is none."""
        return self.email if self.email and self.email_verified_at else ""

    @property
    def may_get_sign_in_links(self) -> bool:
        """Staff and superusers sign in with their password only: a link in a mailbox must not
        open the Django admin or the whole installation."""
        return self.is_active and not self.is_staff and not self.is_superuser


def default_primary_language() -> str:
    return str(settings.TIEKARTTA_CONTENT_LANGUAGE)


def validate_translation_languages(value: Any) -> None:
    codes = language_codes()
    if not isinstance(value, list) or any(code not in codes for code in value):
        raise ValidationError(_("Choose languages of the service only."))


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
    # Titles and descriptions are written in the primary language; the others get language
    # versions (tiekartta.core.translations).
    primary_language = models.CharField(
        _("primary language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=default_primary_language,
        # Rows written by code that predates the column (a rolling upgrade) are valid too.
        db_default="fi",
        help_text=_("The language in which titles and descriptions are written first."),
    )
    translation_languages = models.JSONField(
        _("other languages"),
        default=list,
        db_default=models.Value([], output_field=models.JSONField()),
        blank=True,
        validators=[validate_translation_languages],
        help_text=_("Languages into which the texts are translated."),
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
            ),
            models.CheckConstraint(
                condition=models.Q(primary_language__in=language_codes()),
                name="organisation_primary_language_known",
                violation_error_message=_("Choose one of the languages of the service."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def content_languages(self) -> ContentLanguages:
        others = tuple(
            code
            for code in language_codes()
            if code in (self.translation_languages or []) and code != self.primary_language
        )
        return ContentLanguages(self.primary_language, others)


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
    # Optimistic locking: a change of role must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

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


class LinkPurpose(models.TextChoices):
    REMINDER = "reminder", _("Reminder: update own tasks and metrics")


class SignInLink(models.Model):
    """A one-time sign-in link sent by e-mail. Only a hash of the token is stored, so that a
    copy of the database cannot be used to sign in. The session it opens reaches only its
    organisation and its purpose (accounts.link_sessions)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sign_in_links",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="sign_in_links",
        verbose_name=_("organisation"),
    )
    purpose = models.CharField(
        _("purpose"), max_length=16, choices=LinkPurpose.choices, default=LinkPurpose.REMINDER
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
            ),
            models.CheckConstraint(
                condition=models.Q(purpose__in=LinkPurpose.values),
                name="sign_in_link_purpose_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(ConstraintErrorsOnFields, models.Model):
    """An administrator's invitation to join the organisation with a role, sent to an address.
    Nobody becomes a member until the invitee accepts with the one-time token from the mail;
    only the token's hash is stored."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    sent_at = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["token_hash"])

    constraint_fields = {"invitation_pending_unique": "email"}

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "organisation",
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_pending_unique",
                violation_error_message=_(
                    "This address already has a pending invitation: resend it from the list."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="invitation_role_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("sent_at")),
                name="invitation_expires_after_sending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} @ {self.organisation}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class EmailVerification(models.Model):
    """A one-time token a signed-in user asked for, to show they receive mail at `email`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_verifications",
        verbose_name=_("user"),
    )
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"))
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail verification")
        verbose_name_plural = _("e-mail verifications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="email_verification_expires_after_creation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.email}"


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

    # A constraint named after the token, not a secret.
    constraint_fields = {"api_token_name_unique_in_organisation": "name"}  # nosec B105

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
    INVITATION_SENT = "invitation_sent", _("Invitation sent")
    INVITATION_RESENT = "invitation_resent", _("Invitation sent again")
    INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
    EMAIL_VERIFIED = "email_verified", _("E-mail address verified")
    ROLE_CHANGED = "role_changed", _("Role changed")
    MEMBER_REMOVED = "member_removed", _("Member removed")
    API_TOKEN_CREATED = "api_token_created", _("API token created")
    API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")
    API_WRITE = "api_write", _("Written through the API")
    IMPORT_CONFIRMED = "import_confirmed", _("Import confirmed")
    IMPORT_DISCARDED = "import_discarded", _("Import discarded")
    PERSONAL_DATA_EXPORT = "personal_data_export", _("Personal data exported")
    ORGANISATION_EXPORTED = "organisation_exported", _("Organisation's data exported")
    DATA_PURGED = "data_purged", _("Data deleted after retention")
    RETENTION_SAVED = "retention_saved", _("Retention periods saved")
    ORGANISATION_CREATED = "organisation_created", _("Organisation created")
    ORGANISATION_CHANGED = "organisation_changed", _("Organisation changed")
    USER_CREATED = "user_created", _("User created")
    USER_CHANGED = "user_changed", _("User changed")
    STATEMENT_SAVED = "statement_saved", _("Accessibility statement saved")
    FEEDBACK_RECEIVED = "feedback_received", _("Feedback received")
    FEEDBACK_ANSWERED = "feedback_answered", _("Feedback answered")
    FEEDBACK_PURGED = "feedback_purged", _("Feedback deleted after retention")
    NEWS_PUBLISHED = "news_published", _("News published")
    NEWS_UNPUBLISHED = "news_unpublished", _("News withdrawn")


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
