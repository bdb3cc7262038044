"""The audit event log: what happened apart from the changes history rows keep (sign-ins,
tokens, writes through the API, exports of personal data). Append-only.

Callers record an event inside their own transaction, so the event and the change it tells of
commit together, or neither does. Events of a user that concern no organisation in particular
(signing in, a sign-in link) are recorded once for each organisation the user belongs to, so
that each organisation's change log shows its own members' sign-ins and no other's; a user of
no organisation (a superuser, say) and a failed log-in with an unknown user name get one event
without an organisation, which only the Django admin shows.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from tiekartta.accounts.models import AuditEvent, EventKind, Organisation, User
from tiekartta.core.actors import ActorKind, as_actor

SUBJECT_LENGTH = AuditEvent._meta.get_field("subject").max_length or 300
LABEL_LENGTH = AuditEvent._meta.get_field("actor_label").max_length or 200


def record_event(
    *,
    actor: Any,
    organisation: Organisation | None,
    kind: str,
    subject: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event. `actor` is an Actor, a user or None (the system)."""
    who = as_actor(actor)
    event = AuditEvent(
        organisation=organisation,
        at=timezone.now(),
        actor=who.user if who.kind == ActorKind.USER else None,
        actor_label="" if who.kind == ActorKind.USER else who.label[:LABEL_LENGTH],
        kind=EventKind(kind),
        subject=subject[:SUBJECT_LENGTH],
        data=data or {},
    )
    event.save()
    return event


def record_user_event(
    *, actor: Any, user: User, kind: str, subject: str = "", data: dict[str, Any] | None = None
) -> list[AuditEvent]:
    """One event for each organisation `user` belongs to, or one without an organisation."""
    organisations: list[Organisation | None] = list(
        Organisation.objects.filter(memberships__user=user).order_by("pk")
    )
    return [
        record_event(actor=actor, organisation=organisation, kind=kind, subject=subject, data=data)
        for organisation in organisations or [None]
    ]


def client_address(request: HttpRequest | None) -> str:
    """The address a request came from, as django-axes reads it for its log-in limits."""
    if request is None:
        return ""
    return str(get_client_ip_address(request) or "")


def _address_data(request: HttpRequest | None) -> dict[str, Any]:
    address = client_address(request)
    return {"address": address} if address else {}


@receiver(user_logged_in, dispatch_uid="tiekartta_audit_sign_in")
def _signed_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    record_user_event(
        actor=user,
        user=user,
        kind=EventKind.SIGN_IN,
        subject=user.get_username(),
        data=_address_data(request),
    )


@receiver(user_login_failed, dispatch_uid="tiekartta_audit_sign_in_failed")
def _sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Only the user name: the credentials also hold the (masked) password, never kept.
    username = str(credentials.get("username") or "")[:SUBJECT_LENGTH]
    data = {"username": username, **_address_data(request)}
    user = User.objects.filter(username=username).first() if username else None
    if user is None:
        record_event(
            actor=None,
            organisation=None,
            kind=EventKind.SIGN_IN_FAILED,
            subject=username,
            data=data,
        )
        return
    # Not the user's doing: whoever typed the name is unknown.
    record_user_event(
        actor=None, user=user, kind=EventKind.SIGN_IN_FAILED, subject=username, data=data
    )
