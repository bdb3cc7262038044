"""The digital group (digiryhmä): its members with their terms, and its meetings with a
drafted agenda, the minutes that follow it and the attendance."""

from __future__ import annotations

import datetime
import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.accounts.models import Organisation
from tiekartta.core.constraints import ConstraintErrorsOnFields
from tiekartta.core.text import NOTE, limited_text, text_limits
from tiekartta.ideas.models import Workshop
from tiekartta.progress.models import Review
from tiekartta.roadmap.models import Person, Roadmap


class GroupRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    EXPERT = "expert", _("Expert member")


class GroupMember(ConstraintErrorsOnFields, models.Model):
    """A person's seat in the group for a term; a second term is a second row."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="group_members"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="group_seats", verbose_name=_("person")
    )
    role = models.CharField(
        _("role in the group"), max_length=12, choices=GroupRole.choices, default=GroupRole.MEMBER
    )
    department = models.CharField(
        _("department"),
        max_length=120,
        blank=True,
        help_text=_("The department the member represents; the person's unit by default."),
    )
    term_start = models.DateField(_("term begins"))
    term_end = models.DateField(
        _("term ends"), null=True, blank=True, help_text=_("Leave empty for an open term.")
    )
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    constraint_fields = {"group_member_term_ordered": "term_end"}

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["role", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="group_member_term_ordered",
                violation_error_message=_("The term cannot end before it begins."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "person", "term_start"],
                name="group_member_term_unique",
                violation_error_message=_("This person already has a term beginning that day."),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=GroupRole.values), name="group_member_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def shown_department(self) -> str:
        return self.department or self.person.unit

    def serves_on(self, day: datetime.date) -> bool:
        return self.term_start <= day and (self.term_end is None or day <= self.term_end)


class MeetingKind(models.TextChoices):
    REVIEW = "review", _("Review meeting")
    WORKSHOP = "workshop", _("Workshop")
    IDEATION = "ideation", _("Ideation meeting")
    PLAN = "plan", _("Plan meeting")
    ADOPTION = "adoption", _("Adoption")
    OTHER = "other", _("Other meeting")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


# At module level so that services write one history row after the attendance is set.
MEETING_HISTORY = HistoricalRecords(
    m2m_fields=["attendees"], excluded_fields=["version", "agenda", "agenda_drafted_at"]
)


class Meeting(ConstraintErrorsOnFields, models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="group_meetings"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=MeetingKind.choices, default=MeetingKind.REVIEW
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    starts = models.TimeField(_("begins"), null=True, blank=True)
    ends = models.TimeField(_("ends"), null=True, blank=True)
    location = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("A room, or a link to a video call.")
    )
    roadmap = models.ForeignKey(
        Roadmap,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_meetings",
        verbose_name=_("roadmap"),
        help_text=_("The roadmap the agenda is drafted from."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # The review meeting or the workshop this meeting is, so that the calendar shows it once.
    review = models.OneToOneField(
        Review,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_meeting",
        verbose_name=_("review meeting"),
    )
    workshop = models.OneToOneField(
        Workshop,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_meeting",
        verbose_name=_("workshop"),
    )
    # [{"key", "title", "lines": [...], "note": "..."}]: drafted by agenda.py, the minutes'
    # notes written under each item.
    agenda = models.JSONField(default=list, editable=False)
    agenda_drafted_at = models.DateTimeField(null=True, blank=True, editable=False)
    minutes = limited_text(_("other notes"), limit=NOTE, blank=True)
    attendees = models.ManyToManyField(
        GroupMember, blank=True, related_name="meetings_attended", verbose_name=_("present")
    )
    # The calendar's identity of the meeting and how many times it was changed (RFC 5545).
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    invited_at = models.DateTimeField(_("invitations sent"), null=True, blank=True, editable=False)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = MEETING_HISTORY

    constraint_fields = {"group_meeting_times_ordered": "ends"}

    class Meta:
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")
        ordering = ["date", "starts", "pk"]
        constraints = [
            *text_limits("group_meeting", minutes=NOTE),
            models.CheckConstraint(
                condition=models.Q(kind__in=MeetingKind.values), name="group_meeting_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=MeetingStatus.values),
                name="group_meeting_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(starts__isnull=True)
                | models.Q(ends__isnull=True)
                | models.Q(ends__gt=models.F("starts")),
                name="group_meeting_times_ordered",
                violation_error_message=_("The meeting must end after it begins."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of the organisation's calendar feed: a calendar program cannot sign
    in, so the address itself is the key, and the administrator can change it."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.organisation)
