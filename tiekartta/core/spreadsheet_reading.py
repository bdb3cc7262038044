"""Reading an uploaded task list (.xlsx or .csv) into a plain table, refusing hostile files early.

An upload is untrusted: everything that can be decided from the raw bytes and the zip directory
(size, type, zip bombs, macros, XML entity declarations) is decided before openpyxl or the csv
module sees the file, and what they then parse is bounded in bytes, rows, columns and cells.
Every refusal is a SpreadsheetError with a sentence the municipal user can act on.

Callers should also check ``UploadedFile.size`` before reading the upload into memory; the size
check here only protects the parsing that follows.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024  # a 20,000-row task list unpacks to about 4 MB
MAX_COMPRESSION_RATIO = 100
MAX_ROWS = 20_000
MAX_ZIP_MEMBERS = 10_000
# A task list has a dozen columns.
MAX_COLUMNS = 200
# Cells openpyxl may hand over for one sheet, empty ones included: the widest table allowed at
# the row limit. It bounds both the parsing of cells that are present but empty (a few
# microseconds each) and the padding openpyxl adds up to each row's last cell, which would let
# one cell in column XFD cost 16,384 slots for a few bytes of XML.
MAX_CELL_SLOTS = MAX_ROWS * MAX_COLUMNS
HEADER_SEARCH_ROWS = 20
# Excel's own sheet limit: a row number beyond it can only come from a crafted file, and
# openpyxl would yield an empty row for every missing number up to it.
EXCEL_MAX_ROWS = 1_048_576
CSV_SAMPLE_CHARS = 64 * 1024

_ZIP_SIGNATURE = b"PK\x03\x04"
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Excel stores a password-protected .xlsx inside an OLE2 container under this stream name, so
# such a file would otherwise be mistaken for an old .xls.
_OLE2_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_WORKBOOK_PARTS = frozenset({"[Content_Types].xml", "xl/workbook.xml"})
_XLSX_NAMES = (".xlsx", ".xlsm", ".xltx", ".xltm")
_TEXT_NAMES = (".csv", ".txt")
# Only what Excel itself writes: bzip2 and lzma members are decompressed by zipfile without an
# output limit per read, so a small chunk could expand far beyond the declared size in memory.
_ALLOWED_COMPRESSION = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
_XML_SUFFIXES = (".xml", ".rels", ".vml")
# The XML parsers accept UTF-16 and UTF-32 documents, in which an ASCII-only search would miss a
# declaration; matching is done on lower-cased bytes so that every spelling is refused.
_XML_DECLARATIONS = tuple(
    word.encode(encoding)
    for word in ("<!doctype", "<!entity")
    for encoding in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_MACRO_CONTENT_TYPE = b"macroenabled"
_SCAN_CHUNK_BYTES = 1024 * 1024
_CSV_DELIMITERS = ";,\t"
# csv.Sniffer's quote-guessing regular expressions take time quadratic in the line length (about
# 18 s for one crafted 64 KB line); masking quoted text and apostrophes leaves only its linear
# character-frequency analysis, which is all that is needed to pick the delimiter.
_QUOTED_TEXT = re.compile(r'"[^"]*"')


class SpreadsheetError(Exception):
    """An upload that cannot be read; ``message`` is shown to the user, ``code`` is for code."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Table:
    """The first non-empty sheet of an upload: its header row and the non-blank rows below it.

    Strings are stripped and blank text is None, so CSV and xlsx cells compare alike; a row is
    padded with None to the width of the header row but keeps any cells beyond it.
    """

    sheet: str
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[object]]]


