"""Writes to users and memberships: every one atomic, validated and left in the history."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.events import record_event, record_user_event
from tiekartta.accounts.models import (
    ApiToken,
    EventKind,
    Membership,
    Organisation,
    Role,
    SignInLink,
    User,
)
from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.audit import history_by


@transaction.atomic
def add_member(
    *,
    actor: Actor,
    organisation: Organisation,
    username: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str = "",
) -> Membership:
    """Give an existing user a role, or create the user with an initial password."""
    who = as_actor(actor)
    user = User.objects.filter(username=username).first()
    if user is None:
        if not password:
            raise ValidationError({"password": _("A new user needs an initial password.")})
        user = User(username=username, first_name=first_name, last_name=last_name, email=email)
        validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
    membership = Membership(user=user, organisation=organisation, role=role)
    membership.full_clean()
    with history_by(membership, who):
        membership.save()
    record_event(
        actor=who,
        organisation=organisation,
        kind=EventKind.MEMBER_ADDED,
        subject=user.username,
        data={"role": role},
    )
    return membership


@transaction.atomic
def change_role(*, actor: Actor, membership: Membership, role: str) -> Membership:
    who = as_actor(actor)
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
    return organisation


@transaction.atomic
def create_demo_user(
    *,
    actor: Actor,
    organisation: Organisation,
    username: str,
    password: str,
    role: str,
    language: str,
) -> tuple[User, bool]:
    """A demo log-in: the user and its membership, whichever is missing. The password is the
    one the demo documents, so it is not validated. Returns the user and whether it was new."""
    who = as_actor(actor)
    user = User.objects.filter(username=username).first()
    created = user is None
    if user is None:
        user = User(username=username, language=language)
        user.set_password(password)
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


# One-time sign-in links ----------------------------------------------------------------------


class SignInLinkError(Exception):
    """The link cannot be used; `reason` is "unknown", "expired" or "used"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def hash_sign_in_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_sign_in_link(
    *, user: User, next_path: str, valid_for: datetime.timedelta
) -> tuple[SignInLink, str]:
    """A new single-use link; returns it with the raw token, which is never stored."""
    # "//host" and "/\\host" are read by browsers as another site.
    if not next_path.startswith("/") or next_path[1:2] in {"/", "\\"}:
        raise ValidationError({"next_path": _("The address must be a path on this site.")})
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    link = SignInLink(
        user=user,
        token_hash=hash_sign_in_token(token),
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
    The row lock makes two simultaneous clicks on the same link succeed at most once."""
    link = (
        SignInLink.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=hash_sign_in_token(token))
        .first()
    )
    if link is None or not link.user.is_active:
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
        data={"link": link.pk, "next": link.next_path},
    )
    return link


# API tokens ----------------------------------------------------------------------------------

API_TOKEN_PREFIX = "tk_"  # noqa: S105 - a marker, not a secret


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
