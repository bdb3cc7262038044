"""Importing metric values from a spreadsheet: one row per metric and period, with the value and
an optional note and source. Every cell is read the way people write numbers and periods, each
problem is shown on its row and column, and confirming saves every row through
`services.record_values` in one transaction, or nothing."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiekartta.accounts.policy import Capability
from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.locking import ConflictError
from tiekartta.imports.models import ImportKind
from tiekartta.imports.questions import ImportAnswers
from tiekartta.imports.registry import Importer
from tiekartta.imports.tables import (
    LANGUAGES,
    ImportRefused,
    Problem,
    RowProgress,
    RowReader,
    TablePlan,
    clean_text,
    known_headings,
    no_progress,
    normalise,
)
from tiekartta.metrics import services
from tiekartta.metrics.formatting import format_number, format_value
from tiekartta.metrics.models import DECIMAL_PLACES, VALUE_LIMIT, Channel, Metric, MetricValue
from tiekartta.metrics.periods import Frequency, example_period, format_period
from tiekartta.metrics.reading import (
    AmbiguousNumberError,
    as_integer,
    as_text,
    name_key,
    period_code,
    period_example,
    read_number,
    unit_fits,
)
from tiekartta.roadmap.models import Roadmap

__all__ = ["ImportRefused", "Problem", "ValueImportPlan", "ValueRowPlan", "plan_value_import"]

MAX_NOTE = 2000
MAX_SOURCE = 200
# Below a thousand: "1,200" would read as 1.2 in Finnish, so no example shows thousands.
EXAMPLE_VALUES = (Decimal("41.5"), Decimal("320"), Decimal("7"))

# Headings towns use besides ours (which are recognised in every language below). A town's
# running numbers ("Nro") are deliberately not identifiers: 1, 2, 3 would silently name other
# metrics, as they would other tasks in the task import.
EXTRA_HEADINGS: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "tunniste",
        "mittarin tunniste",
        "identifierare",
        "identifikator",
        "identifier",
        "metric id",
    ),
    "metric": (
        "mittari",
        "mittarin nimi",
        "mätare",
        "mätarens namn",
        "indikator",
        "metric",
        "metric name",
        "indicator",
        "kpi",
    ),
    "period": (
        "kausi",
        "jakso",
        "ajanjakso",
        "aikajakso",
        "ajankohta",
        "vuosineljännes",
        "kvartaali",
        "period",
        "tidsperiod",
        "kvartal",
        "quarter",
    ),
    "value": (
        "arvo",
        "lukuarvo",
        "toteuma",
        "tulos",
        "värde",
        "utfall",
        "resultat",
        "value",
        "actual",
        "result",
    ),
    "note": (
        "huomio",
        "huomiot",
        "lisätieto",
        "lisätiedot",
        "kommentti",
        "selite",
        "anmärkning",
        "kommentar",
        "note",
        "notes",
        "comment",
    ),
    "source": ("lähde", "tietolähde", "källa", "datakälla", "source", "data source"),
}


def value_column_titles() -> dict[str, str]:
    """The columns' headings in the active language; the importer knows all of them."""
    return {
        "id": _("Identifier"),
        "metric": _("Metric"),
        "period": _("Period"),
        "value": _("Value"),
        "note": _("Note"),
        "source": _("Source"),
    }


def heading_index() -> dict[str, str]:
    """Every heading the importer knows → the column it means."""
    return known_headings(EXTRA_HEADINGS, value_column_titles)


@dataclass
class ValueRowPlan:
    row: int
    metric_text: str = ""
    metric: Metric | None = None
    period_text: str = ""
    period: str = ""  # the canonical code, once read
    value: Decimal | None = None
    note: str = ""
    source: str = ""
    action: str = "create"  # create, update, unchanged
    current: MetricValue | None = None
    changes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def metric_name(self) -> str:
        return self.metric.name if self.metric else self.metric_text

    @property
    def period_label(self) -> str:
        return format_period(self.period) if self.period else self.period_text

    @property
    def shown_value(self) -> str:
        if self.value is None:
            return ""
        if self.metric is None:
            return str(self.value)
        return format_value(self.value, self.metric)

    @property
    def shown_current(self) -> str:
        if self.current is None or self.metric is None:
            return ""
        return format_value(self.current.value, self.metric)

    @property
    def value_changes(self) -> bool:
        return "value" in self.changes


