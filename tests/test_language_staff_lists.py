"""The staff pages that read content languages: the list of missing translations, the
dashboard's count of them, and the interim report written in Swedish."""

from __future__ import annotations

import html as html_lib
import io
import re
from typing import Any

import docx
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import BrowserLikeClient, World
from tests.factories import MetricFactory, TaskFactory
from tiekartta.accounts.models import Organisation, Role
from tiekartta.core.translations import registered
from tiekartta.roadmap.models import Roadmap, Task, Theme

pytestmark = pytest.mark.django_db

ORG, RM = "testikaupunki", "2026-2028"


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        yield


def url(name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs={"org": ORG, "roadmap": RM, **kwargs})


def speaks(world: World, *languages: str) -> None:
    """The organisation writes in Finnish and translates into `languages`."""
    Organisation.objects.filter(pk=world.organisation.pk).update(
        translation_languages=list(languages)
    )


def text_of(fragment: str) -> str:
    plain = html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return re.sub(r"\s+", " ", plain).strip()


def lacks_of(cell: str) -> str:
    """ "Title: svenska, English; Description: svenska" """
    items = re.findall(r"<li>(.*?)</li>", cell, re.S)
    return "; ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in items)


def gap_rows(html: str) -> dict[str, tuple[str, str]]:
    """The list's rows by name: (what it lacks, the edit link or "" for none)."""
    rows = re.findall(
        r'<tr>\s*<th scope="row"[^>]*>(.*?)</th>\s*<td>(.*?)</td>\s*'
        r'<td class="actions">(.*?)</td>',
        html,
        re.S,
    )
    found = {}
    for name, lacks, actions in rows:
        link = re.search(r'<a href="([^"]+)">', actions)
        found[text_of(name)] = (lacks_of(lacks), link.group(1) if link else "")
    return found


def add_tasks(world: World, count: int) -> None:
    for n in range(count):
        TaskFactory(theme=world.other_theme, owner=world.other_person, title=f"Lisätehtävä {n}")


# --- The list of missing translations --------------------------------------------------------


def test_every_text_lacking_a_version_is_listed_with_a_link_to_its_form(world: World) -> None:
    speaks(world, "sv")
    metric = MetricFactory(roadmap=world.roadmap, owner=world.other_person, name="Avoin data")
    Task.objects.filter(pk=world.own_task.pk).update(
        public_summary="Asukkaat näkevät kulutuksensa.",
        translations={"sv": {"title": "Fjärravläsning av vattenmätare"}},
    )
    Theme.objects.filter(pk=world.other_theme.pk).update(
        translations={"sv": {"name": "Digitalt stöd"}}
    )

    admin, editor = world.client_for(Role.ADMIN), world.client_for(Role.EDITOR)

    response = admin.get(url("roadmap:missing_translations"))

    assert response.status_code == 200
    html = response.content.decode()
    rows = gap_rows(html)
    assert rows == {
        "Tiekartta 2026–2028": ("Title: svenska", url("roadmap:roadmap_edit")),
        "Tiedolla johtaminen": (
            "Name: svenska",
            url("roadmap:theme_edit", theme=world.theme.pk),
        ),
        # The title is translated; the summary is not.
        "Vesimittarien etäluenta": (
            "Public summary: svenska",
            url("roadmap:task_edit", task=world.own_task.pk),
        ),
        "Kokoelmajärjestelmä": (
            "Title: svenska",
            url("roadmap:task_edit", task=world.others_task.pk),
        ),
        "Avoin data": ("Name: svenska", url("metrics:edit", metric=metric.pk)),
    }
    assert "Digituki" not in rows, "a translated theme is not listed"
    headings = [text_of(h) for h in re.findall(r'<h2 id="gaps-\d+">(.*?)</h2>', html)]
    assert headings == ["Roadmap", "Theme", "Tasks", "Metric"]
    assert "5 texts lack a translation." in text_of(html)
    # Each link opens the form with the Swedish field to fill in.
    for _lacks, link in rows.values():
        page = admin.get(link)
        assert page.status_code == 200 and "__sv" in page.content.decode(), link
    # An editor translates everything but the roadmap, whose form is the administrator's: its
    # row says so rather than linking to a page that refuses them.
    for_editor = editor.get(url("roadmap:missing_translations")).content.decode()
    editor_rows = gap_rows(for_editor)
    assert editor_rows["Tiekartta 2026–2028"] == ("Title: svenska", "")
    assert "The administrator edits this." in for_editor
    assert {name: row for name, row in editor_rows.items() if name != "Tiekartta 2026–2028"} == {
        name: row for name, row in rows.items() if name != "Tiekartta 2026–2028"
    }
    for _lacks, link in editor_rows.values():
        if link:
            assert editor.get(link).status_code == 200, link