def read_table(data: bytes, filename: str, prefer_sheets: Collection[str] = ()) -> Table:
    """Read an uploaded .xlsx or .csv file, or raise SpreadsheetError saying why it was refused.

    A workbook's first sheet named in `prefer_sheets` (case-insensitively) is read if it has
    data, so that a sheet of a full export can be imported as it is; otherwise the first
    non-empty sheet."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise SpreadsheetError(
            _(
                "The file is larger than %(limit)s MB. Remove extra sheets, images or rows, "
                "or save the sheet as CSV, and upload it again."
            )
            % {"limit": _megabytes(MAX_UPLOAD_BYTES)},
            "too_large",
        )
    name = filename.strip().lower()
    if data.startswith(_OLE2_SIGNATURE):
        if _OLE2_ENCRYPTED_STREAM in data:
            raise SpreadsheetError(
                _(
                    "The file is protected with a password. Remove the password in Excel, "
                    "save the file as an Excel workbook (.xlsx) and upload it again."
                ),
                "encrypted",
            )
        raise SpreadsheetError(
            _(
                "The file is an old Excel 97–2003 workbook (.xls). Save it as an Excel "
                "workbook (.xlsx) or as CSV and upload it again."
            ),
            "xls",
        )
    if data.startswith(_ZIP_SIGNATURE):
        return _read_xlsx(data, prefer_sheets)
    if not data and name.endswith(_XLSX_NAMES + _TEXT_NAMES):
        raise _empty_error()
    if name.endswith(_XLSX_NAMES):
        raise _corrupt_error()
    if name.endswith(_TEXT_NAMES):
        return _read_csv(data)
    raise SpreadsheetError(
        _(
            "The file type is not supported. Upload the sheet as an Excel workbook (.xlsx) "
            "or as a CSV file (.csv)."
        ),
        "unknown_type",
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def _corrupt_error() -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The file could not be read because it is damaged or incomplete. Open it in Excel, "
            "save it again as an Excel workbook (.xlsx) or as CSV and upload it again."
        ),
        "corrupt",
    )


def _empty_error() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file contains no data. Check that you chose the right file and upload it again."),
        "empty",
    )


def _zip_bomb_error() -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The workbook would unpack to more than %(limit)s MB or is packed in an unusual "
            "way, so it was refused for safety. Remove extra sheets, images or formatting, or "
            "save the sheet as CSV, and upload it again."
        )
        % {"limit": _megabytes(MAX_UNCOMPRESSED_BYTES)},
        "zip_bomb",
    )


def _xml_entities_error() -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The workbook contains XML declarations (DTD or entities) that are not allowed for "
            "security reasons. Open it in Excel, save it again as an Excel workbook (.xlsx) "
            "and upload it again."
        ),
        "xml_entities",
    )


def _macros_error() -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The file contains macros. Save it as an Excel workbook without macros (.xlsx) or "
            "as CSV and upload it again."
        ),
        "macros",
    )


# --- xlsx -------------------------------------------------------------------------------------


def _read_xlsx(data: bytes, prefer_sheets: Collection[str] = ()) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:
        # zipfile raises assorted exception types on a crafted directory; all mean unreadable.
        raise _corrupt_error() from exc
    with archive:
        members = archive.infolist()
        _check_zip_sizes(members)
        if not _WORKBOOK_PARTS.issubset(member.filename for member in members):
            raise SpreadsheetError(
                _(
                    "The file is not an Excel workbook; it may be, for example, a Word "
                    "document or an OpenDocument spreadsheet with its name changed. Save the "
                    "sheet as an Excel workbook (.xlsx) or as CSV and upload it again."
                ),
                "not_spreadsheet",
            )
        if any(_is_macro_part(member.filename) for member in members):
            raise _macros_error()
        _scan_xml_parts(archive, members)
    return _load_workbook(data, prefer_sheets)


def _is_macro_part(name: str) -> bool:
    # VBA projects, and Excel 4.0 macro sheets, which need no VBA project at all.
    name = name.lower()
    return name.endswith("vbaproject.bin") or name.startswith("xl/macrosheets/")


def _check_zip_sizes(members: list[zipfile.ZipInfo]) -> None:
    """Judge the archive from its directory alone; nothing has been decompressed yet.

    Trusting the declared sizes is sound because zipfile stops decompressing a member at its
    declared file_size (and then fails the CRC check), so no member can unpack to more.
    """
    if len(members) > MAX_ZIP_MEMBERS:
        raise _zip_bomb_error()
    total = 0
    for member in members:
        if member.flag_bits & 0x1 or member.compress_type not in _ALLOWED_COMPRESSION:
            # Excel never encrypts single members nor uses other compression methods.
            raise _corrupt_error()
        size = member.file_size
        total += size
        if size > MAX_UNCOMPRESSED_BYTES or total > MAX_UNCOMPRESSED_BYTES:
            raise _zip_bomb_error()
        if size and (
            member.compress_size <= 0 or size / member.compress_size > MAX_COMPRESSION_RATIO
        ):
            raise _zip_bomb_error()


def _scan_xml_parts(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Refuse DTDs and entity declarations (billion laughs, external entities) before any XML
    parser runs, and macro-enabled content types, which are only visible inside the XML.

    openpyxl parses with defusedxml or with lxml without entity resolution; this scan is the
    second, parser-independent line of defence. All XML parts are scanned, not only the sheets
    and strings, because openpyxl parses styles, relationships and others too.
    """
    budget = MAX_UNCOMPRESSED_BYTES
    for member in members:
        name = member.filename.lower()
        if not name.endswith(_XML_SUFFIXES):
            continue
        needles = _XML_DECLARATIONS
        if name == "[content_types].xml":
            needles = (*needles, _MACRO_CONTENT_TYPE)
        found, read = _find_in_member(archive, member, needles, budget)
        budget -= read
        if found & set(_XML_DECLARATIONS):
            raise _xml_entities_error()
        if _MACRO_CONTENT_TYPE in found:
            raise _macros_error()


