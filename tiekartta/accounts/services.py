"""Writes to users and memberships: every one atomic, validated and left in the history."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts import link_sessions
from tiekartta.accounts.events import record_event, record_user_event
from tiekartta.accounts.models import (
    ApiToken,
    EmailVerification,
    EventKind,
    Invitation,
    LinkPurpose,
    Membership,
    Organisation,
    Role,
    SignInLink,
    User,
)
from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.audit import history_by
from tiekartta.core.locking import claimed


@transaction.atomic
def change_role(
    *, actor: Actor, membership: Membership, role: str, expected_version: int | None = None
) -> Membership:
    """Only if nobody has changed the membership since `expected_version` was read (None: the
    version `membership` carries). Otherwise ConflictError; see core.locking."""
    who = as_actor(actor)
    with claimed(membership, expected_version):
        if membership.role == Role.ADMIN and role != Role.ADMIN:
            _keep_one_admin(membership)
        before = membership.role
        membership.role = role
        membership.full_clean()
        with history_by(membership, who):
            membership.save()
    if before != role:
        record_event(
            actor=who,
            organisation=membership.organisation,
            kind=EventKind.ROLE_CHANGED,
            subject=membership.user.username,
            data={"from": before, "to": role},
        )
    return membership


@transaction.atomic
def remove_member(*, actor: Actor, membership: Membership) -> None:
    who = as_actor(actor)
    if membership.role == Role.ADMIN:
        _keep_one_admin(membership)
    record_event(
        actor=who,
        organisation=membership.organisation,
        kind=EventKind.MEMBER_REMOVED,
        subject=membership.user.username,
        data={"role": membership.role},
    )
    with history_by(membership, who):
        membership.delete()


@transaction.atomic
def create_organisation(
    *, actor: Actor, name: str, slug: str, is_demo: bool = False
) -> Organisation:
    organisation = Organisation(name=name, slug=slug, is_demo=is_demo)
    organisation.full_clean()
    with history_by(organisation, actor):
        organisation.save()
    record_event(
        actor=actor,
        organisation=organisation,
        kind=EventKind.ORGANISATION_CREATED,
        subject=organisation.name,
        data={"slug": slug, "is_demo": is_demo},
    )
    return organisation


@transaction.atomic
def update_organisation(
    *, actor: Actor, organisation: Organisation, name: str, slug: str, is_demo: bool
) -> Organisation:
    """The organisation has no product page for this: superusers rename it in the Django admin."""
    before = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.name, organisation.slug, organisation.is_demo = name, slug, is_demo
    organisation.full_clean()
    with history_by(organisation, actor):
        organisation.save()
    changed = {
        field: [getattr(before, field), getattr(organisation, field)]
        for field in ("name", "slug", "is_demo")
        if getattr(before, field) != getattr(organisation, field)
    }
    if changed:
        record_event(
            actor=actor,
            organisation=organisation,
            kind=EventKind.ORGANISATION_CHANGED,
            subject=organisation.name,
            data=changed,
        )
    return organisation


# Users have no product page of their own (a member is added on *Users and roles*): superusers
# create them, set their password and grant staff rights in the Django admin, through these.


@transaction.atomic
def create_user(*, actor: Actor, user: User, password: str | None) -> User:
    """Save the new `user` (built by the admin's form); None for `password` leaves it unusable,
    for a user who signs in with a one-time link only."""
    if password is None:
        user.set_unusable_password()
    else:
        validate_password(password, user)
        user.set_password(password)
    user.full_clean()
    user.save()
    record_user_event(actor=actor, user=user, kind=EventKind.USER_CREATED, subject=user.username)
    return user


@transaction.atomic
def update_user(
    *,
    actor: Actor,
    user: User,
    changed_fields: Sequence[str],
    groups: Iterable[Group] | None = None,
    permissions: Iterable[Permission] | None = None,
) -> User:
    """Save what the admin's form changed on `user` (names, e-mail, staff and superuser rights,
    groups and permissions), with an event naming the fields."""
    user.full_clean(exclude=["password"])
    user.save()
    if groups is not None:
        user.groups.set(groups)
    if permissions is not None:
        user.user_permissions.set(permissions)
    if changed_fields:
        record_user_event(
            actor=actor,
            user=user,
            kind=EventKind.USER_CHANGED,
            subject=user.username,
            data={"fields": sorted(changed_fields)},
        )
    return user


@transaction.atomic
def set_user_password(*, actor: Actor, user: User, password: str | None) -> User:
    """A new password, or None for an unusable one; the event never holds the password."""
    if password is None:
        user.set_unusable_password()
    else:
        validate_password(password, user)
        user.set_password(password)
    user.save(update_fields=["password"])
    record_user_event(
        actor=actor,
        user=user,
        kind=EventKind.USER_CHANGED,
        subject=user.username,
        data={"fields": ["password"]},
    )
    return user


@transaction.atomic
def create_demo_user(
    *,
    actor: Actor,
    organisation: Organisation,
    username: str,
    password: str,
    role: str,
    language: str,
    email: str = "",
) -> tuple[User, bool]:
    """A demo log-in: the user and its membership, whichever is missing. The password is the
    one the demo documents, so it is not validated. The demo's invented address counts as
    verified, so that the demo's reminders show their sign-in links. Returns the user and
    whether it was new."""
    who = as_actor(actor)
    user = User.objects.filter(username=username).first()
    created = user is None
    if user is None:
        user = User(username=username, language=language)
        user.set_password(password)
    changed = created
    if email and not user.verified_email:
        user.mark_email_verified(email, timezone.now())
        changed = True
    if changed:
        with history_by(user, who):
            user.save()
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        membership = Membership(user=user, organisation=organisation, role=role)
        with history_by(membership, who):
            membership.save()
    return user, created


def _keep_one_admin(membership: Membership) -> None:
    others = (
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id, role=Role.ADMIN)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(_("The organisation must keep at least one administrator."))


@transaction.atomic
def set_language(*, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    user.language = language
    user.save(update_fields=["language"])
    return user


# One-time tokens ------------------------------------------------------------------------------


class SignInLinkError(Exception):
    """The link cannot be used; `reason` is "unknown", "expired" or "used"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def hash_sign_in_token(token: str) -> str:
    """The SHA-256 of a one-time token (sign-in link, invitation, verification): only this is
    stored, so that a copy of the database opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_sign_in_token(token)


# One-time sign-in links ----------------------------------------------------------------------


@transaction.atomic
def create_sign_in_link(
    *,
    user: User,
    organisation: Organisation,
    next_path: str,
    valid_for: datetime.timedelta,
    purpose: str = LinkPurpose.REMINDER,
) -> tuple[SignInLink, str]:
    """A new single-use link; returns it with the raw token, which is never stored.

    Refused for staff and superusers, for a user without a verified address (the link is sent
    there and nowhere else), for a user who is not a member, and for an address outside the
    link's organisation and purpose. It works at most TIEKARTTA_SIGN_IN_LINK_MAX_HOURS."""
    # "//host" and "/\\host" are read by browsers as another site.
    if not next_path.startswith("/") or next_path[1:2] in {"/", "\\"}:
        raise ValidationError({"next_path": _("The address must be a path on this site.")})
    if not link_sessions.path_allowed(next_path, organisation.slug, purpose):
        raise ValidationError({"next_path": _("A sign-in link cannot lead to this page.")})
    if not user.may_get_sign_in_links:
        raise ValidationError(_("Staff and superusers sign in with their password only."))
    if not user.verified_email:
        raise ValidationError(_("Sign-in links go only to a verified e-mail address."))
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError(_("The user is not a member of the organisation."))
    valid_for = min(valid_for, datetime.timedelta(hours=settings.TIEKARTTA_SIGN_IN_LINK_MAX_HOURS))
    token, token_hash = _new_token()
    now = timezone.now()
    link = SignInLink(
        user=user,
        organisation=organisation,
        purpose=purpose,
        token_hash=token_hash,
        next_path=next_path,
        created_at=now,
        expires_at=now + valid_for,
    )
    link.full_clean(exclude=["token_hash"])
    link.save()
    return link, token