@dataclass
class ValueImportPlan(TablePlan[ValueRowPlan]):
    @property
    def saved_count(self) -> int:
        return self.created_count + self.updated_count


def value_sheet_titles() -> set[str]:
    """The roadmap export's values sheet in every language, so the whole export can be read."""
    titles = set()
    for language in LANGUAGES:
        with translation.override(language):
            titles.add(str(_("Metric values")))
    return titles


def plan_value_import(
    roadmap: Roadmap, content: bytes, filename: str, today: datetime.date
) -> ValueImportPlan:
    """Read a file of metric values and say, row by row, what confirming it would do."""
    return _Interpreter.plan_file(ValueImportPlan(filename=filename), roadmap, content, today)


class _Interpreter(RowReader[ValueImportPlan, ValueRowPlan]):
    """Reads the rows of one file against the roadmap's metrics, in two queries in all."""

    @classmethod
    def archived_message(cls) -> str:
        return _("The roadmap is archived; its metrics can no longer change.")

    @classmethod
    def headings(cls) -> dict[str, str]:
        return heading_index()

    @classmethod
    def is_header(cls, known: Mapping[str, str], cells: list[object]) -> bool:
        keys = {known.get(normalise(cell)) for cell in cells if isinstance(cell, str)}
        return len(keys & {"id", "metric", "period", "value"}) >= 2

    @classmethod
    def missing_columns(cls, positions: Mapping[str, int]) -> list[str]:
        missing = [key for key in ("period", "value") if key not in positions]
        if "metric" not in positions and "id" not in positions:
            missing.insert(0, "metric")
        return missing

    @classmethod
    def column_titles(cls) -> Mapping[str, str]:
        return value_column_titles()

    @classmethod
    def missing_message(cls) -> str:
        return _(
            "The header row (row %(row)s) has no column for: %(columns)s. Name the "
            "columns for example Mittari, Kausi and Arvo (or Metric, Period and Value)."
        )

    @classmethod
    def prefer_sheets(cls) -> set[str]:
        return value_sheet_titles()

    def prepare(self) -> None:
        roadmap = self.roadmap
        metrics = list(Metric.objects.filter(roadmap=roadmap).select_related("roadmap"))
        self.by_id = {metric.pk: metric for metric in metrics}
        self.by_name = {name_key(metric.name): metric for metric in metrics}
        self.current = {
            (item.metric_id, item.period): item
            for item in MetricValue.objects.filter(metric__roadmap=roadmap)
        }
        self.seen: dict[tuple[int, str], int] = {}

    def cell(self, values: list[object], key: str) -> object:
        value = self.raw_cell(values, key)
        if isinstance(value, str):
            return clean_text(value) or None
        return value

    def row(self, number: int, values: list[object]) -> ValueRowPlan:
        row = ValueRowPlan(row=number)
        self.match(row, values)
        self.read_period(row, values)
        self.read_value(row, values)
        row.note = self.text(row, values, "note", MAX_NOTE)
        row.source = self.text(row, values, "source", MAX_SOURCE)
        self.check_duplicate(row)
        self.compare(row)
        return row

    # Metric ------------------------------------------------------------------------------------

    def match(self, row: ValueRowPlan, values: list[object]) -> None:
        name = as_text(self.cell(values, "metric"))
        row.metric_text = name
        by_id = None
        raw_id = self.cell(values, "id")
        if raw_id is not None:
            pk = as_integer(raw_id)
            by_id = self.by_id.get(pk) if pk is not None else None
            if by_id is None:
                self.problem(
                    row,
                    "id",
                    _("The roadmap has no metric with the identifier “%(id)s”.")
                    % {"id": as_text(raw_id)},
                )
                return
        by_name = self.by_name.get(name_key(name)) if name else None
        if by_name is None and name and by_id is None:
            # A metric column holding identifiers, as a town may copy them from the export.
            pk = as_integer(name)
            by_name = self.by_id.get(pk) if pk is not None else None
        if by_id is not None and name and by_name is not by_id:
            self.problem(
                row,
                "metric",
                _(
                    "The identifier %(id)s is the metric “%(name)s”, not “%(text)s”. Check "
                    "which one the row is for."
                )
                % {"id": by_id.pk, "name": by_id.name, "text": name},
            )
            return
        row.metric = by_id or by_name
        if row.metric is not None:
            row.metric_text = row.metric.name
        elif name:
            self.problem(
                row,
                "metric",
                _(
                    "The roadmap has no metric “%(name)s”. Write the name as it is on the "
                    "metrics page, or the metric's identifier."
                )
                % {"name": name},
            )
        else:
            self.problem(
                row, "metric" if "metric" in self.positions else "id", _("The metric is missing.")
            )

    # Period ------------------------------------------------------------------------------------

    def read_period(self, row: ValueRowPlan, values: list[object]) -> None:
        value = self.cell(values, "period")
        frequency = row.metric.frequency if row.metric else None
        example = period_example(frequency, self.today)
        if value is None:
            self.problem(row, "period", _("The period is missing."))
            return
        if isinstance(value, datetime.date | datetime.time):
            # Excel turns "2/2025" into 1 February 2025, so a date cannot tell the period.
            shown = value.date() if isinstance(value, datetime.datetime) else value
            row.period_text = str(shown)
            self.problem(
                row,
                "period",
                _(
                    "The period is a date (%(date)s), which cannot tell the period for sure. "
                    "Write the period as text, for example %(example)s."
                )
                % {"date": row.period_text, "example": example},
            )
            return
        row.period_text = as_text(value)
        code = period_code(value, frequency or Frequency.QUARTERLY)
        if code is None:
            self.problem(
                row,
                "period",
                _("“%(text)s” is not a period. Write it for example as %(example)s.")
                % {"text": row.period_text, "example": example},
            )
            return
        if row.metric is None:
            row.period = code
            return
        try:
            row.period = str(services.parse_period(row.metric, code, self.today))
        except ValidationError as error:
            for message in error.message_dict.get("period", error.messages):
                self.problem(row, "period", message)

    # Value -------------------------------------------------------------------------------------

    def read_value(self, row: ValueRowPlan, values: list[object]) -> None:
        value = self.cell(values, "value")
        if value is None:
            self.problem(row, "value", _("The value is missing."))
            return
        try:
            number, unit = read_number(value)
        except AmbiguousNumberError:
            self.problem(
                row,
                "value",
                _(
                    "“%(text)s” can be read in two ways. Write thousands with a space "
                    "(1 250) and decimals with a comma (1,25)."
                )
                % {"text": as_text(value)},
            )
            return
        except (ValueError, ArithmeticError):
            self.problem(
                row,
                "value",
                _("“%(text)s” is not a number. Write it for example as 41,5 or 1 200.")
                % {"text": as_text(value)},
            )
            return
        if unit and row.metric is not None and not unit_fits(unit, row.metric):
            self.problem(
                row,
                "value",
                _(
                    "“%(text)s”: “%(unit)s” is not the metric's unit. Write only the number, "
                    "for example 41,5."
                )
                % {"text": as_text(value), "unit": unit},
            )
            return
        if abs(number) > VALUE_LIMIT:
            self.problem(row, "value", _("The number is too large."))
            return
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -DECIMAL_PLACES:
            self.problem(
                row,
                "value",
                _("“%(text)s” has more than %(places)s decimals.")
                % {"text": as_text(value), "places": DECIMAL_PLACES},
            )
            return
        row.value = number

    def text(self, row: ValueRowPlan, values: list[object], key: str, limit: int) -> str:
        text = as_text(self.cell(values, key))
        if len(text) > limit:
            messages = {
                "note": _("The note is longer than %(limit)s characters."),
                "source": _("The source is longer than %(limit)s characters."),
            }
            self.problem(row, key, messages[key] % {"limit": limit})
        return text

    # The file as a whole and the roadmap -------------------------------------------------------

    def check_duplicate(self, row: ValueRowPlan) -> None:
        if row.metric is None or not row.period:
            return
        key = (row.metric.pk, row.period)
        if key in self.seen:
            self.problem(
                row,
                "period",
                _("The same metric and period are already on row %(row)s of the file.")
                % {"row": self.seen[key]},
            )
            return
        self.seen[key] = row.row

    def compare(self, row: ValueRowPlan) -> None:
        if row.metric is None or not row.period:
            return
        current = self.current.get((row.metric.pk, row.period))
        row.current = current
        if current is None:
            row.action = "create"
            return
        # An empty note or source keeps the recorded one: an import adds figures, it does not
        # erase what someone wrote about them.
        row.note = row.note or current.note
        row.source = row.source or current.source
        if row.value is not None and row.value != current.value:
            row.changes.append("value")
        if row.note != current.note:
            row.changes.append("note")
        if row.source != current.source:
            row.changes.append("source")
        row.action = "update" if row.changes else "unchanged"


