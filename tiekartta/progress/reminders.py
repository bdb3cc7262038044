"""Reminders to task and metric owners before the next review meeting.

Run daily (cron or a systemd timer). Within the admin's window before the next review date,
each owner whose follow-up tasks have no entry for the current quarter, or whose metrics await
a value (due or stale), gets one e-mail covering both; a log row makes later runs skip them
until the next review date. The mail carries a one-time sign-in link only when it goes to the
account's verified address and the account is neither staff nor superuser (`Reminder.with_link`).
"""

from __future__ import annotations

import datetime
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tiekartta.accounts.mails import token_url
from tiekartta.accounts.models import Membership, Organisation, Role, User
from tiekartta.accounts.services import create_sign_in_link
from tiekartta.core.actors import Actor
from tiekartta.core.quarters import Quarter
from tiekartta.metrics.formatting import format_value
from tiekartta.metrics.models import Metric
from tiekartta.metrics.periods import format_period
from tiekartta.metrics.selectors import MetricRow, build_rows, with_values
from tiekartta.progress import services
from tiekartta.progress.models import ProgressEntry, ReminderLog
from tiekartta.progress.selectors import in_follow_up
from tiekartta.roadmap.models import FollowUpSettings, Person, Task

# Who writes the reminder log: the daily command.
SENDER = Actor.system("Command line: send_reminders")


@dataclass
class Reminder:
    organisation: Organisation
    person: Person
    review_date: datetime.date
    quarter: Quarter
    link_hours: int
    tasks: list[Task] = field(default_factory=list)
    # Metrics whose value is due or stale (`row.state.needs_value`).
    metrics: list[MetricRow] = field(default_factory=list)
    skip_reason: str = ""

    @property
    def user(self) -> User | None:
        return self.person.user

    @property
    def with_link(self) -> bool:
        """A sign-in link goes only to the account's own verified address, never to staff or
        superusers: a Person's address is anyone's to edit, so it must not decide who can sign
        in as the user."""
        user = self.user
        return user is not None and bool(user.verified_email) and user.may_get_sign_in_links

    @property
    def address(self) -> str:
        """The verified address of the account when there is one; else the Person's address,
        and then the mail carries no link (its reader logs in with a password)."""
        if self.user is not None and self.user.verified_email:
            return self.user.verified_email
        return self.person.email


@dataclass
class OrganisationPlan:
    organisation: Organisation
    status: str  # "due", "no_date", "too_early", "passed"
    review_date: datetime.date | None
    reminders: list[Reminder] = field(default_factory=list)


def plan_reminders(today: datetime.date, organisation_slug: str = "") -> list[OrganisationPlan]:
    """Who would get a reminder today, and who is skipped and why. Writes nothing."""
    organisations = Organisation.objects.order_by("name")
    if organisation_slug:
        organisations = organisations.filter(slug=organisation_slug)
    plans = []
    for organisation in organisations:
        follow_up = FollowUpSettings.for_organisation(organisation)
        review_date = follow_up.next_review_date
        plan = OrganisationPlan(organisation, "due", review_date)
        plans.append(plan)
        if review_date is None:
            plan.status = "no_date"
            continue
        if today < review_date - datetime.timedelta(days=follow_up.reminder_days_before):
            plan.status = "too_early"
            continue
        if today > review_date:
            plan.status = "passed"
            continue
        plan.reminders = _reminders_for(organisation, follow_up, review_date, today)
    return plans


def _reminders_for(
    organisation: Organisation,
    follow_up: FollowUpSettings,
    review_date: datetime.date,
    today: datetime.date,
) -> list[Reminder]:
    quarter = Quarter.of_date(today)
    tasks = [
        task
        for task in Task.objects.filter(
            roadmap__organisation=organisation, roadmap__is_archived=False
        )
        .select_related("roadmap__organisation", "owner__user")
        .order_by("roadmap__slug", "due", "title")
        # Only roadmaps whose period includes this quarter can take this quarter's update.
        if task.roadmap.contains_quarter(quarter)
    ]
    updated = set(
        ProgressEntry.objects.filter(
            task__roadmap__organisation=organisation, quarter=str(quarter)
        ).values_list("task_id", flat=True)
    )
    already = set(
        ReminderLog.objects.filter(organisation=organisation, review_date=review_date).values_list(
            "person_id", flat=True
        )
    )
    by_person: dict[int, Reminder] = {}

    def reminder_for(person: Person) -> Reminder:
        if person.pk not in by_person:
            by_person[person.pk] = Reminder(
                organisation,
                person,
                review_date,
                quarter,
                min(follow_up.sign_in_link_hours, settings.TIEKARTTA_SIGN_IN_LINK_MAX_HOURS),
            )
        return by_person[person.pk]

    for task in tasks:
        if task.pk in updated or not in_follow_up(task, quarter):
            continue
        reminder_for(task.owner).tasks.append(task)
    for row in metrics_needing_values(organisation, follow_up.metric_grace_days, today):
        reminder_for(row.metric.owner).metrics.append(row)
    # A viewer may be named responsible for a task but cannot record its progress.
    can_record = set(
        Membership.objects.filter(organisation=organisation)
        .exclude(role=Role.VIEWER)
        .values_list("user_id", flat=True)
    )
    for reminder in by_person.values():
        user = reminder.user
        if reminder.person.pk in already:
            reminder.skip_reason = "already_sent"
        elif user is None or not user.is_active or user.pk not in can_record:
            reminder.skip_reason = "no_account"
        elif not reminder.address:
            reminder.skip_reason = "no_email"
    return sorted(by_person.values(), key=lambda r: (r.skip_reason, r.person.name))


