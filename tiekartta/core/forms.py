from django import forms
from django.core.exceptions import ValidationError


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError next to the fields it names, the rest on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            # NON_FIELD_ERRORS and fields the form does not show (absent or hidden) go on top
            # of the form, where the user can see them.
            shown = field in form.fields and not form.fields[field].widget.is_hidden
            target = field if shown else None
            for item in errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error)
