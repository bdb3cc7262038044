from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiekartta.imports.spreadsheet import MAX_UPLOAD_BYTES

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
        upload = self.cleaned_data["file"]
        # Refused before it is read: the size is known from the upload's headers.
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB."),
                params={"limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        return upload
