"""What the installation holds about one person, and every row of one organisation.

Both walk all the installed models rather than a list of them, so that a table added later
is exported without anyone remembering to add it here:

- a row belongs to an organisation when a chain of foreign keys leads from it to the
  organisation (a task through its roadmap, a task's history row through the roadmap id it
  recorded);
- a row is about a person when it points at their user account or at a Person record of
  theirs, when one of its e-mail fields holds their address, or when it is a history row of
  their account or Person record.

Password hashes and token hashes are never exported: they are secrets, not personal data
the person could use, and a copy of them would let whoever holds it try to sign in.
"""

from __future__ import annotations

import datetime
import functools
import json
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from tiekartta.accounts.models import Membership, Organisation, User
from tiekartta.roadmap.models import Person

SECRET_FIELDS = frozenset({"password", "token_hash"})
# How far a chain of foreign keys may go to reach the organisation (a progress entry's history
# row: task → roadmap → organisation).
MAX_DEPTH = 4
FORMAT_PERSON = "tiekartta-personal-data/1"
FORMAT_ORGANISATION = "tiekartta-organisation/1"

Tables = dict[str, list[dict[str, Any]]]


@dataclass
class Subject:
    """Whom a personal data export is about: a user account, an e-mail address, or both, and
    Person records of theirs (a person without an account is found by address or by id)."""

    user: User | None = None
    email: str = ""
    person_ids: set[int] = field(default_factory=set)

    @property
    def label(self) -> str:
        if self.user is not None:
            return self.user.get_username()
        return self.email or ", ".join(f"person {pk}" for pk in sorted(self.person_ids))

    def emails(self) -> set[str]:
        found = {self.email.strip()} if self.email.strip() else set()
        if self.user is not None and self.user.email:
            found.add(self.user.email)
        return found


def _foreign_keys(model: type[models.Model]) -> list[models.ForeignKey[Any, Any]]:
    return [
        f
        for f in model._meta.get_fields()
        if isinstance(f, models.ForeignKey | models.OneToOneField) and f.concrete
    ]


def _paths(model: type[models.Model], depth: int) -> list[list[models.ForeignKey[Any, Any]]]:
    """Every chain of at most `depth` foreign keys from `model` to Organisation."""
    found: list[list[models.ForeignKey[Any, Any]]] = []
    for fk in _foreign_keys(model):
        target = fk.related_model
        if target is Organisation:
            found.append([fk])
        elif isinstance(target, type) and depth > 1 and target is not model:
            found.extend([fk, *rest] for rest in _paths(target, depth - 1))
    return found


@functools.cache
def organisation_lookups(model: type[models.Model]) -> tuple[str, ...]:
    """How `model`'s rows reach their organisation: the shortest chain of required foreign
    keys ("task__roadmap__organisation") when there is one; otherwise every chain, any of
    which may hold (a history row's keys may all be empty). Empty: no chain at all."""
    paths = _paths(model, MAX_DEPTH)
    required = [p for p in paths if not any(fk.null for fk in p)]
    if required:
        paths = [min(required, key=len)]
    return tuple(dict.fromkeys("__".join(fk.name for fk in p) for p in paths))


def organisation_path(model: type[models.Model]) -> str | None:
    """The one lookup of a model whose rows always have their organisation, else None."""
    lookups = organisation_lookups(model)
    return lookups[0] if len(lookups) == 1 else None


def of_organisation(model: type[models.Model], organisation: Organisation) -> Q | None:
    """The condition for `model`'s rows of the organisation; None when it has none."""
    if model is Organisation:
        return Q(pk=organisation.pk)
    lookups = organisation_lookups(model)
    if not lookups:
        return None
    match = Q(**{lookups[0]: organisation.pk})
    for lookup in lookups[1:]:
        match |= Q(**{lookup: organisation.pk})
    return match


def _exported_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.get_fields()
        if f.concrete and not f.auto_created and f.name not in SECRET_FIELDS
    ] + [f.name for f in model._meta.many_to_many if f.name not in SECRET_FIELDS]


def _serialise(queryset: models.QuerySet[Any]) -> list[dict[str, Any]]:
    model = queryset.model
    rows = serializers.serialize("python", queryset.order_by("pk"), fields=_exported_fields(model))
    return [{"pk": row["pk"], "fields": row["fields"]} for row in rows]


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def to_json(document: dict[str, Any]) -> bytes:
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()


# An organisation ----------------------------------------------------------------------------


