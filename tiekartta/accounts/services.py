"""Writes to users and memberships: every one atomic, validated and left in the history."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Membership, Organisation, Role, User
from tiekartta.core.audit import history_by


@transaction.atomic
def add_member(
    *,
    actor: User | None,
    organisation: Organisation,
    username: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str = "",
) -> Membership:
    """Give an existing user a role, or create the user with an initial password."""
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
    with history_by(membership, actor):
        membership.save()
    return membership


@transaction.atomic
def change_role(*, actor: User | None, membership: Membership, role: str) -> Membership:
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        _keep_one_admin(membership)
    membership.role = role
    membership.full_clean()
    with history_by(membership, actor):
        membership.save()
    return membership


@transaction.atomic
def remove_member(*, actor: User | None, membership: Membership) -> None:
    if membership.role == Role.ADMIN:
        _keep_one_admin(membership)
    with history_by(membership, actor):
        membership.delete()


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
