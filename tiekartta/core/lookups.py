"""`__in` on an integer column with a number past the column's range.

Django answers "nothing" for `pk=<a 20-digit number>` (its IntegerFieldOverflow lookups) but not
for `pk__in=[...]`, which a multiple choice (predecessors, collaborators) runs on the posted
ids: SQLite raised OverflowError and PostgreSQL a numeric-out-of-range error, both a 500. Here
such numbers match nothing, as they do in `=`, so the form says "not one of the choices".
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            values = list(self.rhs)
            kept = [
                value
                for value in values
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
            if not kept and values:
                raise EmptyResultSet
            self.rhs = kept
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
