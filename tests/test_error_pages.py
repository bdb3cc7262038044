"""403, 404 and 500 come with the site's header, in the user's language, with a way back."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from conftest import World


def test_not_found_in_swedish_with_the_chrome_and_a_way_home(world: World) -> None:
    world.users["viewer"].language = "sv"  # the user's saved language, as the menu sets it
    world.users["viewer"].save()
    client = world.client_for("viewer")
    response = client.get("/o/testikaupunki/r/no-such-roadmap/")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="sv">' in page and 'class="site-header"' in page
    assert 'href="/"' in page and "Tiekartta" in page
    assert "Not Found" not in page  # not Django's bare page


def test_forbidden_in_finnish_for_a_viewer(world: World) -> None:
    world.users["viewer"].language = "fi"
    world.users["viewer"].save()
    client = world.client_for("viewer")
    response = client.get("/o/testikaupunki/members/")
    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="fi">' in page and 'class="site-header"' in page and 'href="/"' in page
    assert "403 Forbidden" not in page


@pytest.mark.urls("tests.error_urls")
def test_server_error_renders_without_the_request(settings: object) -> None:
    client = Client(raise_request_exception=False, headers={"accept-language": "sv"})
    response = client.get("/fail/")
    page = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="sv">' in page and 'class="site-header"' in page and 'href="/"' in page
    assert "Server Error (500)" not in page


@pytest.mark.urls("tests.error_urls")
def test_the_database_away_answers_503_with_a_time_to_retry(settings: object) -> None:
    client = Client(raise_request_exception=False, headers={"accept-language": "en"})
    response = client.get("/database-away/")
    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "cannot reach its database" in page and 'class="site-header"' in page
    # Any other failure is still the 500 page.
    assert client.get("/fail/").status_code == 500


def test_finnish_content_is_marked_on_swedish_pages(world: World) -> None:
    """WCAG 3.1.2: task, theme and people's names are in the organisation's language (Finnish)
    and say so on a Swedish page; a Finnish page needs no marks."""
    viewer = world.users["viewer"]
    viewer.language = "sv"
    viewer.save()
    client = world.client_for("viewer")
    overview = client.get("/o/testikaupunki/r/2026-2028/").content.decode()
    assert '<html lang="sv">' in overview
    assert re.search(r'<a id="t\d+" lang="fi" href="[^"]+">Vesimittarien etäluenta</a>', overview)
    assert '<span lang="fi">Tiedolla johtaminen</span>' in overview
    assert '<td lang="fi">Tekninen johtaja</td>' in overview
    task = client.get(f"/o/testikaupunki/r/2026-2028/tasks/{world.own_task.pk}/").content
    assert '<h1 lang="fi">Vesimittarien etäluenta</h1>' in task.decode()
    viewer.language = "fi"
    viewer.save()
    finnish = world.client_for("viewer").get("/o/testikaupunki/r/2026-2028/").content.decode()
    assert 'lang="fi">Vesimittarien' not in finnish
