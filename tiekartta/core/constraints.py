"""Constraint errors next to the field they are about."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class ConstraintErrorsOnFields:
    """Mix into a model whose constraints cover an expression (a unique Lower("name")), which
    Django reports on top of the form: `constraint_fields` maps such a constraint's name to the
    field its error belongs next to."""

    constraint_fields: ClassVar[dict[str, str]] = {}

    def validate_constraints(self, exclude: Any = None) -> None:
        try:
            super().validate_constraints(exclude=exclude)  # type: ignore[misc]
        except ValidationError as error:
            raise self._errors_on_fields(error) from None

    def _errors_on_fields(self, error: ValidationError) -> ValidationError:
        messages = {
            str(constraint.get_violation_error_message()): self.constraint_fields[constraint.name]
            for constraint in self._meta.constraints  # type: ignore[attr-defined]
            if constraint.name in self.constraint_fields
        }
        if not hasattr(error, "error_dict"):
            return error
        moved: dict[str, list[ValidationError]] = {}
        for field, errors in error.error_dict.items():
            for item in errors:
                target = field
                if field == NON_FIELD_ERRORS:
                    text = str(item.message % item.params if item.params else item.message)
                    target = messages.get(text, field)
                moved.setdefault(target, []).append(item)
        return ValidationError(moved)


class ConstraintsCheckedByFields:
    """Mix into a model with many check constraints that only repeat its fields' validators
    (choices, quarter patterns, text lengths), kept in the database for writes that skip
    validation. Django's validate_constraints() asks the database about each with a query and
    a savepoint on every full_clean(); a model lists in `validated_constraints` the ones no
    field validator covers (an order between two fields, a uniqueness), and only those are
    asked. The rest still stand in the database."""

    validated_constraints: ClassVar[frozenset[str]] = frozenset()

    def validate_constraints(self, exclude: Any = None) -> None:
        errors: dict[str, Any] = {}
        for model_class, constraints in self.get_constraints():  # type: ignore[attr-defined]
            for constraint in constraints:
                if constraint.name not in self.validated_constraints:
                    continue
                try:
                    constraint.validate(model_class, self, exclude=exclude)
                except ValidationError as error:
                    errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
