"""Import metric values (.xlsx or .csv) into a roadmap, or only check them with --dry-run."""

from __future__ import annotations

from tiekartta.imports.kinds.metric_values import METRIC_VALUES, ValueImportPlan
from tiekartta.imports.management.commands._import_command import ImportCommand


class Command(ImportCommand[ValueImportPlan]):
    help = (
        "Import metric values (metric, period, value; optionally note and source) from an .xlsx "
        "or .csv file into a roadmap. Prints how each row is read and every problem with its "
        "row and column; writes nothing and exits non-zero if any row is bad."
    )
    importer = METRIC_VALUES
    updated_label = "corrected"
    imported_format = "imported: {created} new, {updated} corrected, {unchanged} unchanged"

    def describe(self, plan: ValueImportPlan) -> None:
        for row in plan.rows:
            value = row.shown_value or "-"
            if row.value_changes:
                value = f"{row.shown_current} → {value}"
            self.stdout.write(
                f"  row {row.row}: {row.action}: {row.metric_name or '-'} "
                f"{row.period or row.period_text or '-'} = {value}"
            )
