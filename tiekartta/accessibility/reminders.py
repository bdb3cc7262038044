"""Reminders to an organisation's administrators about feedback near or past its deadline.

`manage.py remind_feedback` runs daily (like `send_reminders`, which is about tasks and
metrics): each administrator with an e-mail address gets one message listing the open
feedback due within the given days, overdue feedback included, until it is answered.
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

from tiekartta.accessibility.models import ANSWER_DAYS, FeedbackMessage
from tiekartta.accounts.models import Membership, Organisation, Role, User

SEND_ERRORS = (smtplib.SMTPException, OSError)


@dataclass
class FeedbackReminder:
    organisation: Organisation
    messages: list[FeedbackMessage] = field(default_factory=list)
    recipients: list[User] = field(default_factory=list)
    # Administrators who cannot be reached, for the command's report.
    without_email: list[User] = field(default_factory=list)


def plan_feedback_reminders(
    today: datetime.date, days: int, organisation_slug: str = ""
) -> list[FeedbackReminder]:
    """Per organisation with open feedback due within `days` (or overdue): the messages and
    the administrators to tell. Writes nothing; three queries."""
    due = (
        FeedbackMessage.objects.due_within(days, today)
        .select_related("organisation")
        .order_by("organisation__name", "answer_due", "pk")
    )
    if organisation_slug:
        due = due.filter(organisation__slug=organisation_slug)
    plans: dict[int, FeedbackReminder] = {}
    for message in due:
        plans.setdefault(
            message.organisation_id, FeedbackReminder(message.organisation)
        ).messages.append(message)
    admins = Membership.objects.filter(
        organisation_id__in=plans, role=Role.ADMIN, user__is_active=True
    ).select_related("user")
    for membership in admins.order_by("user__username"):
        plan = plans[membership.organisation_id]
        target = plan.recipients if membership.user.email else plan.without_email
        target.append(membership.user)
    return list(plans.values())


def send_feedback_reminder(reminder: FeedbackReminder, user: User, today: datetime.date) -> None:
    base = settings.TIEKARTTA_BASE_URL
    slug = reminder.organisation.slug
    context = {
        "organisation": reminder.organisation,
        "answer_days": ANSWER_DAYS,
        "list_url": base + reverse("accessibility:feedback_list", kwargs={"org": slug}),
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context["messages"] = [
            {
                "title": str(message),
                "due": message.answer_due,
                "overdue": message.answer_due < today,
                "url": base
                + reverse(
                    "accessibility:feedback_detail", kwargs={"org": slug, "message": message.pk}
                ),
            }
            for message in reminder.messages
        ]
        subject = render_to_string("accessibility/email/reminder_subject.txt", context).strip()
        body = render_to_string("accessibility/email/reminder_body.txt", context)
    send_mail(subject, body, None, [user.email])