def test_the_language_parameter_chooses_the_language_listed(world: World) -> None:
    speaks(world, "sv", "en")
    Task.objects.filter(roadmap=world.roadmap).update(
        translations={"sv": {"title": "Svensk titel"}}
    )
    Roadmap.objects.filter(pk=world.roadmap.pk).update(
        translations={"sv": {"title": "Färdplan"}, "en": {"title": "Roadmap"}}
    )
    client = world.client_for(Role.ADMIN)
    tasks = {"Vesimittarien etäluenta", "Kokoelmajärjestelmä"}

    both = gap_rows(client.get(url("roadmap:missing_translations")).content.decode())
    swedish = client.get(url("roadmap:missing_translations") + "?language=sv").content.decode()
    english = gap_rows(
        client.get(url("roadmap:missing_translations") + "?language=en").content.decode()
    )
    unknown = gap_rows(
        client.get(url("roadmap:missing_translations") + "?language=de").content.decode()
    )

    assert both["Kokoelmajärjestelmä"][0] == "Title: English"
    assert both["Tiedolla johtaminen"][0] == "Name: svenska, English"
    assert set(gap_rows(swedish)) == {"Tiedolla johtaminen", "Digituki"}
    assert re.search(r'<option value="sv" lang="sv" selected>', swedish)
    assert set(english) == {"Tiedolla johtaminen", "Digituki", *tasks}
    assert english["Tiedolla johtaminen"][0] == "Name: English"
    assert unknown == both, "an unknown language lists them all"


def test_the_list_is_paged_at_fifty_texts(world: World) -> None:
    speaks(world, "sv")
    add_tasks(world, 60)  # with the roadmap, two themes and two tasks: 65 texts
    client = world.client_for(Role.EDITOR)

    first = client.get(url("roadmap:missing_translations")).content.decode()
    second = client.get(url("roadmap:missing_translations") + "?page=2").content.decode()

    assert len(gap_rows(first)) == 50
    assert len(gap_rows(second)) == 15
    assert not set(gap_rows(first)) & set(gap_rows(second))
    assert "page 1 of 2" in first and "65 texts lack a translation." in text_of(first)
    assert 'href="?page=2" rel="next"' in first
    assert 'rel="prev"' in second and 'rel="next"' not in second


@pytest.mark.parametrize(("persona", "status"), [(Role.VIEWER, 403), (Role.OWNER, 403)])
def test_those_who_do_not_write_the_texts_are_refused_the_list(
    world: World, persona: str, status: int
) -> None:
    speaks(world, "sv")
    response = world.client_for(persona).get(url("roadmap:missing_translations"))
    assert response.status_code == status


def test_an_outsider_gets_not_found(world: World) -> None:
    speaks(world, "sv")
    client = world.client_for("outsider")
    assert client.get(url("roadmap:missing_translations")).status_code == 404


def test_a_finnish_only_organisation_has_nothing_to_translate(world: World) -> None:
    html = world.client_for(Role.ADMIN).get(url("roadmap:missing_translations")).content
    text = text_of(html.decode())
    assert "writes its texts in one language only (Finnish)" in text
    assert gap_rows(html.decode()) == {}


