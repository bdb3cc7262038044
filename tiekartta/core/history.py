"""django-simple-history rows as people read them: who, when, which field, old → new.

Generic: `core` knows no app. Each app describes the models it tracks (`Tracked`: which fields,
how a value reads, how an object is named and where it lives) and gathers them in a
`ChangeSource` with what linking needs (`references`, at most one query); the task page, a
metric's page and the organisation's change log are built from those descriptions.

Every field is shown, related objects included: a foreign key or a many-to-many field reads as
the related objects' names *as they were at the time of the change* (from their own history
rows), so renaming a task later does not rewrite what an earlier change said.

A fixed number of queries however long the history: the rows asked for (each annotated with
the id of its predecessor), the predecessors, one query per many-to-many field, and one per
kind of related object for the names (`RelatedNames`).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tiekartta.core.numbers import format_number
from tiekartta.core.translations import (
    TranslatedText,
    TranslationsValidator,
    language_codes,
    language_name,
)


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    # The values are what users typed (a name, a description, related objects' names), not
    # the interface's words (a choice, Yes/No, a date): pages mark them with the content's
    # language (WCAG 3.1.2): a language version's values (`TranslatedText`) know their own.
    is_text: bool = False


def translated_fields_of(model_field: Any) -> tuple[str, ...]:
    """The fields whose language versions a `translations` column holds (in the model's
    order), or () for any other field."""
    for validator in getattr(model_field, "validators", ()):
        if isinstance(validator, TranslationsValidator):
            return tuple(validator.limits)
    return ()


def version_changes(
    model: type[models.Model], name: str, old: Any, new: Any, *, created: bool
) -> list[FieldChange]:
    """A `translations` column's change as one change per language version, "Title
    (svenska): old → new", rather than the column's JSON."""
    fields = translated_fields_of(model._meta.get_field(name))
    old, new = old or {}, new or {}
    changes = []
    for field_name in fields:
        for language in language_codes():
            before = str((old.get(language) or {}).get(field_name) or "")
            after = str((new.get(language) or {}).get(field_name) or "")
            if before == after or (created and not after):
                continue
            label = f"{field_label(model, field_name)} ({language_name(language)})"
            changes.append(
                FieldChange(
                    label,
                    TranslatedText(before, language),
                    TranslatedText(after, language),
                    is_text=True,
                )
            )
    return changes


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    changes: list[FieldChange]


@dataclass
class Change(HistoryEntry):
    """An entry of a log that spans several kinds of object: which one, and a link to it."""

    kind: str = ""
    name: str = ""
    link: str = ""
    # Where the row sits in a log of several sources: (when, source, history id) orders it.
    source: int = 0
    sort_id: int = 0
    is_event: bool = False


def action_label(history_type: str) -> str:
    return {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}.get(history_type, history_type)


def user_name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def who_of(row: Any) -> str:
    """The user of a history row; else the token or system actor its change reason names (see
    core.audit.history_by); else "System" (old rows, and saves where nobody said who)."""
    user = row.history_user
    if user is not None:
        return user_name(user)
    return str(getattr(row, "history_change_reason", None) or "") or _("System")


def capitalised(text: Any) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def field_label(model: type[models.Model], name: str) -> str:
    return capitalised(getattr(model._meta.get_field(name), "verbose_name", name))


def display_value(model: type[models.Model], name: str, value: Any) -> str:
    """A stored field value as people read it: choice labels, Yes/No, numbers and dates in the
    language's format."""
    model_field: Any = model._meta.get_field(name)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, datetime):
        return date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if getattr(model_field, "choices", None):
        return str(dict(model_field.choices).get(value, value))
    return "" if value is None else str(value)


Formatter = Callable[[Any], str]


def no_link(row: Any, references: Any) -> str:
    return ""


def history_model_of(model: type[models.Model]) -> Any:
    """The historical model of a tracked model, or None for a model without history."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute).model if attribute else None


def name_field_of(model: type[models.Model]) -> str | None:
    """The field that names an object of the model, for searching by name."""
    names = {f.name for f in model._meta.get_fields()}
    return next((n for n in ("name", "title", "username") if n in names), None)


@dataclass(frozen=True)
class Tracked:
    """One model's history as its app wants it read."""

    model: type[models.Model]
    # The lookup from the model (and so from its history rows) to its organisation.
    organisation_path: str
    # The fields shown, in order: foreign keys and many-to-many fields read as names.
    fields: tuple[str, ...]
    # How a field's value reads when display_value does not say it well (quarters, periods).
    formatters: Mapping[str, Formatter] = field(default_factory=dict)
    # The fields whose values, joined with " · ", name the object (related ones by their name
    # at the time); by default its title or name.
    name_fields: tuple[str, ...] = ()
    # (history row, the source's references) → where the object lives now.
    link: Callable[[Any, Any], str] = no_link
    # The lookup to the roadmap's id, for the change log's roadmap filter; None: no roadmap.
    roadmap_path: str | None = None

    @property
    def kind(self) -> str:
        return capitalised(self.model._meta.verbose_name)

    @property
    def key(self) -> str:
        """A stable name of the kind, for addresses (the change log's filter)."""
        return self.model._meta.label_lower

    @property
    def history(self) -> Any:
        return history_model_of(self.model)

    @property
    def naming(self) -> tuple[str, ...]:
        if self.name_fields:
            return self.name_fields
        own = name_field_of(self.model)
        return (own,) if own else ()

    def search_lookups(self) -> tuple[str, ...]:
        """The lookups on a history row that hold its name (related objects' current names)."""
        lookups = []
        for name in self.naming:
            model_field: Any = self.model._meta.get_field(name)
            if model_field.is_relation:
                target = name_field_of(model_field.related_model)
                if target:
                    lookups.append(f"{name}__{target}")
            else:
                lookups.append(name)
        return tuple(lookups)

    def show(self, name: str, value: Any) -> str:
        formatter = self.formatters.get(name)
        if formatter is not None:
            return formatter(value)
        return display_value(self.model, name, value)


