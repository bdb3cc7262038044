"""The Content-Security-Policy (issue 17): every answer carries a strict policy, and no page
needs what it forbids: no style= attribute, no on…= handler, no inline <script> or <style>.

The staff pages are reached by following every link from the front pages as an administrator
(each address once), the public site and its embed as a visitor: a page added later is walked
as soon as a link leads to it."""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import resolve

from conftest import World
from tests.factories import MetricFactory
from tests.html_pages import page_links
from tiekartta.news import services as news_services
from tiekartta.progress.services import record_progress
from tiekartta.roadmap.models import Roadmap, Task

pytestmark = pytest.mark.django_db

ORG = "/o/testikaupunki/"
PUBLIC = "/julkinen/testikaupunki/"
# Data blocks that browsers never run, which the policy does not concern.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
PAGE_LIMIT = 250


class InlineCode(HTMLParser):
    """What the policy would refuse in a page: each as (tag, what)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            script_url = name in {"href", "src", "action", "formaction"} and (
                (value or "").strip().lower().startswith("javascript:")
            )
            if name == "style" or name.startswith("on") or script_url:
                self.found.append((tag, f'{name}="{value}"'))
        a = dict(attrs)
        if tag == "script" and not a.get("src") and a.get("type") not in DATA_SCRIPT_TYPES:
            self.found.append((tag, "inline script"))
        if tag == "style":
            self.found.append((tag, "inline style element"))

    handle_startendtag = handle_starttag


def inline_code(html: str) -> list[tuple[str, str]]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def directives(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed: dict[str, list[str]] = {}
    for part in header.split(";"):
        if part.strip():
            name, *sources = part.split()
            parsed[name] = sources
    return parsed


def assert_strict(response: Any, *, frameable: bool = False) -> None:
    assert "Content-Security-Policy" in response.headers, response.request["PATH_INFO"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert "unsafe-hashes" not in header and "nonce-" not in header
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == (["*"] if frameable else ["'none'"])


def _is_html(response: Any) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def walk(client: Client, start: list[str], prefixes: tuple[str, ...]) -> dict[str, Any]:
    """Every page reached from `start` by links under `prefixes`, each path once."""
    seen: set[str] = set()
    pages: dict[str, Any] = {}
    queue = deque(start)
    while queue and len(pages) < PAGE_LIMIT:
        address = queue.popleft()
        path = address.split("?")[0]
        if path in seen or not path.startswith(prefixes):
            continue
        seen.add(path)
        response = client.get(address)
        pages[address] = response
        if response.status_code == 200 and _is_html(response):
            queue.extend(page_links(response.content.decode()))
    return pages


@pytest.fixture
def content(world: World) -> World:
    """The personas' roadmap with scheduled tasks, progress, a metric and published news, so
    that bars, the timeline, charts and the embed show."""
    Roadmap.objects.filter(pk=world.roadmap.pk).update(is_public=True)
    Task.objects.filter(pk__in=[world.own_task.pk, world.others_task.pk]).update(
        is_public=True, start="2026Q1", due="2027Q2"
    )
    for task, completion in ((world.own_task, 40), (world.others_task, 75)):
        record_progress(
            actor=world.users["admin"],
            task=Task.objects.get(pk=task.pk),
            quarter="2026Q3",
            completion=completion,
            status="in_progress",
            note="",
        )
    MetricFactory(roadmap=world.roadmap)
    item = news_services.create_news(
        actor=world.users["editor"],
        organisation=world.organisation,
        data=news_services.NewsInput(
            title="Etäluenta käyttöön",
            body="Teksti asukkaille.",
            language="fi",
            roadmap=world.roadmap,
            tasks=[world.own_task],
        ),
    )
    news_services.set_published(actor=world.users["editor"], item=item, published=True)
    return world


def test_every_staff_page_has_a_strict_policy_and_no_inline_code(content: World) -> None:
    pages = walk(
        content.client_for("admin"),
        # The news pages are not in the menu (yet): their list leads to the rest.
        ["/", ORG, ORG + "r/2026-2028/", ORG + "news/", ORG + "news/embed/", "/admin/login/"],
        ("/",),
    )
    apps = set()
    problems = {}
    for address, response in pages.items():
        assert_strict(response)
        if response.status_code == 200 and _is_html(response):
            apps.add(resolve(address.split("?")[0]).app_name)
            if found := inline_code(response.content.decode()):
                problems[address] = found
    assert not problems
    # Every app with staff pages was walked, not only the few linked from the front page.
    assert {
        "accounts",
        "roadmap",
        "progress",
        "metrics",
        "maturity",
        "imports",
        "reports",
        "activity",
        "news",
        "accessibility",
        "api_tokens",
    } <= apps, apps
    assert len(pages) > 40
    assert any(address.endswith("/timeline/") for address in pages)


def test_every_public_page_and_the_embed_have_a_strict_policy_and_no_inline_code(
    content: World,
) -> None:
    pages = walk(Client(), ["/", PUBLIC, PUBLIC + "upotus/", "/login/"], ("/",))
    embeds = [address for address in pages if "/upotus/" in address]
    assert embeds
    problems = {}
    for address, response in pages.items():
        assert_strict(response, frameable=address in embeds)
        html = response.content.decode() if _is_html(response) else ""
        if response.status_code == 200 and (found := inline_code(html)):
            problems[address] = found
    assert not problems
    assert any("/aikajana/" in address for address in pages)
    assert any("/tiedotteet/" in address for address in pages)
    assert any("/ideat/uusi/" in address for address in pages)  # the public idea form


def test_the_walk_finds_what_the_policy_would_refuse() -> None:
    page = (
        '<p style="color: red">x</p><button onclick="go()">y</button><a href="javascript:go()">'
        "z</a><script>go()</script><style>p {}</style>"
        '<script src="/static/js/nav.js"></script><script type="application/json">{}</script>'
    )
    assert [what for _, what in inline_code(page)] == [
        'style="color: red"',
        'onclick="go()"',
        'href="javascript:go()"',
        "inline script",
        "inline style element",
    ]


def test_static_files_and_redirects_carry_the_policy_too(
    content: World, settings: pytest.FixtureRequest
) -> None:
    settings.WHITENOISE_USE_FINDERS = True  # type: ignore[attr-defined]
    assert_strict(Client().get(ORG))  # to the log-in page
    assert_strict(content.client_for("viewer").get("/static/css/tiekartta.css"))