def count_queries(client: BrowserLikeClient, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200, path
    return len(queries)


def test_the_lists_query_count_does_not_grow_with_the_tasks(
    world: World, django_assert_max_num_queries: Any
) -> None:
    speaks(world, "sv")
    client = world.client_for(Role.EDITOR)
    path = url("roadmap:missing_translations")
    add_tasks(world, 3)  # five tasks
    small = count_queries(client, path)
    add_tasks(world, 55)  # sixty
    large = count_queries(client, path)
    assert small == large, f"{small} queries for 5 tasks, {large} for 60"
    with django_assert_max_num_queries(QUERIES_OF_THE_LIST):
        client.get(path)


# Measured: 8, whatever the number of texts.
QUERIES_OF_THE_LIST = 8


# --- The dashboard ---------------------------------------------------------------------------


def dashboard_count(html: str) -> str | None:
    """The dashboard's sentence linking to the list, or None."""
    link = re.search(
        rf'<p class="no-print"><a href="{re.escape(url("roadmap:missing_translations"))}">'
        r"(.*?)</a>",
        html,
        re.S,
    )
    return text_of(link.group(1)) if link else None


def test_the_dashboard_counts_the_missing_translations_for_a_bilingual_organisation(
    world: World,
) -> None:
    speaks(world, "sv")
    Task.objects.filter(pk=world.own_task.pk).update(
        translations={"sv": {"title": "Fjärravläsning av vattenmätare"}}
    )
    for persona in (Role.ADMIN, Role.EDITOR):
        html = world.client_for(persona).get(url("progress:dashboard")).content.decode()
        # The roadmap, two themes and one task lack their Swedish name.
        assert dashboard_count(html) == "4 texts lack a translation", persona
    # Those who cannot open the list are not shown its count.
    for persona in (Role.OWNER, Role.VIEWER):
        html = world.client_for(persona).get(url("progress:dashboard")).content.decode()
        assert dashboard_count(html) is None, persona


def test_the_dashboard_of_a_finnish_only_organisation_shows_no_count(world: World) -> None:
    html = world.client_for(Role.ADMIN).get(url("progress:dashboard")).content.decode()
    assert dashboard_count(html) is None
    assert "lack a translation" not in html and "lacks a translation" not in html


def test_the_dashboards_query_count_does_not_grow_with_the_missing_translations(
    world: World, django_assert_max_num_queries: Any
) -> None:
    speaks(world, "sv")
    client = world.client_for(Role.EDITOR)
    path = url("progress:dashboard")
    add_tasks(world, 3)
    Organisation.objects.filter(pk=world.organisation.pk).update(translation_languages=[])
    finnish_only = count_queries(client, path)
    speaks(world, "sv")
    small = count_queries(client, path)
    # The count costs one query per translatable model, and nothing in one language.
    assert small == finnish_only + len(registered())
    assert dashboard_count(client.get(path).content.decode()) == "8 texts lack a translation"
    add_tasks(world, 55)
    large = count_queries(client, path)
    assert dashboard_count(client.get(path).content.decode()) == "63 texts lack a translation"
    assert small == large, f"{small} queries for 5 tasks, {large} for 60"
    with django_assert_max_num_queries(QUERIES_OF_THE_DASHBOARD):
        client.get(path)


# Measured: 14, of which the count is one query per translatable model.
QUERIES_OF_THE_DASHBOARD = 14


# --- The interim report in Swedish -----------------------------------------------------------


@pytest.fixture
def swedish_report(world: World) -> World:
    speaks(world, "sv")
    Task.objects.filter(pk=world.own_task.pk).update(
        translations={"sv": {"title": "Fjärravläsning av vattenmätare"}}
    )
    return world


def test_the_report_in_swedish_has_swedish_headings_and_titles(swedish_report: World) -> None:
    client = swedish_report.client_for(Role.VIEWER)  # the page itself is in English

    response = client.get(url("reports:interim") + "?language=sv")

    assert response.status_code == 200
    html = response.content.decode()
    article = re.search(r'<article class="report" lang="sv">(.*)</article>', html, re.S)
    assert article, "the report is marked Swedish inside the English page"
    report = article.group(1)
    headings = [text_of(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", report, re.S)]
    assert "Sammanfattning" in headings and "Uppgifter per tema" in headings
    assert "Summary" not in headings
    # The Swedish title in the report's language; the untranslated one in Finnish, marked.
    assert re.search(r'<th scope="row">Fjärravläsning av vattenmätare</th>', report)
    assert re.search(r'<th scope="row" lang="fi">Kokoelmajärjestelmä</th>', report)
    assert "Vesimittarien etäluenta" not in report
    # The downloads are in the same language.
    pdf = url("reports:interim_pdf") + "?date=2026-11-27&amp;language=sv"
    word = url("reports:interim_docx") + "?date=2026-11-27&amp;language=sv"
    assert f'href="{pdf}"' in html and f'href="{word}"' in html


def test_the_report_in_finnish_keeps_the_finnish_titles(swedish_report: World) -> None:
    html = (
        swedish_report.client_for(Role.VIEWER)
        .get(url("reports:interim") + "?language=fi")
        .content.decode()
    )
    assert "Vesimittarien etäluenta" in html and "Fjärravläsning" not in html
    assert "language=fi" in html


def docx_texts(content: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return texts


def test_the_word_report_in_swedish_has_the_swedish_title(swedish_report: World) -> None:
    client = swedish_report.client_for(Role.VIEWER)

    response = client.get(url("reports:interim_docx") + "?date=2026-11-27&language=sv")

    assert response.status_code == 200
    texts = docx_texts(response.content)
    assert "Fjärravläsning av vattenmätare" in texts
    assert "Kokoelmajärjestelmä" in texts, "the untranslated title in Finnish"
    assert "Vesimittarien etäluenta" not in texts
    assert "Sammanfattning" in texts and "Summary" not in texts
    assert docx.Document(io.BytesIO(response.content)).core_properties.language == "sv"
    finnish = docx_texts(
        client.get(url("reports:interim_docx") + "?date=2026-11-27&language=fi").content
    )
    assert "Vesimittarien etäluenta" in finnish and "Fjärravläsning av vattenmätare" not in finnish
