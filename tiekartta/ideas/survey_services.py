"""The life of a survey's export on the web: uploaded, its columns chosen, previewed, then
imported (every idea or none, with an audit event) or discarded. The file itself is emptied
once it is imported or discarded: it held the respondents' names and addresses, the ideas do
not."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import EventKind, Organisation
from tiekartta.core.actors import Actor, as_actor
from tiekartta.ideas.models import Idea, SurveyImport, SurveyImportStatus
from tiekartta.ideas.survey import SurveyPlan, read_survey
from tiekartta.roadmap.models import Theme

SURVEY_KIND = "survey_ideas"


@dataclass
class SurveyChoices:
    """What the user says the file is: which columns hold ideas, which the respondent's group,
    and where the ideas came from."""

    source: str
    event: str
    received_on: datetime.date
    idea_columns: list[str] = field(default_factory=list)
    group_column: str = ""
    theme: int | None = None

    def as_json(self) -> dict[str, Any]:
        values = asdict(self)
        values["received_on"] = self.received_on.isoformat()
        return values

    @classmethod
    def from_json(cls, values: dict[str, Any]) -> SurveyChoices:
        return cls(
            source=values.get("source", ""),
            event=values.get("event", ""),
            received_on=datetime.date.fromisoformat(values["received_on"]),
            idea_columns=list(values.get("idea_columns", [])),
            group_column=values.get("group_column", ""),
            theme=values.get("theme"),
        )


def plan_of(upload: SurveyImport) -> SurveyPlan:
    choices = SurveyChoices.from_json(upload.choices)
    theme = (
        Theme.objects.filter(
            pk=choices.theme, roadmap__organisation_id=upload.organisation_id
        ).first()
        if choices.theme
        else None
    )
    return read_survey(
        bytes(upload.content),
        upload.filename,
        idea_columns=choices.idea_columns,
        group_column=choices.group_column,
        source=choices.source,
        event=choices.event,
        received_on=choices.received_on,
        theme=theme,
    )


@transaction.atomic
def upload_survey(
    *,
    actor: Actor,
    organisation: Organisation,
    filename: str,
    content: bytes,
    choices: SurveyChoices,
) -> SurveyImport:
    upload = SurveyImport(
        organisation=organisation,
        uploaded_by=as_actor(actor).history_user,
        filename=filename[:255],
        choices=choices.as_json(),
    )
    upload.content = content
    upload.full_clean(exclude=["content"])
    upload.save()
    return upload


def _locked_pending(upload: SurveyImport) -> SurveyImport:
    locked = SurveyImport.objects.select_for_update().get(pk=upload.pk)
    if locked.status != SurveyImportStatus.PENDING:
        raise ValidationError(_("This file was already imported or discarded."))
    return locked


@transaction.atomic
def choose_columns(
    *,
    actor: Actor,
    upload: SurveyImport,
    idea_columns: list[str],
    group_column: str,
    theme: Theme | None,
) -> SurveyImport:
    locked = _locked_pending(upload)
    if theme is not None and theme.roadmap.organisation_id != locked.organisation_id:
        raise ValidationError({"theme": _("Choose a theme of this organisation.")})
    choices = SurveyChoices.from_json(locked.choices)
    choices.idea_columns = [column for column in idea_columns if column.strip()]
    choices.group_column = group_column
    choices.theme = theme.pk if theme else None
    locked.choices = choices.as_json()
    locked.save(update_fields=["choices"])
    return locked


@transaction.atomic
def confirm_survey(*, actor: Actor, upload: SurveyImport) -> int:
    """Every idea of the file, or none (ValidationError with the problems)."""
    locked = _locked_pending(upload)
    plan = plan_of(locked)
    if plan.problems:
        raise ValidationError([problem.message for problem in plan.problems])
    if not plan.ideas:
        raise ValidationError(_("The chosen columns have no answers: nothing to import."))
    who = as_actor(actor)
    ideas = []
    for _number, data in plan.ideas:
        idea = Idea(
            organisation=locked.organisation,
            title=data.title,
            description=data.description,
            source=data.source,
            event=data.event,
            received_on=data.received_on,
            submitter=data.submitter,
            theme=data.theme,
        )
        # The organisation and the theme were checked once for the whole file (a field check
        # would read each from the database again per idea); the database keeps the rest.
        idea.full_clean(exclude=["organisation", "theme"], validate_constraints=False)
        ideas.append(idea)
    # One statement for the ideas and one for their history rows: 2,000 answers are saved in
    # about a second, not one by one.
    bulk_create_with_history(
        ideas,
        Idea,
        batch_size=500,
        default_user=who.history_user,
        default_change_reason=who.history_reason or None,
    )
    locked.status = SurveyImportStatus.APPLIED
    locked.applied_at = timezone.now()
    locked.summary = {
        "respondents": plan.respondents,
        "ideas": len(ideas),
        "empty": plan.empty_answers,
    }
    locked.content = b""
    locked.save()
    record_event(
        actor=actor,
        organisation=locked.organisation,
        kind=EventKind.IMPORT_CONFIRMED,
        subject=locked.filename,
        data={"kind": SURVEY_KIND, "summary": locked.summary, "choices": locked.choices},
    )
    return len(ideas)


@transaction.atomic
def discard_survey(*, actor: Actor, upload: SurveyImport) -> None:
    locked = _locked_pending(upload)
    locked.status = SurveyImportStatus.DISCARDED
    locked.content = b""
    locked.save()
    record_event(
        actor=actor,
        organisation=locked.organisation,
        kind=EventKind.IMPORT_DISCARDED,
        subject=locked.filename,
        data={"kind": SURVEY_KIND},
    )