def _no_references(organisation: Any) -> Any:
    return None


@dataclass(frozen=True)
class ChangeSource:
    """An app's tracked models, and what linking their rows needs: `references` reads it for an
    organisation in at most one query."""

    tracked: tuple[Tracked, ...]
    references: Callable[[Any], Any] = _no_references


def with_previous(rows: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """History rows annotated with the history id of the same object's previous row, in the
    order (history_date, history_id) that a row dated after the fact (the demo) keeps too."""
    history = rows.model
    earlier = (
        history.objects.filter(id=OuterRef("id"))
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    return rows.annotate(previous_history_id=Subquery(earlier))


def _as_it_was(model: type[models.Model], row: Any) -> models.Model:
    """The object as a history row keeps it, for its own __str__. Not simple-history's
    `row.instance`, which reads the fields the history leaves out (a version, say) from the
    database, one query per row."""
    values = {
        f.attname: getattr(row, f.attname)
        for f in model._meta.concrete_fields
        if hasattr(row, f.attname)
    }
    return model(**values)


class RelatedNames:
    """The names of related objects as they were at given times: first every wanted object is
    noted, then one query per model reads all their history rows (or, for a model without
    history such as the user, the current objects)."""

    def __init__(self) -> None:
        self._wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        # (model, pk) → the object's history rows' (date, name), oldest first.
        self._history: dict[tuple[type[models.Model], Any], list[tuple[datetime, str]]] = {}
        self._current: dict[tuple[type[models.Model], Any], str] = {}

    def want(self, model: type[models.Model], pk: Any) -> None:
        if pk is not None:
            self._wanted[model].add(pk)

    def load(self) -> None:
        for model, pks in self._wanted.items():
            history = history_model_of(model)
            if history is None:
                for obj in model._default_manager.filter(pk__in=pks):
                    label = user_name(obj) if hasattr(obj, "get_full_name") else str(obj)
                    self._current[(model, obj.pk)] = label
                continue
            for row in history.objects.filter(id__in=pks).order_by(
                "id", "history_date", "history_id"
            ):
                label = str(_as_it_was(model, row))
                self._history.setdefault((model, row.id), []).append((row.history_date, label))
        self._wanted.clear()

    def name(self, model: type[models.Model], pk: Any, when: datetime) -> str:
        rows = self._history.get((model, pk))
        if rows:
            index = bisect.bisect_right([at for at, _label in rows], when)
            # Before its first row (history began later): its earliest known name.
            return rows[max(index - 1, 0)][1]
        return self._current.get((model, pk), f"#{pk}")


def _m2m_targets(tracked: Tracked) -> dict[str, tuple[Any, str, type[models.Model]]]:
    """For each many-to-many field shown: its history model, the column of the related object
    and the related model."""
    found = {}
    for name in tracked.fields:
        model_field: Any = tracked.model._meta.get_field(name)
        if model_field.many_to_many:
            m2m_history = getattr(tracked.history, name).model
            column = f"{model_field.m2m_reverse_field_name()}_id"
            found[name] = (m2m_history, column, model_field.related_model)
    return found


class _Batch:
    """One model's rows on their way to becoming changes."""

    def __init__(self, tracked: Tracked, rows: Sequence[Any], references: Any, source: int):
        self.tracked = tracked
        self.rows = list(rows)
        self.references = references
        self.source = source
        self.previous: dict[int, Any] = {}
        self.m2m: dict[str, dict[int, frozenset[Any]]] = {}

    def fetch(self, names: RelatedNames) -> None:
        by_id = {row.history_id: row for row in self.rows}
        missing = {
            row.previous_history_id
            for row in self.rows
            if row.previous_history_id is not None and row.previous_history_id not in by_id
        }
        if missing:
            for row in self.tracked.history.objects.filter(history_id__in=missing):
                by_id[row.history_id] = row
        self.previous = {
            row.history_id: by_id[row.previous_history_id]
            for row in self.rows
            if row.previous_history_id is not None
        }
        every = list(by_id.values())
        for name, (m2m_history, column, related) in _m2m_targets(self.tracked).items():
            values: dict[int, set[Any]] = {row.history_id: set() for row in every}
            for history_id, target in m2m_history.objects.filter(
                history_id__in=list(values)
            ).values_list("history_id", column):
                values[history_id].add(target)
                names.want(related, target)
            self.m2m[name] = {key: frozenset(targets) for key, targets in values.items()}
        for name in {*self.tracked.fields, *self.tracked.naming}:
            model_field: Any = self.tracked.model._meta.get_field(name)
            if model_field.is_relation and not model_field.many_to_many:
                for row in every:
                    names.want(model_field.related_model, getattr(row, model_field.attname))

    def value(self, name: str, row: Any) -> Any:
        """The raw value to compare: a related object's id, a set of ids, or the field's value."""
        if name in self.m2m:
            return self.m2m[name][row.history_id]
        model_field: Any = self.tracked.model._meta.get_field(name)
        if model_field.is_relation:
            return getattr(row, model_field.attname)
        return getattr(row, name)

    def show(self, name: str, value: Any, when: datetime, names: RelatedNames) -> str:
        model_field: Any = self.tracked.model._meta.get_field(name)
        if model_field.many_to_many:
            return ", ".join(
                sorted(names.name(model_field.related_model, pk, when) for pk in value)
            )
        if model_field.is_relation:
            return "" if value is None else names.name(model_field.related_model, value, when)
        return self.tracked.show(name, value)

    def is_text(self, name: str) -> bool:
        model_field: Any = self.tracked.model._meta.get_field(name)
        if model_field.is_relation:
            return True
        typed = isinstance(model_field, models.CharField | models.TextField)
        return typed and not model_field.choices and name not in self.tracked.formatters

    def changes(self, names: RelatedNames) -> list[Change]:
        tracked = self.tracked
        collected = []
        for row in self.rows:
            previous = self.previous.get(row.history_id)
            when = row.history_date
            changes = []
            for name in tracked.fields:
                new_value = self.value(name, row)
                old_value = self.value(name, previous) if previous is not None else None
                if translated_fields_of(tracked.model._meta.get_field(name)):
                    changes.extend(
                        version_changes(
                            tracked.model, name, old_value, new_value, created=previous is None
                        )
                    )
                    continue
                new = self.show(name, new_value, when, names)
                label = field_label(tracked.model, name)
                if previous is None:
                    if new:
                        changes.append(FieldChange(label, "", new, self.is_text(name)))
                elif old_value != new_value:
                    old = self.show(name, old_value, when, names)
                    if old != new:
                        changes.append(FieldChange(label, old, new, self.is_text(name)))
            if not changes and row.history_type == "~":
                continue
            parts = [self.show(n, self.value(n, row), when, names) for n in tracked.naming]
            collected.append(
                Change(
                    when=when,
                    who=who_of(row),
                    action=action_label(row.history_type),
                    changes=changes,
                    kind=tracked.kind,
                    name=" · ".join(part for part in parts if part),
                    # Deleted objects live nowhere.
                    link="" if row.history_type == "-" else tracked.link(row, self.references),
                    source=self.source,
                    sort_id=row.history_id,
                )
            )
        return collected


def read_changes(
    batches: Iterable[tuple[Tracked, Sequence[Any], Any, int]],
) -> list[Change]:
    """History rows (annotated by `with_previous`, users selected) as changes against each
    object's previous row, newest first. `batches`: (tracked, rows, references, source)."""
    names = RelatedNames()
    prepared = [_Batch(*batch) for batch in batches]
    prepared = [batch for batch in prepared if batch.rows]
    for batch in prepared:
        batch.fetch(names)
    names.load()
    collected = [change for batch in prepared for change in batch.changes(names)]
    return newest_first(collected)


def entry_key(entry: Any) -> tuple[datetime, int, int]:
    """Sorted in reverse: newest first, then by source, then the newest row of one source."""
    return (entry.when, -entry.source, entry.sort_id)


def newest_first(entries: Iterable[Any], limit: int | None = None) -> list[Any]:
    ordered = sorted(entries, key=entry_key, reverse=True)
    return ordered if limit is None else ordered[:limit]


def ordered_rows(rows: models.QuerySet[Any]) -> models.QuerySet[Any]:
    return with_previous(rows.select_related("history_user")).order_by(
        "-history_date", "-history_id"
    )


def changes_of(
    tracked: Tracked, rows: models.QuerySet[Any], references: Any, limit: int
) -> list[Change]:
    """The latest `limit` of these history rows as changes, newest first."""
    return read_changes([(tracked, list(ordered_rows(rows)[:limit]), references, 0)])
