"""Spreadsheets written safely: .xlsx sheets through openpyxl's write-only mode and the
guards that every export needs (text that could run as a formula stays text; characters XML
cannot hold are replaced). Generic: imports no app."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"

# openpyxl's own (openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE), without importing openpyxl for it.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text that a spreadsheet program shows as text, never runs. For CSV, where a cell has no
    type, a leading apostrophe is the convention Excel and LibreOffice honour."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def printable(value: str) -> str:
    """Text without the control characters that XML (so .xlsx and .docx) cannot hold, such as
    Word's manual line break pasted into a task's description."""
    return ILLEGAL_CHARACTERS_RE.sub(" ", value)


def _cell(sheet: Worksheet, value: Any, number_format: str = "") -> Any:
    """The value itself where openpyxl writes it right; a typed cell where it would not."""
    if isinstance(value, str):
        value = printable(value)
    formula_like = isinstance(value, str) and value.startswith(FORMULA_STARTS)
    if not formula_like and not number_format:
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if formula_like:
        # openpyxl takes "=…" for a formula; typed as a string it is stored and shown as text.
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    return cell


def write_sheet(
    workbook: Workbook,
    title: str,
    headers: Sequence[str],
    widths: Sequence[int],
    rows: Iterable[Sequence[Any]],
    formats: dict[int, str] | None = None,
) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in rows:
        count += 1
        sheet.append(
            [_cell(sheet, value, (formats or {}).get(i, "")) for i, value in enumerate(row)]
        )
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
