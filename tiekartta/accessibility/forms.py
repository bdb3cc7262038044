from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiekartta.accessibility.models import (
    ANSWER_LENGTH,
    EMAIL_LENGTH,
    ISSUE_LENGTH,
    MESSAGE_LENGTH,
    NAME_LENGTH,
    AccessibilityStatement,
    FeedbackKind,
    FeedbackSettings,
    wcag_criterion,
)
from tiekartta.accessibility.services import IssueInput, StatementInput


def _too_long(message: Any) -> dict[str, Any]:
    """Django's max_length message in words about the field, with the count typed."""
    return {"max_length": message}


class FeedbackForm(forms.Form):
    # Why the whole submission was refused before it was read (too large), shown on top.
    refusal = ""

    kind = forms.ChoiceField(
        label=_("What is your feedback about?"),
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what your feedback is about.")},
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Write your message."),
            **_too_long(
                _(
                    "The message can be at most %(limit_value)s characters long; it now has "
                    "%(show_value)s. Shorten it and send it again."
                )
            ),
        },
        help_text=_(
            "For an accessibility problem, tell on which page and what did not work. "
            "At most 5,000 characters."
        ),
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=NAME_LENGTH,
        required=False,
        error_messages=_too_long(
            _("The name can be at most %(limit_value)s characters long; it now has %(show_value)s.")
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        max_length=EMAIL_LENGTH,
        required=False,
        error_messages={
            "invalid": _("Enter an e-mail address such as nimi@example.fi, or leave it empty."),
            **_too_long(
                _(
                    "The e-mail address can be at most %(limit_value)s characters long; it "
                    "now has %(show_value)s."
                )
            ),
        },
        help_text=_("Give an address if you want an answer by e-mail."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    page = forms.CharField(widget=forms.HiddenInput, required=False)
    # The honeypot: hidden from people (also from screen readers); a robot fills it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def caught_in_honeypot(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def clean_page(self) -> str:
        # Longer addresses are cut rather than refused: the resident did not type them.
        return str(self.cleaned_data.get("page") or "")[:500]


class StatementForm(forms.ModelForm[AccessibilityStatement]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AccessibilityStatement
        fields = [
            "compliance",
            "assessed_on",
            "assessment_method",
            "assessed_by",
            "description_fi",
            "description_sv",
            "feedback_contact",
            "authority_name_fi",
            "authority_name_sv",
            "authority_contact",
        ]
        widgets = {
            "compliance": forms.RadioSelect,
            "assessment_method": forms.RadioSelect,
            "assessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description_fi": forms.Textarea(attrs={"rows": 4, "lang": "fi"}),
            "description_sv": forms.Textarea(attrs={"rows": 4, "lang": "sv"}),
            "authority_name_fi": forms.TextInput(attrs={"lang": "fi"}),
            "authority_name_sv": forms.TextInput(attrs={"lang": "sv"}),
            "feedback_contact": forms.Textarea(attrs={"rows": 3}),
            "authority_contact": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        # Left empty, the supervisory authority goes back to the current one (services).
        for name in ("authority_name_fi", "authority_name_sv", "authority_contact"):
            self.fields[name].required = False
            self.fields[name].help_text = _("Leave empty for the current authority.")

    def to_input(self, issues: list[IssueInput]) -> StatementInput:
        data = self.cleaned_data
        return StatementInput(
            compliance=data["compliance"],
            assessed_on=data["assessed_on"],
            assessment_method=data["assessment_method"],
            assessed_by=data.get("assessed_by") or "",
            description_fi=data.get("description_fi") or "",
            description_sv=data.get("description_sv") or "",
            feedback_contact=data["feedback_contact"],
            authority_name_fi=data.get("authority_name_fi") or "",
            authority_name_sv=data.get("authority_name_sv") or "",
            authority_contact=data.get("authority_contact") or "",
            issues=issues,
        )


class IssueForm(forms.Form):
    issue = forms.IntegerField(widget=forms.HiddenInput, required=False)
    what_fi = forms.CharField(
        label=_("What is not accessible (Finnish)"),
        max_length=ISSUE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "fi"}),
    )
    what_sv = forms.CharField(
        label=_("What is not accessible (Swedish)"),
        max_length=ISSUE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "sv"}),
    )
    criterion = forms.CharField(
        label=_("WCAG criterion"),
        max_length=8,
        required=False,
        validators=[wcag_criterion],
        help_text=_("For example 1.4.3."),
    )
    workaround_fi = forms.CharField(
        label=_("Workaround (Finnish)"),
        max_length=ISSUE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "fi"}),
    )
    workaround_sv = forms.CharField(
        label=_("Workaround (Swedish)"),
        max_length=ISSUE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "sv"}),
    )
    fix_expected = forms.DateField(
        label=_("Fix expected by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def to_input(self) -> IssueInput:
        data = self.cleaned_data
        return IssueInput(
            pk=data.get("issue"),
            what_fi=data["what_fi"],
            what_sv=data.get("what_sv") or "",
            criterion=data.get("criterion") or "",
            workaround_fi=data.get("workaround_fi") or "",
            workaround_sv=data.get("workaround_sv") or "",
            fix_expected=data.get("fix_expected"),
        )


IssueFormSet = forms.formset_factory(IssueForm, extra=1, can_delete=True, max_num=50)


def issue_initial(statement: AccessibilityStatement | None) -> list[dict[str, Any]]:
    if statement is None or statement.pk is None:
        return []
    return [
        {
            "issue": issue.pk,
            "what_fi": issue.what_fi,
            "what_sv": issue.what_sv,
            "criterion": issue.criterion,
            "workaround_fi": issue.workaround_fi,
            "workaround_sv": issue.workaround_sv,
            "fix_expected": issue.fix_expected,
        }
        for issue in statement.issues.all()
    ]


def issues_of(formset: Any) -> list[IssueInput]:
    """The rows kept, in order: an untouched empty row has no cleaned data, and rows marked
    for removal are left out (the service then deletes them)."""
    return [
        form.to_input()
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=ANSWER_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Write the answer."),
            **_too_long(
                _(
                    "The answer can be at most %(limit_value)s characters long; it now has "
                    "%(show_value)s."
                )
            ),
        },
    )
    send_email = forms.BooleanField(
        label=_("Also send the answer to the sender by e-mail"), required=False, initial=True
    )


class FeedbackSettingsForm(forms.ModelForm[FeedbackSettings]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FeedbackSettings
        fields = ["retention_days"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
