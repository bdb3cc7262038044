"""The interim report's PDF and Word file, built by the background worker (tiekartta.jobs).

A 2,000-task PDF takes tens of seconds and hundreds of megabytes: that is the worker's work,
not a web server's. The job's key is what was asked (roadmap, date, language, format) and the
state of everything the document shows, so asking again after an edit builds a new one."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.db.models import Count, Max
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tiekartta.core.translations import using_languages
from tiekartta.jobs.registry import Output, Progress, register
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.plans.models import PlanVersion, Renewal
from tiekartta.progress.models import Experiment, ProgressEntry
from tiekartta.reports.interim import build_interim_report
from tiekartta.reports.models import Foreword
from tiekartta.roadmap.models import FollowUpSettings, Person, Roadmap, Task, Theme

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KINDS = {"pdf": "interim_report_pdf", "docx": "interim_report_docx"}
TASK_LIST_PDF = "task_list_pdf"


def params(
    roadmap: Roadmap,
    as_of: datetime.date,
    language: str,
    today: datetime.date,
    *,
    final: bool = False,
) -> dict:
    found = {
        "roadmap": roadmap.pk,
        "as_of": as_of.isoformat(),
        "language": language,
        "today": today.isoformat(),
    }
    if final:
        found["final"] = True
    return found


def attachment_params(roadmap: Roadmap, language: str) -> dict:
    return {"roadmap": roadmap.pk, "language": language}


def data_key(roadmap: Roadmap, job_params: Mapping[str, Any]) -> str:
    """What was asked and the state of what the report shows, in one query per source."""
    org = roadmap.organisation
    sources = [
        Roadmap.history.filter(id=roadmap.pk),
        Theme.history.filter(roadmap_id=roadmap.pk),
        Task.history.filter(roadmap_id=roadmap.pk),
        Metric.history.filter(roadmap_id=roadmap.pk),
        MetricValue.history.filter(metric__roadmap_id=roadmap.pk),
        Foreword.history.filter(roadmap_id=roadmap.pk),
        Experiment.history.filter(task__roadmap_id=roadmap.pk),
        Person.history.filter(organisation_id=org.pk),
        FollowUpSettings.history.filter(organisation_id=org.pk),
        PlanVersion.history.filter(roadmap_id=roadmap.pk),
        Renewal.history.filter(source_id=roadmap.pk),
    ]
    parts: list[object] = [sorted(job_params.items()), org.name, org.content_languages.all]
    for rows in sources:
        state = rows.order_by().aggregate(n=Count("history_id"), at=Max("history_date"))
        parts.append((state["n"], state["at"]))
    entries = ProgressEntry.objects.filter(task__roadmap_id=roadmap.pk).aggregate(
        n=Count("pk"), at=Max("recorded_at")
    )
    parts.append((entries["n"], entries["at"]))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@contextmanager
def _roadmap_in_language(job_params: Mapping[str, Any]) -> Iterator[Roadmap]:
    """The job's roadmap, with its organisation's texts in the language the user asked for."""
    roadmap = Roadmap.objects.select_related("organisation").get(pk=job_params["roadmap"])
    with (
        using_languages(roadmap.organisation.content_languages),
        translation.override(job_params["language"]),
    ):
        yield roadmap


def _build(kind: str, job_params: Mapping[str, Any], progress: Progress) -> Output:
    # Imported here: python-docx, Pillow and WeasyPrint stay out of the web workers.
    from tiekartta.reports.documents import interim_docx, interim_pdf

    as_of = datetime.date.fromisoformat(job_params["as_of"])
    today = datetime.date.fromisoformat(job_params["today"])
    with _roadmap_in_language(job_params) as roadmap:
        final = bool(job_params.get("final"))
        report = build_interim_report(roadmap, as_of, today, final=final)
        progress(30)
        content = interim_pdf(report) if kind == "pdf" else interim_docx(report)
        title = _("final report") if final else _("interim report")
        name = slugify(f"{title} {roadmap.slug} {as_of.isoformat()}")
    return Output(content, f"{name}.{kind}", PDF if kind == "pdf" else DOCX)


def _task_list(job_params: Mapping[str, Any], progress: Progress) -> Output:
    from tiekartta.reports.documents import attachment_pdf

    with _roadmap_in_language(job_params) as roadmap:
        progress(10)
        content = attachment_pdf(roadmap)
        name = slugify(f"{_('task list')} {roadmap.slug}")
    return Output(content, f"{name}.pdf", PDF)


def register_runners() -> None:
    register(TASK_LIST_PDF, _task_list)
    register(KINDS["pdf"], lambda job_params, progress: _build("pdf", job_params, progress))
    register(KINDS["docx"], lambda job_params, progress: _build("docx", job_params, progress))
