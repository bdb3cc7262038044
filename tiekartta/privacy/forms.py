from __future__ import annotations

from django import forms

from tiekartta.core.forms import VersionedFormMixin
from tiekartta.privacy.models import RetentionSettings


class RetentionSettingsForm(VersionedFormMixin, forms.ModelForm[RetentionSettings]):
    class Meta:
        model = RetentionSettings
        fields = ["import_days", "removed_person_days"]
