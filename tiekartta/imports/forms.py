from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tiekartta.core.spreadsheet_reading import refuse_oversized
from tiekartta.imports.questions import (
    DATE_ORDER,
    OWNER,
    STATUS,
    THEME,
    ImportAnswers,
    Question,
    name_key,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Task list (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args: Any, label: str | _StrPromise | None = None, **kwargs: Any) -> None:
        """`label` names what the file holds, for kinds other than a task list."""
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["file"].label = label

    def clean_file(self) -> Any:
        return refuse_oversized(self.cleaned_data["file"])


class AnswersForm(forms.Form):
    """The preview's questions about a file (see imports/questions.py), one choice each."""

    def __init__(self, questions: list[Question], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for index, question in enumerate(questions):
            self.fields[f"q{index}"] = forms.ChoiceField(
                label=_question_label(question),
                choices=question.choices,
                widget=forms.RadioSelect,
                # A near match is offered as the name meant; the user may say it is new.
                initial=question.choices[0][0] if question.kind in (THEME, OWNER) else None,
            )

    def answers(self) -> ImportAnswers:
        answers = ImportAnswers()
        for index, question in enumerate(self.questions):
            value = self.cleaned_data[f"q{index}"]
            if question.kind == STATUS:
                answers.statuses[question.key] = value
            elif question.kind == DATE_ORDER:
                answers.date_order = value
            else:
                answers.names[name_key(question.kind, question.key)] = value
        return answers


def _question_label(question: Question) -> str:
    values = {"word": question.word, "rows": question.rows_text}
    if question.kind == STATUS:
        return gettext("Which status does “%(word)s” mean? (rows %(rows)s)") % values
    if question.kind == DATE_ORDER:
        return (
            gettext("How are the file's dates written, such as %(word)s? (rows %(rows)s)") % values
        )
    if question.kind == THEME:
        return gettext("Is the theme “%(word)s” an existing one? (rows %(rows)s)") % values
    return gettext("Is “%(word)s” an existing person? (rows %(rows)s)") % values