# Saving -------------------------------------------------------------------------------------


def apply_value_import(
    *,
    actor: Actor,
    plan: ValueImportPlan,
    today: datetime.date,
    progress: RowProgress | None = None,
) -> dict[str, int]:
    """Save every new or changed row of a plan without problems; any error saves nothing. A
    value records who recorded it as a user, so a system actor (the command line) is none
    there, and named in the value's history row."""
    if not plan.ok:
        raise ImportRefused(_("The file has problems; nothing was imported."))
    at_row = 0
    report = progress or no_progress
    to_save = [row for row in plan.rows if row.action != "unchanged"]

    def rows() -> Iterator[services.ValueRow]:
        nonlocal at_row
        for done, row in enumerate(to_save):
            report(done, len(to_save))
            at_row = row.row
            if row.metric is None or row.value is None:  # only a plan with problems has these
                raise ImportRefused(_("The file has problems; nothing was imported."))
            yield services.ValueRow(
                metric=row.metric,
                period=row.period,
                value=row.value,
                note=row.note,
                source=row.source,
            )

    try:
        created, updated = services.record_values(
            actor=as_actor(actor), rows=rows(), channel=Channel.IMPORT, today=today
        )
    except Metric.DoesNotExist as error:
        raise ImportRefused(
            _("Row %(row)s: the metric was deleted while the file was being imported.")
            % {"row": at_row}
        ) from error
    except ConflictError as error:
        raise ImportRefused(
            _("Row %(row)s: someone recorded the value while the file was being imported.")
            % {"row": at_row}
        ) from error
    except ValidationError as error:
        raise ImportRefused(
            _("Row %(row)s: %(problem)s") % {"row": at_row, "problem": " ".join(error.messages)}
        ) from error
    return {"created": created, "updated": updated, "unchanged": plan.unchanged_count}