def metrics_needing_values(
    organisation: Organisation,
    grace_days: int,
    today: datetime.date,
    *,
    owner_user_id: int | None = None,
) -> list[MetricRow]:
    """The metrics of the organisation's current roadmaps whose value is due or stale today,
    by roadmap; two queries. The reminders take everyone's; My tasks those of the people
    linked to one user (`owner_user_id`), so that the page lists what the e-mail does."""
    selected = Metric.objects.filter(roadmap__organisation=organisation, roadmap__is_archived=False)
    if owner_user_id is not None:
        selected = selected.filter(owner__user_id=owner_user_id)
    metrics = with_values(selected.for_listing().select_related("roadmap__organisation"))
    rows, _summary = build_rows(metrics, today, grace_days)
    # A stable sort keeps the display order within each roadmap.
    return sorted(
        (row for row in rows if row.state.needs_value), key=lambda row: row.metric.roadmap.slug
    )


def task_update_path(task: Task) -> str:
    return reverse(
        "progress:record",
        kwargs={
            "org": task.roadmap.organisation.slug,
            "roadmap": task.roadmap.slug,
            "task": task.pk,
        },
    )


def metric_record_path(metric: Metric) -> str:
    return reverse(
        "metrics:record",
        kwargs={
            "org": metric.roadmap.organisation.slug,
            "roadmap": metric.roadmap.slug,
            "metric": metric.pk,
        },
    )


def landing_path(reminder: Reminder) -> str:
    """Where the sign-in link leads: the one thing to update, else the owner's list (or the
    metrics of the one roadmap when there are only metrics)."""
    tasks, metrics = reminder.tasks, reminder.metrics
    if len(tasks) == 1 and not metrics:
        return task_update_path(tasks[0])
    if not tasks and len(metrics) == 1:
        return metric_record_path(metrics[0].metric)
    if not tasks and len({row.metric.roadmap_id for row in metrics}) == 1:
        roadmap = metrics[0].metric.roadmap
        return reverse(
            "metrics:overview",
            kwargs={"org": roadmap.organisation.slug, "roadmap": roadmap.slug},
        )
    return reverse("progress:my_tasks", kwargs={"org": reminder.organisation.slug})


def _metric_line(row: MetricRow, base: str) -> dict[str, object]:
    """A metric as the e-mail lists it; numbers and periods in the active language."""
    metric, state = row.metric, row.state
    awaited = state.timeliness.next_period
    latest = state.latest
    return {
        "name": metric.name,
        "roadmap": metric.roadmap.title,
        "period": awaited.label() if awaited else "",
        "stale": state.is_stale,
        "latest": format_value(latest.value, metric) if latest else "",
        "latest_period": format_period(str(latest.period)) if latest else "",
        "url": base + metric_record_path(metric),
    }


def send_reminder(reminder: Reminder, *, actor: Actor = SENDER) -> None:
    """Create the sign-in link (when the reminder may carry one), send the e-mail and log it.
    The log row is written only after the mail server accepted the message, so a failed send
    is retried by the next run. The link's token is after # (see accounts.mails)."""
    user = reminder.user
    assert user is not None
    sign_in_url = token = ""  # nosec B105  # empty until a link is made
    if reminder.with_link:
        _link, token = create_sign_in_link(
            user=user,
            organisation=reminder.organisation,
            next_path=landing_path(reminder),
            valid_for=datetime.timedelta(hours=reminder.link_hours),
        )
        sign_in_url = token_url("accounts:sign_in_link", token)
    base = settings.TIEKARTTA_BASE_URL
    context: dict[str, object] = {
        "reminder": reminder,
        "sign_in_url": sign_in_url,
        "sign_in_code": token,
        "login_url": base + reverse("accounts:login"),
        "tasks": [(task, base + task_update_path(task)) for task in reminder.tasks],
        "my_tasks_url": base
        + reverse("progress:my_tasks", kwargs={"org": reminder.organisation.slug}),
        "link_hours": reminder.link_hours,
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context["metrics"] = [_metric_line(row, base) for row in reminder.metrics]
        subject = render_to_string("progress/email/reminder_subject.txt", context).strip()
        body = render_to_string("progress/email/reminder_body.txt", context)
    send_mail(subject, body, None, [reminder.address])
    services.log_reminder(
        actor=actor,
        organisation=reminder.organisation,
        person=reminder.person,
        review_date=reminder.review_date,
        quarter=str(reminder.quarter),
        task_count=len(reminder.tasks),
    )


SEND_ERRORS = (smtplib.SMTPException, OSError)
