"""The import pipeline's one interface to a kind of import, and the registry of kinds.

A kind declares what the pipeline cannot know: how a file becomes a plan of rows (`plan`), how
a plan without problems is saved (`apply`), the capability a member needs to import
(`capability`, which its pages declare) and its pages. Uploading, the preview, the
all-or-nothing confirmation with its audit event, discarding and the management command are the
same for every kind (`views`, `services`, `management/commands/_import_command.py`).

The kinds of this app register themselves when the app is ready. An app above the imports app
(say, survey answers of an ideas app) declares its own `Importer`, registers it in its
AppConfig.ready() with `register(...)`, routes its pages with `urls.import_paths(...)` in its
own urls.py, adds its key to `ImportKind` and subclasses `ImportCommand` for its command.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


from tiekartta.accounts.policy import Capability
from tiekartta.core.actors import Actor
from tiekartta.imports.questions import ImportAnswers
from tiekartta.imports.tables import RowProgress, TablePlan
from tiekartta.roadmap.models import Roadmap

PlanT = TypeVar("PlanT", bound=TablePlan[Any])


class Importer(ABC, Generic[PlanT]):
    """One kind of import."""

    # The batch's kind (an ImportKind value): each kind finds only its own files.
    kind: ClassVar[str]
    # What a member needs to upload, preview, confirm and discard files of this kind; the
    # kind's pages declare it (see views.import_pages).
    capability: ClassVar[Capability]
    # Its URL names without the suffix: "imports:tasks" → imports:tasks_upload, …_preview and
    # …_discard (see urls.import_paths).
    url_name: ClassVar[str]
    upload_template: ClassVar[str]
    preview_template: ClassVar[str]
    # The upload field's label.
    file_label: ClassVar[str | _StrPromise]
    # Where a confirmed import goes (a URL name taking org and roadmap).
    done_url_name: ClassVar[str]
    # Whether a preview of a file with problems answers 400 rather than 200.
    problems_are_bad_request: ClassVar[bool] = False

    @abstractmethod
    def plan(
        self,
        roadmap: Roadmap,
        content: bytes,
        filename: str,
        today: datetime.date,
        answers: ImportAnswers | None = None,
    ) -> PlanT:
        """Read the file and say, row by row, what importing it would do, with `answers` to
        what it would otherwise ask (plan.questions); saves nothing."""

    @abstractmethod
    def apply(
        self,
        *,
        actor: Actor,
        roadmap: Roadmap,
        plan: PlanT,
        today: datetime.date,
        progress: RowProgress | None = None,
    ) -> dict[str, int]:
        """Save a plan without problems and return the summary; raises ImportRefused (a
        ValidationError) on any error. The caller holds the transaction. `actor` is an Actor
        (a plain user is still accepted); `progress` is told, between rows, how far it has
        got (the background job shows it)."""

    @abstractmethod
    def imported_message(self, summary: dict[str, int]) -> str:
        """What the page says after a confirmed import."""

    def upload_context(self, roadmap: Roadmap, today: datetime.date) -> dict[str, Any]:
        """Anything more the upload page shows, such as examples."""
        return {}


_IMPORTERS: dict[str, Importer[Any]] = {}


def register(importer: Importer[Any]) -> Importer[Any]:
    """Make a kind of import known to the pipeline (once per kind)."""
    existing = _IMPORTERS.get(importer.kind)
    if existing is not None and type(existing) is not type(importer):
        raise ValueError(f"Two importers for the kind {importer.kind!r}")
    _IMPORTERS[importer.kind] = importer
    return importer


def get_importer(kind: str) -> Importer[Any]:
    return _IMPORTERS[kind]
