"""Which languages an organisation writes its content in: the admin's setting, and what a
change of the primary language does to texts already written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import EventKind, Organisation
from tiekartta.core.actors import Actor
from tiekartta.core.audit import history_by
from tiekartta.core.locking import ConflictError
from tiekartta.core.translations import (
    ContentLanguages,
    language_codes,
    language_name_in_prose,
    registered,
)


def _rows_of(organisation: Organisation) -> list[tuple[Any, list[Any]]]:
    return [
        (entry, list(entry.model._default_manager.filter(**{entry.organisation: organisation})))
        for entry in registered()
    ]


def _untranslated_into(rows: list[tuple[Any, list[Any]]], language: str) -> int:
    return sum(
        1
        for entry, objects in rows
        for obj in objects
        for field in entry.fields
        if getattr(obj, field) and not ((obj.translations or {}).get(language) or {}).get(field)
    )


def _swap_primary(rows: list[tuple[Any, list[Any]]], old: str, new: str) -> int:
    """The texts written in the old primary language become its language versions, and the
    versions in the new one become the texts: nothing is lost and nothing is re-translated."""
    changed = 0
    for entry, objects in rows:
        for obj in objects:
            versions = {lang: dict(texts) for lang, texts in (obj.translations or {}).items()}
            incoming = versions.pop(new, {})
            outgoing = {field: getattr(obj, field) for field in entry.fields if getattr(obj, field)}
            if not incoming and not outgoing:
                continue
            for field in entry.fields:
                setattr(obj, field, incoming.get(field, ""))
            if outgoing:
                versions[old] = outgoing
            obj.translations = versions
            changed += 1
        entry.model._default_manager.bulk_update(objects, [*entry.fields, "translations"])
    return changed


@transaction.atomic
def set_content_languages(
    *,
    actor: Actor,
    organisation: Organisation,
    primary: str,
    languages: Sequence[str],
    expected: ContentLanguages | None = None,
) -> Organisation:
    """`languages` are all the languages the organisation uses, the primary among them.

    `expected`, the languages as the admin saw them when opening the form, guards against a
    stale save: if they have changed meanwhile, ConflictError and nothing is saved (the
    organisation has no version column, so the saved languages themselves are compared, under
    the row's lock).

    Changing the primary language needs every text to have a version in the new one already,
    so that no title is left in the wrong language under the new label; the admin is told how
    many lack it, and the list of missing translations shows which."""
    codes = language_codes()
    used = [code for code in codes if code in languages or code == primary]
    if primary not in codes:
        raise ValidationError(
            {"primary_language": _("Choose one of the languages of the service.")}
        )
    before = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if expected is not None and before.content_languages != expected:
        raise ConflictError(current=before.content_languages)
    swapped = 0
    if primary != before.primary_language:
        rows = _rows_of(organisation)
        lacking = _untranslated_into(rows, primary)
        if lacking:
            raise ValidationError(
                {
                    "primary_language": ngettext(
                        "%(count)d text has no %(language)s version yet: translate it before "
                        "making %(language)s the primary language.",
                        "%(count)d texts have no %(language)s version yet: translate them "
                        "before making %(language)s the primary language.",
                        lacking,
                    )
                    % {"count": lacking, "language": language_name_in_prose(primary)}
                }
            )
        swapped = _swap_primary(rows, before.primary_language, primary)
    organisation.primary_language = primary
    organisation.translation_languages = [code for code in used if code != primary]
    organisation.full_clean()
    with history_by(organisation, actor):
        organisation.save()
    changed = {
        field: [getattr(before, field), getattr(organisation, field)]
        for field in ("primary_language", "translation_languages")
        if getattr(before, field) != getattr(organisation, field)
    }
    if changed:
        if swapped:
            changed["texts_swapped"] = [0, swapped]
        record_event(
            actor=actor,
            organisation=organisation,
            kind=EventKind.ORGANISATION_CHANGED,
            subject=organisation.name,
            data=changed,
        )
    return organisation