def examples(roadmap: Roadmap, metrics: list[Metric], today: datetime.date) -> list[list[str]]:
    """Rows of the upload page's example table, with the roadmap's own metrics where there
    are some."""
    year = min(max(today.year, roadmap.start_year), roadmap.end_year)
    rows = []
    for index, metric in enumerate(metrics[:3]):
        value = format_value(EXAMPLE_VALUES[index], metric)
        rows.append([metric.name, example_period(metric.frequency, year), value])
    if not rows:
        rows.append(
            [
                _("Share of online services"),
                example_period(Frequency.QUARTERLY, year),
                f"{format_number(EXAMPLE_VALUES[0])}\u00a0%",
            ]
        )
    return rows


class MetricValueImporter(Importer[ValueImportPlan]):
    """Many values of a roadmap's metrics at once; recorded ones are corrected."""

    kind = ImportKind.METRIC_VALUES
    capability = Capability.METRIC_IMPORT
    url_name = "imports:metric_values"
    upload_template = "imports/metric_values/upload.html"
    preview_template = "imports/metric_values/preview.html"
    file_label = gettext_lazy("Metric values (.xlsx or .csv)")
    done_url_name = "metrics:overview"
    problems_are_bad_request = True

    def plan(
        self,
        roadmap: Roadmap,
        content: bytes,
        filename: str,
        today: datetime.date,
        answers: ImportAnswers | None = None,
    ) -> ValueImportPlan:
        # A metric's values ask nothing: periods and numbers are read or refused.
        return plan_value_import(roadmap, content, filename, today)

    def apply(
        self,
        *,
        actor: Actor,
        roadmap: Roadmap,
        plan: ValueImportPlan,
        today: datetime.date,
        progress: RowProgress | None = None,
    ) -> dict[str, int]:
        return apply_value_import(actor=actor, plan=plan, today=today, progress=progress)

    def imported_message(self, summary: dict[str, int]) -> str:
        return (
            _("Imported: %(created)s new values, %(updated)s corrected, %(unchanged)s unchanged.")
            % summary
        )

    def upload_context(self, roadmap: Roadmap, today: datetime.date) -> dict[str, Any]:
        metrics = list(Metric.objects.filter(roadmap=roadmap).for_listing())
        return {
            "titles": value_column_titles(),
            "examples": examples(roadmap, metrics, today),
            "metrics": metrics,
        }


METRIC_VALUES = MetricValueImporter()