def _find_in_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, needles: Sequence[bytes], budget: int
) -> tuple[set[bytes], int]:
    found: set[bytes] = set()
    overlap = max(len(needle) for needle in needles) - 1
    tail = b""
    read = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_SCAN_CHUNK_BYTES):
                read += len(chunk)
                if read > budget:
                    raise _zip_bomb_error()
                # The tail of the previous chunk catches a needle split across two reads.
                window = tail + chunk.lower()
                found.update(needle for needle in needles if needle in window)
                tail = window[-overlap:]
    except SpreadsheetError:
        raise
    except Exception as exc:
        # CRC mismatches (sizes that lie), bad local headers, truncated deflate streams.
        raise _corrupt_error() from exc
    return found, read


def _load_workbook(data: bytes, prefer_sheets: Collection[str] = ()) -> Table:
    # Imported here: a web worker that reads no upload does not load openpyxl.
    import openpyxl
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        # A deployment fault rather than a bad upload: fail loudly instead of parsing unsafely.
        raise RuntimeError("defusedxml must be installed for openpyxl to read uploads safely.")
    workbook = None
    try:
        # data_only: cached results only, so no formula is ever evaluated or passed on.
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        wanted = {name.casefold() for name in prefer_sheets}
        preferred = [s for s in workbook.worksheets if s.title.casefold() in wanted]
        for sheet in preferred + [s for s in workbook.worksheets if s not in preferred]:
            # The declared dimension is the file's claim, not a fact; without it openpyxl stops
            # each row at its last cell instead of padding every row to the claimed size.
            sheet.reset_dimensions()
            rows = (tuple(_cell_value(cell) for cell in row) for row in sheet.iter_rows())
            table = _build_table(sheet.title, rows, max_row_number=EXCEL_MAX_ROWS)
            if table is not None:
                return table
    except SpreadsheetError:
        raise
    except Exception as exc:
        # openpyxl wraps parser errors in a ValueError, so the cause has to be looked for.
        if _caused_by(exc, DefusedXmlException):
            raise _xml_entities_error() from exc
        # Anything openpyxl trips over in an untrusted file is, for the user, a damaged file.
        raise _corrupt_error() from exc
    finally:
        if workbook is not None:
            workbook.close()
    raise _empty_error()


QUOTED_FORMAT_TEXT = re.compile(r'"[^"]*"|\\.')


