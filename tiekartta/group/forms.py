from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiekartta.accounts.models import Organisation
from tiekartta.group.agenda import heading
from tiekartta.group.models import GroupMember, Meeting
from tiekartta.progress.models import Review
from tiekartta.roadmap.models import Person, Roadmap

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MemberForm(forms.ModelForm[GroupMember]):
    class Meta:
        model = GroupMember
        fields = ["person", "role", "department", "term_start", "term_end"]
        widgets = {"term_start": DATE_INPUT, "term_end": DATE_INPUT}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.of_organisation(organisation)  # type: ignore[attr-defined]


class MeetingForm(forms.ModelForm[Meeting]):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "date", "starts", "ends", "location", "roadmap", "review"]
        widgets = {"date": DATE_INPUT, "starts": TIME_INPUT, "ends": TIME_INPUT}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roadmap"].queryset = Roadmap.objects.of_organisation(organisation)  # type: ignore[attr-defined]
        self.fields["review"].queryset = Review.objects.filter(  # type: ignore[attr-defined]
            roadmap__organisation=organisation
        ).select_related("roadmap")
        self.fields["review"].required = False
        self.fields["review"].help_text = _(
            "The review meeting this meeting is, if it is one: the calendar shows them once."
        )


class MinutesForm(forms.Form):
    """A note under each agenda item, the other notes, who was present, and whether the
    meeting was held."""

    minutes = forms.CharField(
        label=_("Other notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=GroupMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    held = forms.BooleanField(label=_("The meeting was held"), required=False)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        members = [
            m.pk
            for m in GroupMember.objects.filter(organisation=meeting.organisation_id)
            if m.serves_on(meeting.date)
        ]
        serving = GroupMember.objects.filter(pk__in=members).select_related("person")
        self.fields["attendees"].queryset = serving  # type: ignore[attr-defined]
        for item in meeting.agenda:
            self.fields[f"note_{item['key']}"] = forms.CharField(
                label=heading(item["key"]),
                required=False,
                initial=item.get("note", ""),
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=4000,
            )

        # The minutes follow the agenda: its items first, then the rest.
        self.order_fields([f"note_{item['key']}" for item in meeting.agenda])

    def notes(self) -> dict[str, str]:
        return {
            item["key"]: self.cleaned_data.get(f"note_{item['key']}", "")
            for item in self.meeting.agenda
        }
