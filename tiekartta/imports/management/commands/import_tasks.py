"""Import a task list (.xlsx or .csv) into a roadmap, or only check it with --dry-run."""

from __future__ import annotations

from tiekartta.imports.kinds.tasks import TASKS, ImportPlan
from tiekartta.imports.management.commands._import_command import ImportCommand


class Command(ImportCommand[ImportPlan]):
    help = (
        "Import tasks from an .xlsx or .csv file into a roadmap. Prints how each row is read and "
        "every problem with its row; writes nothing and exits non-zero if any row is bad."
    )
    importer = TASKS
    asks_questions = True
    imported_format = (
        "imported: {created} new, {updated} updated, {unchanged} unchanged, "
        "{people} people and {themes} themes added"
    )

    def describe(self, plan: ImportPlan) -> None:
        for row in plan.rows:
            changes = f" ({', '.join(row.changes)})" if row.changes else ""
            self.stdout.write(f"  row {row.row}: {row.action}{changes}: {row.title}")
        if plan.new_people:
            self.stdout.write("  new people: " + ", ".join(plan.new_people))
        if plan.new_themes:
            self.stdout.write("  new themes: " + ", ".join(plan.new_themes))
