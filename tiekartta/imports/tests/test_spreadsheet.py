"""Reading uploaded task lists: every fixture is built here, hostile ones with zipfile by hand."""

from __future__ import annotations

import codecs
import datetime
import io
import random
import struct
import time
import zipfile
from collections.abc import Callable
from typing import Any

import openpyxl
import openpyxl.xml
import pytest
from django.utils import translation
from openpyxl.workbook.workbook import Workbook

from tiekartta.core import spreadsheet_reading as spreadsheet
from tiekartta.core.spreadsheet_reading import SpreadsheetError, Table, read_table

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n'
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">'
        % (level, (b"&lol%d;" % (level - 1) if level > 1 else b"&lol;") * 10)
        for level in range(1, 10)
    )
    + b"]>"
    + f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'.encode()
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    + f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>'.encode()
)


# --- builders -----------------------------------------------------------------------------------


def xlsx(build: Callable[[Workbook], None] | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    if build is not None:
        build(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def simple_xlsx() -> bytes:
    def build(workbook: Workbook) -> None:
        sheet = workbook.active
        sheet.append(["Tehtävä", "Valmis"])
        sheet.append(["Vesimittarit", 40])

    return xlsx(build)


def noise(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)  # noqa: S311 - repeatable test data, not a secret


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def make_zip(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def rezip(data: bytes, **changes: Callable[[dict[str, bytes]], None]) -> bytes:
    parts = members(data)
    for change in changes.values():
        change(parts)
    return make_zip(parts)


def with_shared_strings(sst: bytes) -> bytes:
    """A valid workbook whose only cell reads its text from xl/sharedStrings.xml."""
    sheet = (
        f'<worksheet xmlns="{MAIN_NS}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        "</sheetData></worksheet>"
    ).encode()

    def change(parts: dict[str, bytes]) -> None:
        parts["xl/worksheets/sheet1.xml"] = sheet
        parts["xl/sharedStrings.xml"] = sst
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>",
            f'<Relationship Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml" '
            'Id="rId99"/></Relationships>'.encode(),
        )
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )

    return rezip(xlsx(), change=change)


def refused(data: bytes, filename: str) -> SpreadsheetError:
    with pytest.raises(SpreadsheetError) as caught:
        read_table(data, filename)
    error = caught.value
    assert isinstance(error.message, str)
    assert error.message
    assert str(error) == error.message
    return error


@pytest.fixture
def openpyxl_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusal must come from the checks on raw bytes, before any XML is parsed."""

    def fail(*args: Any, **kwargs: Any) -> None:
        pytest.fail("openpyxl.load_workbook was called for a file that should be refused first")

    monkeypatch.setattr(openpyxl, "load_workbook", fail)


# --- xlsx that is read --------------------------------------------------------------------------


def test_reads_a_workbook_keeping_types_and_row_numbers() -> None:
    def build(workbook: Workbook) -> None:
        sheet = workbook.active
        sheet.title = "Tehtävät"
        # Rows 1 and 2 are left empty so that the header is on row 3.
        headers = [" Tehtävä ", "Alkaa", "Valmis %", "Budjetti", "Kriittinen", "Kaava", None]
        for column, header in enumerate(headers, start=1):
            sheet.cell(row=3, column=column, value=header)
        sheet.append(
            [
                "  Vesimittarien etäluenta ",
                datetime.date(2026, 1, 15),
                40,
                12500.5,
                True,
                "=SUM(A1)",
            ]
        )
        # Text that looks like a formula has to be marked as text, or openpyxl writes a formula.
        sheet["F4"].data_type = "s"
        sheet["A6"] = "   "
        sheet["A7"] = "Digituki"
        sheet["C7"] = 0
        sheet["E7"] = False
        sheet["F7"] = "=1+1"
        sheet["A9"] = "Lopuksi"
        sheet["B9"] = datetime.datetime(2026, 6, 30, 14, 30)

    table = read_table(xlsx(build), "tehtavat.xlsx")

    assert table.sheet == "Tehtävät"
    assert table.header_row == 3
    assert table.headers == ["Tehtävä", "Alkaa", "Valmis %", "Budjetti", "Kriittinen", "Kaava"]
    assert [number for number, _ in table.rows] == [4, 7, 9]
    first = table.rows[0][1]
    assert first == [
        "Vesimittarien etäluenta",
        datetime.datetime(2026, 1, 15),
        40,
        12500.5,
        True,
        "=SUM(A1)",
    ]
    assert type(first[2]) is int
    assert type(first[3]) is float
    assert type(first[4]) is bool
    # A real formula is never evaluated: without a value cached by Excel it reads as empty.
    assert table.rows[1] == (7, ["Digituki", None, 0, None, False, None])
    assert table.rows[2] == (
        9,
        ["Lopuksi", datetime.datetime(2026, 6, 30, 14, 30), None, None, None, None],
    )


def test_a_formula_is_read_as_the_value_excel_cached() -> None:
    sheet_xml = (
        f'<worksheet xmlns="{MAIN_NS}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Summa</t></is></c></row>'
        '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c></row>'
        '<row r="3"><c r="A3" t="str"><f>"=cmd"</f><v>=cmd</v></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    data = rezip(xlsx(), sheet=lambda parts: parts.update({"xl/worksheets/sheet1.xml": sheet_xml}))

    table = read_table(data, "summa.xlsx")

    assert table.rows == [(2, [2]), (3, ["=cmd"])]


def test_the_first_sheet_with_any_cell_is_used() -> None:
    def build(workbook: Workbook) -> None:
        instructions = workbook.active
        instructions.title = "Ohje"
        instructions["C5"] = "   "
        tasks = workbook.create_sheet("Tehtävät")
        tasks.append(["Tehtävä"])
        tasks.append(["Vesimittarit"])
        later = workbook.create_sheet("Arkisto")
        later.append(["Vanha"])

    table = read_table(xlsx(build), "tehtavat.xlsx")

    assert (table.sheet, table.header_row, table.headers) == ("Tehtävät", 1, ["Tehtävä"])
    assert table.rows == [(2, ["Vesimittarit"])]


def test_content_decides_the_format_not_the_name() -> None:
    table = read_table(simple_xlsx(), "tehtavat.csv")

    assert table.headers == ["Tehtävä", "Valmis"]
    assert table.rows == [(2, ["Vesimittarit", 40])]


def test_a_claimed_sheet_size_does_not_pad_the_table() -> None:
    sheet_xml = (
        f'<worksheet xmlns="{MAIN_NS}"><dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Tehtävä</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Vesimittarit</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    data = rezip(xlsx(), sheet=lambda parts: parts.update({"xl/worksheets/sheet1.xml": sheet_xml}))

    table = read_table(data, "tehtavat.xlsx")

    assert table.headers == ["Tehtävä"]
    assert table.rows == [(2, ["Vesimittarit"])]


def test_empty_cells_far_to_the_right_are_ignored() -> None:
    def build(workbook: Workbook) -> None:
        sheet = workbook.active
        sheet.append(["Tehtävä"])
        sheet.append(["Vesimittarit"])
        sheet.cell(row=2, column=16_384).number_format = "0.00"

    table = read_table(xlsx(build), "tehtavat.xlsx")

    assert table.rows == [(2, ["Vesimittarit"])]


def test_workbook_with_shared_strings_is_read() -> None:
    sst = f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>Tehtävä</t></si></sst>'

    table = read_table(with_shared_strings(sst.encode()), "tehtavat.xlsx")

    assert table.headers == ["Tehtävä"]


# --- csv that is read ---------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_delimiter_is_sniffed(delimiter: str) -> None:
    lines = [
        ["Tehtävä", "Vastuuhenkilö", "Valmis"],
        ["Vesimittarit ", "Tekninen johtaja", "40"],
        [],
        ["Digituki", "", ""],
        ["", " ", ""],
        ["Kokoelmat", "Museonjohtaja", "100"],
    ]
    text = "\r\n".join(delimiter.join(line) for line in lines) + "\r\n"

    table = read_table(text.encode(), "tehtavat.csv")

    assert table.sheet == ""
    assert table.header_row == 1
    assert table.headers == ["Tehtävä", "Vastuuhenkilö", "Valmis"]
    assert table.rows == [
        (2, ["Vesimittarit", "Tekninen johtaja", "40"]),
        (4, ["Digituki", None, None]),
        (6, ["Kokoelmat", "Museonjohtaja", "100"]),
    ]


def test_semicolons_win_over_decimal_commas() -> None:
    text = "Tehtävä;Budjetti;Osuus\n" + "Vesimittarit;1,5;0,25\n" * 30

    table = read_table(text.encode(), "tehtavat.csv")

    assert table.headers == ["Tehtävä", "Budjetti", "Osuus"]
    assert table.rows[0] == (2, ["Vesimittarit", "1,5", "0,25"])


def test_quoted_cells_may_hold_delimiters_and_line_breaks() -> None:
    text = 'Task,Note\r\nMeters,"one; two, three"\r\n"Museum","line 1\r\nline 2"\r\nLast,x\r\n'

    table = read_table(text.encode(), "tasks.csv")

    assert table.headers == ["Task", "Note"]
    assert table.rows == [
        (2, ["Meters", "one; two, three"]),
        (3, ["Museum", "line 1\r\nline 2"]),
        (4, ["Last", "x"]),
    ]


def test_csv_in_windows_1252() -> None:
    data = "Tehtävä;Määrä\r\nKävijälaskuri;5\r\n".encode("cp1252")

    table = read_table(data, "TEHTAVAT.CSV")

    assert table.headers == ["Tehtävä", "Määrä"]
    assert table.rows == [(2, ["Kävijälaskuri", "5"])]


def test_csv_in_latin_1_when_windows_1252_fails() -> None:
    # 0x81 is undefined in cp1252, so only latin-1 can decode this.
    data = b"Teht\xe4v\xe4;Koodi\r\nA;\x81\r\n"

    table = read_table(data, "tehtavat.csv")

    assert table.headers == ["Tehtävä", "Koodi"]
    assert table.rows == [(2, ["A", "\x81"])]


def test_csv_with_byte_order_mark() -> None:
    data = codecs.BOM_UTF8 + "Tehtävä;Vastuu\nVesimittarit;Tekninen johtaja\n".encode()

    table = read_table(data, "tehtavat.csv")

    assert table.headers == ["Tehtävä", "Vastuu"]


def test_excel_unicode_text_export() -> None:
    data = "Tehtävä\tVastuu\r\nVesimittarit\tTekninen johtaja\r\n".encode("utf-16")

    table = read_table(data, "tehtavat.txt")

    assert table.headers == ["Tehtävä", "Vastuu"]
    assert table.rows == [(2, ["Vesimittarit", "Tekninen johtaja"])]


def test_single_column_csv() -> None:
    table = read_table(b"Tehtava\nVesimittarit\nDigituki\n", "tehtavat.csv")

    assert table.headers == ["Tehtava"]
    assert [row for _, row in table.rows] == [["Vesimittarit"], ["Digituki"]]


def test_header_may_be_on_row_20_but_not_later() -> None:
    assert read_table(b"\n" * 19 + b"Tehtava;X\nA;1\n", "t.csv").header_row == 20

    error = refused(b"\n" * 20 + b"Tehtava;X\nA;1\n", "t.csv")

    assert error.code == "no_header"
    assert "20" in error.message


def test_sniffing_crafted_quotes_stays_fast() -> None:
    # csv.Sniffer alone takes about 18 s on this sample.
    data = b"Tehtava;Huom\n" + b'";' * 40_000

    started = time.monotonic()
    with pytest.raises(SpreadsheetError):
        read_table(data, "t.csv")

    assert time.monotonic() - started < 5


# --- refused: type ------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", ["vanha.xls", "vanha.xlsx", "vanha.csv"])
def test_old_xls_is_refused(filename: str) -> None:
    error = refused(OLE2 + bytes(504), filename)

    assert error.code == "xls"
    assert ".xls" in error.message and ".xlsx" in error.message


def test_password_protected_workbook_is_refused() -> None:
    data = OLE2 + bytes(1000) + "EncryptedPackage".encode("utf-16-le") + bytes(100)

    assert refused(data, "salainen.xlsx").code == "encrypted"


@pytest.mark.parametrize("part", ["xl/vbaProject.bin", "xl/macrosheets/sheet1.xml"])
def test_workbook_with_macro_parts_is_refused(openpyxl_forbidden: None, part: str) -> None:
    data = rezip(simple_xlsx(), macro=lambda parts: parts.update({part: b"<x/>"}))

    assert refused(data, "makrot.xlsx").code == "macros"


def test_macro_enabled_content_type_is_refused(openpyxl_forbidden: None) -> None:
    normal = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    macro = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"

    def change(parts: dict[str, bytes]) -> None:
        assert normal in parts["[Content_Types].xml"]
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(normal, macro)

    assert refused(rezip(simple_xlsx(), change=change), "makrot.xlsm").code == "macros"


def test_word_document_renamed_is_refused(openpyxl_forbidden: None) -> None:
    docx = make_zip(
        {
            "[Content_Types].xml": b'<Types xmlns="urn:x"/>',
            "_rels/.rels": b'<Relationships xmlns="urn:x"/>',
            "word/document.xml": b'<w:document xmlns:w="urn:x"/>',
        }
    )

    error = refused(docx, "tehtavat.xlsx")

    assert error.code == "not_spreadsheet"
    assert ".xlsx" in error.message


def test_random_bytes_named_xlsx_are_corrupt() -> None:
    data = noise(7, 4096)
    assert not data.startswith((OLE2, b"PK"))

    assert refused(data, "tehtavat.xlsx").code == "corrupt"


def test_zip_signature_followed_by_garbage_is_corrupt() -> None:
    data = b"PK\x03\x04" + noise(8, 4096)

    assert refused(data, "tehtavat.xlsx").code == "corrupt"


def test_truncated_workbook_is_corrupt() -> None:
    data = simple_xlsx()

    assert refused(data[: len(data) // 2], "tehtavat.xlsx").code == "corrupt"


def test_unknown_type_is_refused() -> None:
    error = refused(b"%PDF-1.7\n" + noise(9, 2048), "tehtavat.pdf")

    assert error.code == "unknown_type"
    assert ".xlsx" in error.message and ".csv" in error.message


def test_binary_data_in_a_csv_is_corrupt() -> None:
    assert refused(b"Tehtava;X\nA;\x00\x01\x02\n", "t.csv").code == "corrupt"


# --- refused: size and zip bombs ----------------------------------------------------------------


def test_file_over_the_upload_limit_is_refused() -> None:
    error = refused(b"a" * (spreadsheet.MAX_UPLOAD_BYTES + 1), "tehtavat.csv")

    assert error.code == "too_large"
    assert "5 MB" in error.message


def test_file_at_the_upload_limit_is_read() -> None:
    head = b"Tehtava\n"
    lines, rest = divmod(spreadsheet.MAX_UPLOAD_BYTES - len(head), 1024)
    data = head + (b"a" * 1023 + b"\n") * lines + b"b" * rest
    assert len(data) == spreadsheet.MAX_UPLOAD_BYTES

    assert len(read_table(data, "tehtavat.csv").rows) == lines + 1


def test_overlong_csv_cell_is_refused() -> None:
    # Excel cells hold at most 32,767 characters; the csv module stops at 131,072.
    data = b"Tehtava\n" + b"a" * 200_000 + b"\n"

    assert refused(data, "tehtavat.csv").code == "corrupt"


def test_highly_compressed_member_is_a_zip_bomb(
    openpyxl_forbidden: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 20 MB of zeros deflate to about 20 KB: a ratio near 1000.
    data = rezip(
        simple_xlsx(), bomb=lambda parts: parts.update({"xl/media/x.bin": bytes(20_000_000)})
    )
    assert len(data) < spreadsheet.MAX_UPLOAD_BYTES

    def no_extraction(*args: Any, **kwargs: Any) -> None:
        pytest.fail("a member was opened before the zip directory was judged")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_extraction)

    assert refused(data, "tehtavat.xlsx").code == "zip_bomb"


def test_total_unpacked_size_is_limited(
    openpyxl_forbidden: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheet, "MAX_UNCOMPRESSED_BYTES", 5_000)

    error = refused(simple_xlsx(), "tehtavat.xlsx")

    assert error.code == "zip_bomb"


def test_too_many_zip_members_are_refused(openpyxl_forbidden: None) -> None:
    parts = members(simple_xlsx())
    parts.update({f"xl/x/{number}": b"" for number in range(spreadsheet.MAX_ZIP_MEMBERS)})

    assert refused(make_zip(parts, zipfile.ZIP_STORED), "tehtavat.xlsx").code == "zip_bomb"


def test_understated_size_is_caught_when_reading(openpyxl_forbidden: None) -> None:
    data = bytearray(simple_xlsx())
    name = b"xl/worksheets/sheet1.xml"
    header = data.index(b"PK\x01\x02")
    while data[header + 46 : header + 46 + len(name)] != name:
        header = data.index(b"PK\x01\x02", header + 4)
    # The central directory now claims the sheet unpacks to 10 bytes.
    struct.pack_into("<I", data, header + 24, 10)

    assert refused(bytes(data), "tehtavat.xlsx").code == "corrupt"


def test_compression_excel_does_not_use_is_refused(openpyxl_forbidden: None) -> None:
    data = make_zip(members(simple_xlsx()), zipfile.ZIP_BZIP2)

    assert refused(data, "tehtavat.xlsx").code == "corrupt"


# --- refused: XML entities ----------------------------------------------------------------------


def test_billion_laughs_in_shared_strings_is_refused_before_parsing(
    openpyxl_forbidden: None,
) -> None:
    error = refused(with_shared_strings(BILLION_LAUGHS), "tehtavat.xlsx")

    assert error.code == "xml_entities"


@pytest.mark.parametrize(
    "part",
    [
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
        "xl/styles.xml",
        "xl/_rels/workbook.xml.rels",
    ],
)
def test_entity_declarations_in_any_xml_part_are_refused(
    openpyxl_forbidden: None, part: str
) -> None:
    def change(parts: dict[str, bytes]) -> None:
        parts[part] = EXTERNAL_ENTITY + parts[part]

    assert refused(rezip(simple_xlsx(), change=change), "tehtavat.xlsx").code == "xml_entities"


def test_utf16_entity_declaration_is_refused(openpyxl_forbidden: None) -> None:
    sst = BILLION_LAUGHS.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"')

    error = refused(with_shared_strings(sst.encode("utf-16")), "tehtavat.xlsx")

    assert error.code == "xml_entities"


def test_declaration_split_across_read_chunks_is_found(
    openpyxl_forbidden: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheet, "_SCAN_CHUNK_BYTES", 7)

    assert refused(with_shared_strings(BILLION_LAUGHS), "tehtavat.xlsx").code == "xml_entities"


def test_defusedxml_refuses_a_part_the_scan_does_not_cover() -> None:
    # A sheet stored under an unusual name is still parsed by openpyxl, through defusedxml.
    def change(parts: dict[str, bytes]) -> None:
        del parts["xl/worksheets/sheet1.xml"]
        parts["xl/worksheets/sheet1.dat"] = EXTERNAL_ENTITY
        for name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
            parts[name] = parts[name].replace(b"sheet1.xml", b"sheet1.dat")

    assert refused(rezip(simple_xlsx(), change=change), "tehtavat.xlsx").code == "xml_entities"


def test_openpyxl_without_defusedxml_is_a_deployment_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)

    with pytest.raises(RuntimeError, match="defusedxml"):
        read_table(simple_xlsx(), "tehtavat.xlsx")


# --- refused: content ---------------------------------------------------------------------------


def test_too_many_rows_in_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 5)
    five = "Tehtava\n" + "\n".join(f"T{number}" for number in range(5)) + "\n\n\n"
    assert len(read_table(five.encode(), "t.csv").rows) == 5

    error = refused((five + "T6\n").encode(), "t.csv")

    assert error.code == "too_many_rows"
    assert "5" in error.message


def test_too_many_rows_in_workbook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 5)

    def build(workbook: Workbook) -> None:
        sheet = workbook.active
        sheet.append(["Tehtävä"])
        for number in range(6):
            sheet.append([f"T{number}"])

    assert refused(xlsx(build), "t.xlsx").code == "too_many_rows"


def test_too_many_columns_in_workbook() -> None:
    def build(workbook: Workbook) -> None:
        sheet = workbook.active
        sheet.append(["Tehtävä"])
        sheet.cell(row=2, column=16_384, value="kaukana")

    error = refused(xlsx(build), "t.xlsx")

    assert error.code == "too_many_columns"


def test_too_many_columns_in_csv() -> None:
    fine = "Tehtava" + ";" * 5_000 + "\nA" + ";" * 5_000 + "\n"
    assert read_table(fine.encode(), "t.csv").headers == ["Tehtava"]

    wide = ";".join(f"C{number}" for number in range(spreadsheet.MAX_COLUMNS + 1))

    assert refused(wide.encode(), "t.csv").code == "too_many_columns"


def test_formatted_cells_far_to_the_right_are_budgeted() -> None:
    def build(workbook: Workbook) -> None:
        sheet = workbook.active
        sheet.append(["Tehtävä"])
        # Each row is padded to 16,384 cells by openpyxl: 300 of them exceed the budget.
        for row in range(2, 302):
            sheet.cell(row=row, column=16_384).number_format = "0.00"

    started = time.monotonic()
    error = refused(xlsx(build), "t.xlsx")

    assert error.code == "too_many_cells"
    assert time.monotonic() - started < 10


def test_row_number_beyond_excel_is_corrupt() -> None:
    sheet_xml = (
        f'<worksheet xmlns="{MAIN_NS}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Tehtävä</t></is></c></row>'
        '<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    data = rezip(xlsx(), sheet=lambda parts: parts.update({"xl/worksheets/sheet1.xml": sheet_xml}))

    assert refused(data, "t.xlsx").code == "corrupt"


@pytest.mark.parametrize("data", [b"", b"\r\n", b";;;\r\n  ;\t;\r\n\r\n", codecs.BOM_UTF8, b"   "])
def test_empty_csv(data: bytes) -> None:
    assert refused(data, "tehtavat.csv").code == "empty"


def test_empty_upload_named_xlsx() -> None:
    assert refused(b"", "tehtavat.xlsx").code == "empty"


def test_empty_workbook() -> None:
    def build(workbook: Workbook) -> None:
        workbook.active["B2"] = "  "
        workbook.create_sheet("Toinen")

    assert refused(xlsx(build), "tehtavat.xlsx").code == "empty"


# --- messages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"", "tehtavat.pdf"),
        (OLE2 + bytes(504), "vanha.xls"),
        (b"a" * (5 * 1024 * 1024 + 1), "tehtavat.csv"),
        (b"", "tehtavat.csv"),
    ],
)
def test_messages_follow_the_active_language(data: bytes, filename: str) -> None:
    with translation.override("fi"):
        error = refused(data, filename)

    assert isinstance(error.message, str)
    assert error.message.strip()


def test_messages_are_translated_when_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheet, "_", lambda text: "[fi] " + text)

    error = refused(b"a" * (spreadsheet.MAX_UPLOAD_BYTES + 1), "tehtavat.csv")

    assert error.message.startswith("[fi] The file is larger than 5 MB.")


def test_table_is_a_plain_dataclass() -> None:
    table = read_table(b"A;B\n1;2\n", "t.csv")

    assert table == Table(sheet="", header_row=1, headers=["A", "B"], rows=[(2, ["1", "2"])])
