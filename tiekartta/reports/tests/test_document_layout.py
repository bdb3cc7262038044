"""The printed documents fit their paper: laid out by WeasyPrint for a roadmap of long Finnish
and Swedish words, every table cell stays inside the page's content box, its text inside the
cell, and a word is broken at a line's end only where it is hyphenated."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import docx
import pytest
import time_machine
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from docx.enum.text import WD_TAB_ALIGNMENT

from conftest import World
from tests.factories import MetricFactory, MetricValueFactory, PersonFactory, TaskFactory
from tiekartta.progress.services import record_progress
from tiekartta.reports import documents, hyphenation
from tiekartta.reports.interim import build_interim_report
from tiekartta.roadmap.models import Roadmap

TODAY = datetime.date(2026, 11, 27)
PEOPLE = (
    "Tietohallintopäällikkö",
    "Varhaiskasvatusjohtaja",
    "Liikunta- ja hyvinvointikoordinaattori",
    "Sosiaali- ja terveyspalveluiden kehittämispäällikkö",
)
TITLES = (
    "Sähköisen asioinnin kokonaisarkkitehtuurin uudistaminen ja käyttöönotto",
    "Varhaiskasvatuksen asiakastietojärjestelmän kilpailutus",
    "Tietohallintopalveluiden palvelutasosopimusten uudistaminen",
    "Kaupunkiympäristön toimialan sähköinen rakennuslupapalvelu",
    "Asianhallintajärjestelmäuudistuksen toteutus",
)
UNITS = "Kaupunkiympäristön toimiala, Ympäristöterveydenhuoltopalvelut"
NOTE = "Kilpailutusasiakirjojen valmistelu viivästyi tietosuojavaikutusten arvioinnin vuoksi"


@pytest.fixture(autouse=True)
def english_too(frozen: None, request: pytest.FixtureRequest) -> None:
    """The organisation writes in English too, so that a report read in English is in
    English (a report is in one of the organisation's languages)."""
    if "world" in request.fixturenames:
        world = request.getfixturevalue("world")
        world.organisation.translation_languages = ["en"]
        world.organisation.save(update_fields=["translation_languages"])


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        yield


def long_words(world: World) -> None:
    """Tasks and metrics whose every column holds long words."""
    org = world.organisation
    people = [PersonFactory(organisation=org, name=name) for name in PEOPLE]
    for n, title in enumerate(TITLES * 2):
        task = TaskFactory(
            theme=world.theme if n % 2 else world.other_theme,
            owner=people[n % len(people)],
            title=f"{title} {n}",
            start="2026Q1",
            due="2026Q2" if n % 3 == 0 else "2027Q4",  # some late
            collaborating_units=UNITS,
        )
        task.collaborators.add(people[(n + 1) % len(people)], people[(n + 2) % len(people)])
        completion = 100 if n % 4 == 1 else 40
        record_progress(
            actor=world.users["admin"],
            task=task,
            quarter="2026Q3",
            completion=completion,
            status="done" if completion == 100 else "in_progress",
            note=NOTE,
        )
    for n in range(4):
        metric = MetricFactory(
            roadmap=world.roadmap,
            theme=(world.theme, None)[n % 2],
            owner=people[n % len(people)],
            name=f"Sähköisten asiointipalveluiden käyttöasteprosentti {n}",
            unit="count" if n % 2 else "percent",
            unit_label="asiointitapahtumaa" if n % 2 else "",
            baseline_value=Decimal("1234567") if n % 2 else Decimal("20"),
            target_value=Decimal("2345678") if n % 2 else Decimal("60"),
        )
        value = Decimal("1345678") if n % 2 else Decimal("35")
        MetricValueFactory(metric=metric, period="2026Q3", value=value)
    # A change to the plan, with long words in it, after the plan's first day.
    Roadmap.objects.filter(pk=world.roadmap.pk).update(
        created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    world.roadmap.refresh_from_db()
    with time_machine.travel("2026-01-02 12:00 +0200", tick=False):
        task = TaskFactory(theme=world.theme, owner=people[0], title=TITLES[2])
    with time_machine.travel("2026-06-01 12:00 +0300", tick=False):
        task.title = f"{TITLES[4]} ja tietojärjestelmäarkkitehtuurin päivitys"
        task.owner = people[3]
        task.save()


def test_finnish_and_swedish_hyphenation_patterns_are_there() -> None:
    """pyphen has Swedish; the Finnish patterns are the project's, registered at start-up and
    made by the code that describes them."""
    import pyphen

    assert hyphenation.FINNISH.read_text(encoding="utf-8") == hyphenation.finnish_patterns()
    assert pyphen.language_fallback("fi-FI") and pyphen.language_fallback("sv-FI")
    finnish = pyphen.Pyphen(lang="fi")
    assert finnish.inserted("Tietohallintopäällikkö") == "Tie-to-hal-lin-to-pääl-lik-kö"
    assert finnish.inserted("Varhaiskasvatusjohtaja") == "Var-hais-kas-va-tus-joh-ta-ja"
    assert finnish.inserted("sosiaalipalvelut") == "so-si-aa-li-pal-ve-lut"
    assert finnish.inserted("strategia") == "stra-te-gia"
    assert finnish.inserted("Kaupunkiympäristön") == "Kau-pun-ki-ym-pä-ris-tön"
    swedish = pyphen.Pyphen(lang="sv")
    assert "-" in swedish.inserted("Småbarnspedagogikdirektör")


@dataclass
class Fault:
    page: int
    what: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.what}"


def walk(box: Any) -> Iterator[Any]:
    """The box and what it holds in the flow: not what is taken out of it, such as the
    visually hidden captions (absolutely positioned, clipped to a pixel)."""
    from weasyprint.layout.absolute import AbsolutePlaceholder

    yield box
    for child in getattr(box, "children", ()):
        if not isinstance(child, AbsolutePlaceholder):
            yield from walk(child)


def line_texts(cell: Any) -> list[str]:
    from weasyprint.formatting_structure import boxes

    return [
        "".join(b.text for b in walk(line) if isinstance(b, boxes.TextBox))
        for line in walk(cell)
        if isinstance(line, boxes.LineBox)
    ]


def unhyphenated_breaks(source: str, lines: list[str], hyphen: str) -> list[str]:
    """The line ends that split a word without a hyphen: a line may end where the source has a
    space or after a dash or slash of its own, or where the layout added the hyphen."""
    compact = "".join(source.split())
    allowed = set()
    offset = 0
    for part in source.split():
        offset += len(part)
        allowed.add(offset)
        for match in re.finditer(r"[-–—/]", part):
            allowed.add(offset - len(part) + match.end())
    faults = []
    offset = 0
    for line in lines[:-1]:
        text = "".join(line.split())
        hyphenated = text.endswith(hyphen) and not compact[offset:].startswith(text)
        if hyphenated:
            text = text[: -len(hyphen)]
        offset += len(text)
        if not hyphenated and offset not in allowed:
            faults.append(f"{compact[:offset]}|{compact[offset:]}")
    return faults


def layout_faults(document: Any) -> tuple[list[Fault], float]:
    """What runs off the page or out of its cell, and how far the widest table cell reaches
    beyond (positive) or short of (negative) the content box's right edge, in CSS px."""
    from weasyprint.formatting_structure import boxes

    faults = []
    reach = float("-inf")
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width
        for box in walk(page_box):
            if not isinstance(box, boxes.TableCellBox):
                continue
            if box.element_tag not in ("td", "th"):
                continue  # an anonymous cell, holding no text of the flow
            source = " ".join("".join(box.element.itertext()).split())
            edge = box.position_x + box.margin_width()
            reach = max(reach, edge - right)
            if edge > right + 0.01:
                faults.append(Fault(number, f"{source!r} ends {edge - right:.1f}px off the page"))
            cell_right = box.position_x + box.margin_width() - box.border_right_width
            for text in walk(box):
                if isinstance(text, boxes.TextBox) and text.text.strip():
                    end = text.position_x + text.margin_width()
                    if end > cell_right + 0.01:
                        over = end - cell_right
                        what = f"{text.text!r} runs {over:.1f}px out of {source!r}"
                        faults.append(Fault(number, what))
            hyphen = box.style["hyphenate_character"]
            for split in unhyphenated_breaks(source, line_texts(box), hyphen):
                faults.append(Fault(number, f"{split!r} is broken without a hyphen"))
    return faults, reach


def laid_out(template: str, context: dict[str, Any]) -> Any:
    from weasyprint import HTML

    from tiekartta.core import pdf

    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=[pdf._stylesheet(pdf.DOCUMENT_STYLESHEET)]
    )