def organisation_tables(organisation: Organisation) -> Tables:
    """Every row of the organisation, by table; its members' accounts without passwords."""
    tables: Tables = {}
    for model in apps.get_models():
        if model is User:
            queryset: models.QuerySet[Any] = User._base_manager.filter(
                memberships__organisation=organisation
            ).distinct()
        else:
            belongs = of_organisation(model, organisation)
            if belongs is None:
                continue
            # By id: a row reached by several chains is exported once.
            matching = model._base_manager.filter(belongs).values("pk")
            queryset = model._base_manager.filter(pk__in=matching)
        rows = _serialise(queryset)
        if rows:
            tables[_label(model)] = rows
    return tables


def organisation_document(organisation: Organisation, now: datetime.datetime) -> dict[str, Any]:
    return {
        "format": FORMAT_ORGANISATION,
        "exported_at": now,
        "organisation": organisation.slug,
        "tables": organisation_tables(organisation),
    }


# A person -----------------------------------------------------------------------------------


def people_of(subject: Subject, organisation: Organisation | None) -> set[int]:
    """The Person records that are the subject: linked to the account, with the address, or
    named by id; only the organisation's when one is given."""
    match = Q(pk__in=subject.person_ids)
    if subject.user is not None:
        match |= Q(user=subject.user)
    for email in subject.emails():
        match |= Q(email__iexact=email)
    people = Person._base_manager.filter(match)
    if organisation is not None:
        people = people.filter(organisation=organisation)
    return set(people.values_list("pk", flat=True))


def _about(model: type[models.Model], subject: Subject, people: set[int]) -> Q | None:
    """The condition for `model`'s rows about the subject, None when none can be."""
    user = subject.user
    emails = subject.emails()
    conditions: list[Q] = []
    instance_type = getattr(model, "instance_type", None)  # a history model's original
    if user is not None and model is User:
        conditions.append(Q(pk=user.pk))
    if user is not None and instance_type is User:
        conditions.append(Q(id=user.pk))
    if model is Person:
        conditions.append(Q(pk__in=people))
    if instance_type is Person:
        conditions.append(Q(id__in=people))
    for fk in _foreign_keys(model):
        if fk.related_model is User and user is not None:
            conditions.append(Q(**{fk.name: user}))
        elif fk.related_model is Person:
            conditions.append(Q(**{f"{fk.name}__in": people}))
    for m2m in model._meta.many_to_many:
        if m2m.related_model is Person:
            conditions.append(Q(**{f"{m2m.name}__in": people}))
    for f in model._meta.concrete_fields:
        if isinstance(f, models.EmailField):
            conditions.extend(Q(**{f"{f.name}__iexact": email}) for email in emails)
    if user is not None and any(f.name == "username" for f in model._meta.concrete_fields):
        # Log-in records (django-axes) name the user by user name only.
        conditions.append(Q(username=user.get_username()))
    if user is not None and model._meta.label == "accounts.AuditEvent":
        # A failed sign-in has no actor; it names the user name it was tried with.
        conditions.append(Q(data__username=user.get_username()))
    if not conditions:
        return None
    match = conditions[0]
    for condition in conditions[1:]:
        match |= condition
    return match


def person_tables(subject: Subject, organisation: Organisation | None) -> Tables:
    """Every row about the subject, by table. With an organisation only that organisation's
    rows (and the account itself, when the user is its member): an organisation's
    administrator sees nothing of what other organisations or the installation hold."""
    people = people_of(subject, organisation)
    tables: Tables = {}
    member = (
        subject.user is not None
        and organisation is not None
        and Membership.objects.filter(user=subject.user, organisation=organisation).exists()
    )
    for model in apps.get_models():
        match = _about(model, subject, people)
        if match is None:
            continue
        # By id, so that a match through several collaborations gives the row once.
        matching = model._base_manager.filter(match).values("pk")
        queryset = model._base_manager.filter(pk__in=matching)
        if organisation is not None:
            if model is User:
                if not member:
                    continue
            else:
                belongs = of_organisation(model, organisation)
                if belongs is None:
                    continue
                queryset = queryset.filter(pk__in=model._base_manager.filter(belongs).values("pk"))
        rows = _serialise(queryset)
        if rows:
            tables[_label(model)] = rows
    return tables


def person_document(
    subject: Subject, organisation: Organisation | None, now: datetime.datetime
) -> dict[str, Any]:
    return {
        "format": FORMAT_PERSON,
        "exported_at": now,
        "organisation": organisation.slug if organisation else None,
        "subject": {
            "user": subject.user.get_username() if subject.user else None,
            "email": sorted(subject.emails()),
        },
        "tables": person_tables(subject, organisation),
    }


def organisations_of(subject: Subject) -> list[Organisation]:
    """The organisations whose change log is to show an export about the subject."""
    people = people_of(subject, None)
    match = Q(people__pk__in=people)
    if subject.user is not None:
        match |= Q(memberships__user=subject.user)
    return list(Organisation.objects.filter(match).distinct().order_by("pk"))