@transaction.atomic
def redeem_sign_in_link(*, token: str, at: datetime.datetime | None = None) -> SignInLink:
    """Mark the link used at `at` (by default now) and return it, or raise SignInLinkError.
    The row lock makes two simultaneous clicks on the same link succeed at most once. A user
    who has since become staff or left the organisation cannot use it."""
    link = (
        SignInLink.objects.select_for_update()
        .select_related("user", "organisation")
        .filter(token_hash=hash_sign_in_token(token))
        .first()
    )
    if (
        link is None
        or not link.user.may_get_sign_in_links
        or not Membership.objects.filter(user=link.user, organisation=link.organisation).exists()
    ):
        raise SignInLinkError("unknown")
    if link.used_at is not None:
        raise SignInLinkError("used")
    now = at or timezone.now()
    if link.expires_at <= now:
        raise SignInLinkError("expired")
    link.used_at = now
    link.save(update_fields=["used_at"])
    record_user_event(
        actor=Actor.for_user(link.user),
        user=link.user,
        kind=EventKind.SIGN_IN_LINK_USED,
        subject=link.user.username,
        data={
            "link": link.pk,
            "next": link.next_path,
            "organisation": link.organisation.slug,
            "purpose": link.purpose,
        },
    )
    return link


# Invitations ---------------------------------------------------------------------------------