LANGUAGES = ["fi", "sv"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_interim_report_tables_fit_a4_portrait(world: World, language: str) -> None:
    long_words(world)
    with translation.override(language):
        report = build_interim_report(world.roadmap, TODAY, TODAY)
        assert report.metrics and report.late and report.completed and report.plan_changes
        document = laid_out("reports/interim_document.html", {"report": report})
    faults, reach = layout_faults(document)
    print(f"interim {language}: widest cell reaches {reach:.1f}px")
    assert not faults, "\n".join(map(str, faults))


@pytest.mark.parametrize("language", LANGUAGES)
def test_task_list_attachment_fits_a4_landscape(world: World, language: str) -> None:
    long_words(world)
    with translation.override(language):
        document = laid_out(*documents.attachment_context(world.roadmap))
    faults, reach = layout_faults(document)
    print(f"attachment {language}: widest cell reaches {reach:.1f}px")
    assert not faults, "\n".join(map(str, faults))


# Word ----------------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def fields(element: Any) -> list[tuple[str, str, bool]]:
    """The fields in an element: (instruction, shown result, dirty), from the field characters
    and the runs between them."""
    found = []
    instruction = result = ""
    dirty = False
    state = ""
    for node in element.iter():
        if node.tag == f"{W}fldChar":
            kind = node.get(f"{W}fldCharType")
            if kind == "begin":
                instruction = result = ""
                dirty = node.get(f"{W}dirty") == "true"
                state = "code"
            elif kind == "separate":
                state = "result"
            elif kind == "end":
                found.append((" ".join(instruction.split()), result, dirty))
                state = ""
        elif node.tag == f"{W}instrText" and state == "code":
            instruction += node.text or ""
        elif node.tag == f"{W}t" and state == "result":
            result += node.text or ""
    return found


def twips(value: str | None) -> int:
    assert value is not None
    return int(value)


def test_interim_docx_is_a4_with_page_numbers_contents_and_fitted_tables(world: World) -> None:
    long_words(world)
    response = world.client_for("viewer").get(
        reverse("reports:interim_docx", kwargs={"org": "testikaupunki", "roadmap": "2026-2028"})
    )
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))

    # A4 portrait, 2 cm margins: 170 mm of text width, 9638 twentieths of a point.
    for section in document.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        margins = (section.top_margin, section.right_margin, section.bottom_margin)
        assert [round(m.mm) for m in (*margins, section.left_margin)] == [20, 20, 20, 20]
        text_width = round((section.page_width - section.left_margin - section.right_margin) / 635)
        assert text_width == 9638

        footer = fields(section.footer._element)
        assert [instruction for instruction, _shown, _dirty in footer] == ["PAGE", "NUMPAGES"]
        paragraph = section.footer.paragraphs[0]
        assert paragraph.text.startswith(f"{document.core_properties.title}\t")
        # The page numbers at the right edge of A4's text, not where US Letter's text ends.
        tabs = [*paragraph.paragraph_format.tab_stops, *paragraph.style.paragraph_format.tab_stops]
        assert [(tab.position.twips, tab.alignment) for tab in tabs] == [
            (text_width, WD_TAB_ALIGNMENT.RIGHT)
        ]

    # The contents: a TOC field over heading levels 1–2 under its heading, marked for updating,
    # showing how to fill it in until then; Word offers to update the fields on opening.
    body = document.element.body
    contents = [f for f in fields(body) if f[0].startswith("TOC")]
    assert len(contents) == 1
    instruction, shown, dirty = contents[0]
    assert '\\o "1-2"' in instruction and "\\h" in instruction
    assert dirty and "Update" in shown and "LibreOffice" in shown
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    heading = styled.index(("TOC Heading", "Contents"))
    assert "TOC" in "".join(
        t.text or "" for t in document.paragraphs[heading + 1]._p.iter(f"{W}instrText")
    )
    assert styled.index(("Heading 1", "Summary")) > heading
    settings = document.settings.element
    update = settings.find(f"{W}updateFields")
    assert update is not None and update.get(f"{W}val") == "true"
    tags = [child.tag for child in settings]
    assert tags.index(f"{W}updateFields") < tags.index(f"{W}compat")
    assert settings.find(f"{W}autoHyphenation") is not None

    # Every table: fixed layout, the grid across the text width, each cell as wide as its
    # column; the columns' widths follow what they hold.
    assert len(document.tables) >= 8
    for table in document.tables:
        properties = table._tbl.tblPr
        layout = properties.find(f"{W}tblLayout")
        assert layout is not None and layout.get(f"{W}type") == "fixed"
        width = properties.find(f"{W}tblW")
        assert width.get(f"{W}type") == "dxa" and twips(width.get(f"{W}w")) == text_width
        grid = [twips(col.get(f"{W}w")) for col in table._tbl.tblGrid.iter(f"{W}gridCol")]
        assert sum(grid) == text_width
        for row in table.rows:
            cells = [tc.tcPr.find(f"{W}tcW") for tc in row._tr.tc_lst]
            assert [c.get(f"{W}type") for c in cells] == ["dxa"] * len(grid)
            assert [twips(c.get(f"{W}w")) for c in cells] == grid
    task_tables = [t for t in document.tables if t.rows[0].cells[0].text == "Task"]
    metric_tables = [t for t in document.tables if t.rows[0].cells[0].text == "Metric"]
    assert task_tables and metric_tables
    for table in task_tables + metric_tables:
        grid = [twips(col.get(f"{W}w")) for col in table._tbl.tblGrid.iter(f"{W}gridCol")]
        assert len(set(grid)) > 1, "the columns are not all of one width"
        assert grid[0] > 1.5 * min(grid), "the title column is wider than the narrowest"