def _cell_value(cell: Any) -> object:
    """A cell's value as its reader sees it: a number in a percentage format ("0%", "0.0 %")
    is the percentage shown, so 100 % reads as 100, not as Excel's stored 1. A "%" inside
    quotes in the format is only a printed sign, as in the export's own '0" %"'."""
    value = getattr(cell, "value", None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        number_format = QUOTED_FORMAT_TEXT.sub("", str(getattr(cell, "number_format", "") or ""))
        if "%" in number_format:
            return value * 100
    return value


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


# --- csv --------------------------------------------------------------------------------------


def _read_csv(data: bytes) -> Table:
    text = _decode_text(data)
    if "\x00" in text:
        raise SpreadsheetError(
            _(
                "The file contains binary data and is not a CSV text file. Save the sheet "
                "as CSV or as an Excel workbook (.xlsx) and upload it again."
            ),
            "corrupt",
        )
    delimiter = _sniff_delimiter(text)
    # newline="" lets the csv module see line breaks inside quoted cells as they are.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = _build_table("", reader, max_row_number=None)
    except csv.Error as exc:
        raise _corrupt_error() from exc
    if table is None:
        raise _empty_error()
    return table


def _decode_text(data: bytes) -> str:
    # Excel's "Unicode text" export is UTF-16 with a byte order mark.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _corrupt_error() from exc
    # cp1252 is what Finnish Excel writes for "CSV (comma delimited)"; latin-1 never fails.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _sniff_delimiter(text: str) -> str:
    sample = text[:CSV_SAMPLE_CHARS]
    if len(text) > CSV_SAMPLE_CHARS and (cut := sample.rfind("\n")) > 0:
        sample = sample[:cut]
    # Quoted cells may hold any delimiter; masking them keeps the counts honest as well as fast.
    sample = _QUOTED_TEXT.sub("x", sample).replace("'", "x")
    sniffer = csv.Sniffer()
    # Finnish Excel writes ";" because "," is the decimal separator, so a tie goes to ";".
    sniffer.preferred = [";", "\t", ","]
    try:
        return sniffer.sniff(sample, delimiters=_CSV_DELIMITERS).delimiter
    except csv.Error:
        pass
    for delimiter in (";", ",", "\t"):
        if delimiter in sample:
            return delimiter
    return ";"


# --- both -------------------------------------------------------------------------------------


def _build_table(
    sheet: str, rows: Iterable[Sequence[object]], *, max_row_number: int | None
) -> Table | None:
    """The header and data rows of one sheet, or None if the sheet has no non-empty cell."""
    header_row = 0
    headers: list[str] = []
    data: list[tuple[int, list[object]]] = []
    slots = 0
    for number, values in enumerate(rows, start=1):
        if max_row_number is not None and number > max_row_number:
            raise _corrupt_error()
        slots += len(values)
        if slots > MAX_CELL_SLOTS:
            raise SpreadsheetError(
                _(
                    "The file has too many cells to read, counting empty and formatted ones. "
                    "Delete unused rows and columns and upload the file again."
                ),
                "too_many_cells",
            )
        # Counting in C first keeps empty and padded rows cheap.
        if values.count(None) == len(values):
            continue
        if len(values) > MAX_COLUMNS:
            if not _is_blank(values[MAX_COLUMNS:]):
                raise SpreadsheetError(
                    _(
                        "Row %(row)s has more than %(limit)s columns. Remove the extra columns "
                        "and upload the file again."
                    )
                    % {"row": number, "limit": MAX_COLUMNS},
                    "too_many_columns",
                )
            values = values[:MAX_COLUMNS]
        cells = _clean(values)
        if not cells:
            continue
        if not header_row:
            if number > HEADER_SEARCH_ROWS:
                raise SpreadsheetError(
                    _(
                        "No column headings were found in the first %(limit)s rows. Put the "
                        "column headings on one of the first %(limit)s rows and upload the "
                        "file again."
                    )
                    % {"limit": HEADER_SEARCH_ROWS},
                    "no_header",
                )
            header_row = number
            headers = [_header_text(value) for value in cells]
            continue
        if len(data) >= MAX_ROWS:
            raise SpreadsheetError(
                _(
                    "The file has more than %(limit)s rows of data. Split the sheet into "
                    "smaller files and upload them one at a time."
                )
                % {"limit": MAX_ROWS},
                "too_many_rows",
            )
        cells.extend([None] * (len(headers) - len(cells)))
        data.append((number, cells))
    if not header_row:
        return None
    return Table(sheet=sheet, header_row=header_row, headers=headers, rows=data)


def _is_blank(values: Sequence[object]) -> bool:
    if values.count(None) == len(values):
        return True
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def _clean(values: Sequence[object]) -> list[object]:
    """Strip text, turn blank text into None and drop empty cells from the end of the row."""
    cells = [(value.strip() or None) if isinstance(value, str) else value for value in values]
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _header_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


# Reading a table's cells, shared by every import of a table (tasks, metric values, survey
# answers).

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: object) -> str:
    """A heading or a word as it compares: lower case, no "(%)", no punctuation at the ends."""
    value = str(text or "").strip().lower()
    value = re.sub(r"\(\s*%\s*\)", "", value)
    value = re.sub(r"\s+", " ", value)
    return value.strip(" :.*-–")


@dataclass
class Problem:
    row: int
    column: str
    message: str


def find_header(table: Table, is_header: Callable[[list[object]], bool]) -> Table:
    """Towns often put a title and a blank line above the real header: take the first of the
    top rows that `is_header`, and start the data below it."""
    if is_header(list(table.headers)):
        return table
    for index, (number, cells) in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        if is_header(cells):
            return Table(
                sheet=table.sheet,
                header_row=number,
                headers=[str(cell or "").strip() for cell in cells],
                rows=table.rows[index + 1 :],
            )
    return table


def clean_text(value: str) -> str:
    """A text cell as it can be stored and exported again."""
    # Control characters (Word's manual line break, escape codes) cannot be stored in the
    # spreadsheets and documents the roadmap is exported to.
    value = CONTROL_CHARACTERS.sub(" ", value).strip()
    # Our CSV export guards formula-like text with an apostrophe; take it off again.
    if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
        value = value[1:]
    return value


def refuse_oversized(upload: Any) -> Any:
    """An uploaded file's size checked before it is read (a form's clean_file): the size is
    known from the upload's headers."""
    from django import forms

    if upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(limit)s MB."),
            params={"limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
        )
    return upload