class InvitationError(Exception):
    """The invitation cannot be used; `reason` is "unknown", "expired" or "used"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _invitation_lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=settings.TIEKARTTA_INVITATION_DAYS)


@transaction.atomic
def invite_member(
    *, actor: Actor, organisation: Organisation, email: str, role: str
) -> tuple[Invitation, str]:
    """An invitation to `email` with `role`, and its token for the mail. Nobody is looked up:
    whether the address has an account is not the inviter's business, and nothing changes
    until the invitee accepts."""
    who = as_actor(actor)
    token, token_hash = _new_token()
    now = timezone.now()
    invitation = Invitation(
        organisation=organisation,
        email=BaseUserManager.normalize_email(email.strip()),
        role=role,
        token_hash=token_hash,
        invited_by=who.history_user,
        sent_at=now,
        expires_at=now + _invitation_lifetime(),
    )
    invitation.full_clean(exclude=["token_hash"])
    with history_by(invitation, who):
        invitation.save()
    record_event(
        actor=who,
        organisation=organisation,
        kind=EventKind.INVITATION_SENT,
        subject=invitation.email,
        data={"invitation": invitation.pk, "role": role},
    )
    return invitation, token


def _pending_locked(invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_pending:
        raise ValidationError(_("The invitation has already been accepted or revoked."))
    return locked


@transaction.atomic
def resend_invitation(*, actor: Actor, invitation: Invitation) -> tuple[Invitation, str]:
    """A new token and a new expiry; the one in the earlier mail stops working."""
    who = as_actor(actor)
    locked = _pending_locked(invitation)
    token, locked.token_hash = _new_token()
    locked.sent_at = timezone.now()
    locked.expires_at = locked.sent_at + _invitation_lifetime()
    with history_by(locked, who):
        locked.save()
    record_event(
        actor=who,
        organisation=locked.organisation,
        kind=EventKind.INVITATION_RESENT,
        subject=locked.email,
        data={"invitation": locked.pk, "role": locked.role},
    )
    return locked, token


@transaction.atomic
def revoke_invitation(*, actor: Actor, invitation: Invitation) -> Invitation:
    who = as_actor(actor)
    locked = _pending_locked(invitation)
    locked.revoked_at = timezone.now()
    with history_by(locked, who):
        locked.save()
    record_event(
        actor=who,
        organisation=locked.organisation,
        kind=EventKind.INVITATION_REVOKED,
        subject=locked.email,
        data={"invitation": locked.pk, "role": locked.role},
    )
    return locked


def usable_invitation(token_hash: str, *, lock: bool = False) -> Invitation:
    """The pending, unexpired invitation with this token hash, or InvitationError."""
    found = Invitation.objects.select_related("organisation").filter(token_hash=token_hash)
    invitation = (found.select_for_update() if lock else found).first()
    if invitation is None or invitation.revoked_at is not None:
        raise InvitationError("unknown")
    if invitation.accepted_at is not None:
        raise InvitationError("used")
    if invitation.expires_at <= timezone.now():
        raise InvitationError("expired")
    return invitation


@transaction.atomic
def accept_invitation(*, token_hash: str, user: User) -> Membership:
    """The signed-in `user` accepts: they become a member with the invitation's role. Holding
    the token shows that they read mail at the invited address, which becomes their verified
    address when they had none; an account verified for another address is refused."""
    invitation = usable_invitation(token_hash, lock=True)
    if not user.is_active:
        raise InvitationError("unknown")
    verified = user.verified_email
    if verified and verified.lower() != invitation.email.lower():
        raise ValidationError(
            _(
                "This invitation was sent to %(email)s, but your account's verified address is "
                "another. Log in with the account of that address, or log out and create an "
                "account."
            )
            % {"email": invitation.email}
        )
    if Membership.objects.filter(user=user, organisation=invitation.organisation).exists():
        raise ValidationError(
            _("You are already a member of %(organisation)s.")
            % {"organisation": invitation.organisation}
        )
    if not verified:
        _verify_address(user, invitation.email)
    return _join(invitation, user)


@transaction.atomic
def accept_invitation_as_new_user(
    *,
    token_hash: str,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    language: str = "",
) -> Membership:
    """The invitee creates their account: its verified address is the invited one."""
    invitation = usable_invitation(token_hash, lock=True)
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        language=language if language in dict(settings.LANGUAGES) else "",
    )
    user.mark_email_verified(invitation.email, timezone.now())
    user.full_clean(exclude=["password"])
    validate_password(password, user)
    user.set_password(password)
    with history_by(user, Actor.system("Invitation")):
        user.save()
    return _join(invitation, user)


def _verify_address(user: User, email: str) -> None:
    user.mark_email_verified(email, timezone.now())
    with history_by(user, user):
        user.save()
    record_user_event(actor=user, user=user, kind=EventKind.EMAIL_VERIFIED, subject=user.username)


def _join(invitation: Invitation, user: User) -> Membership:
    membership = Membership(user=user, organisation=invitation.organisation, role=invitation.role)
    membership.full_clean()
    with history_by(membership, user):
        membership.save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    with history_by(invitation, user):
        invitation.save()
    for kind in (EventKind.INVITATION_ACCEPTED, EventKind.MEMBER_ADDED):
        record_event(
            actor=user,
            organisation=invitation.organisation,
            kind=kind,
            subject=user.username,
            data={"invitation": invitation.pk, "role": invitation.role, "email": invitation.email},
        )
    return membership


# Verifying one's own address -----------------------------------------------------------------


@transaction.atomic
def request_email_verification(*, user: User, email: str) -> tuple[EmailVerification, str]:
    """A token for the signed-in user to show they read mail at `email`."""
    address = BaseUserManager.normalize_email(email.strip())
    EmailValidator()(address)
    token, token_hash = _new_token()
    now = timezone.now()
    hours = datetime.timedelta(hours=settings.TIEKARTTA_EMAIL_VERIFICATION_HOURS)
    verification = EmailVerification(
        user=user, email=address, token_hash=token_hash, created_at=now, expires_at=now + hours
    )
    verification.full_clean(exclude=["token_hash"])
    verification.save()
    return verification, token


@transaction.atomic
def confirm_email_verification(*, token: str, user: User) -> User:
    """The signed-in `user` confirms with the token from the mail; the address becomes theirs
    and verified. A token of another user is unknown to them."""
    verification = (
        EmailVerification.objects.select_for_update()
        .filter(token_hash=hash_sign_in_token(token), user=user)
        .first()
    )
    if verification is None:
        raise SignInLinkError("unknown")
    if verification.used_at is not None:
        raise SignInLinkError("used")
    if verification.expires_at <= timezone.now():
        raise SignInLinkError("expired")
    verification.used_at = timezone.now()
    verification.save(update_fields=["used_at"])
    _verify_address(user, verification.email)
    return user


# API tokens ----------------------------------------------------------------------------------

API_TOKEN_PREFIX = "tk_"  # noqa: S105  # nosec B105  # a marker, not a secret


def hash_api_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_api_token(
    *, actor: Actor, organisation: Organisation, name: str, records_progress: bool = False
) -> tuple[ApiToken, str]:
    """A new token and its secret, which is returned only here: the database keeps the hash."""
    who = as_actor(actor)
    secret = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        organisation=organisation,
        name=name.strip(),
        token_hash=hash_api_token(secret),
        prefix=secret[:10],
        created_by=who.history_user,
        records_progress=records_progress,
    )
    token.full_clean()
    with history_by(token, who):
        token.save()
    record_event(
        actor=who,
        organisation=organisation,
        kind=EventKind.API_TOKEN_CREATED,
        subject=token.name,
        data={"token": token.pk, "prefix": token.prefix, "records_progress": records_progress},
    )
    return token, secret


@transaction.atomic
def revoke_api_token(*, actor: Actor, token: ApiToken) -> ApiToken:
    who = as_actor(actor)
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.revoked_by = who.history_user
        with history_by(locked, who):
            locked.save()
        record_event(
            actor=who,
            organisation=locked.organisation,
            kind=EventKind.API_TOKEN_REVOKED,
            subject=locked.name,
            data={"token": locked.pk, "prefix": locked.prefix},
        )
    return locked


def authenticate_api_token(secret: str) -> ApiToken | None:
    """The active token with this secret, or None. Comparing hashes by lookup leaks nothing
    useful in its timing: the hash of a guess says nothing about the stored hashes."""
    if not secret.startswith(API_TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("organisation")
        .filter(token_hash=hash_api_token(secret))
        .first()
    )
    if token is not None:
        now = timezone.now()
        # A write per request would be wasted; a minute's precision tells the admin enough.
        if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
    return token
