"""Every page of the menu is at most two clicks from the front page for every persona (opening
a menu group counts as a click), and the menu offers no page the persona's role cannot use."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from conftest import World

ORG = "/o/testikaupunki/"
RM = ORG + "r/2026-2028/"
ROADMAP_PAGES = {
    RM,
    RM + "timeline/",
    RM + "dashboard/",
    RM + "metrics/",
    RM + "report/",
    RM + "reviews/",
    RM + "themes/",
}
ORGANISATION_PAGES = {ORG + "my-tasks/", ORG, ORG + "people/", ORG + "maturity/", ORG + "changes/"}
SETTINGS_PAGES = {
    ORG + "members/",
    ORG + "follow-up/settings/",
    ORG + "data-protection/",
    ORG + "api-tokens/",
}


class MenuLinks(HTMLParser):
    """Links in the page's <nav> elements and, on the front page, its main content, each with
    the clicks it costs: one, or two inside a closed menu group (<details>)."""

    def __init__(self, with_main: bool) -> None:
        super().__init__()
        self.with_main = with_main
        self.nav = self.main = self.details = 0
        self.links: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"nav", "main", "details"}:
            setattr(self, tag, getattr(self, tag) + 1)
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith("/") and (self.nav or (self.main and self.with_main)):
            cost = 2 if self.details else 1
            self.links[href.split("#")[0]] = min(cost, self.links.get(href, cost))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"nav", "main", "details"}:
            setattr(self, tag, getattr(self, tag) - 1)


def links_of(html: str, with_main: bool = False) -> dict[str, int]:
    parser = MenuLinks(with_main)
    parser.feed(html)
    return parser.links


def expected_for(persona: str) -> set[str]:
    pages = ROADMAP_PAGES | ORGANISATION_PAGES
    return pages | SETTINGS_PAGES if persona == "admin" else pages


@pytest.mark.parametrize("persona", ["admin", "editor", "owner", "viewer"])
def test_every_menu_page_is_two_clicks_from_the_front_page(world: World, persona: str) -> None:
    client = world.client_for(persona)
    front = client.get("/", follow=True)
    assert front.status_code == 200
    reached: dict[str, int] = {front.request["PATH_INFO"]: 0}
    frontier = [(front.request["PATH_INFO"], front.content.decode(), 0)]
    while frontier:
        _path, html, clicks = frontier.pop(0)
        for href, cost in links_of(html, with_main=clicks == 0).items():
            total = clicks + cost
            if total > 2 or reached.get(href, 3) <= total or not href.startswith(ORG):
                continue
            response = client.get(href)
            # The menu only offers what the role may open.
            assert response.status_code == 200, f"{persona}: {href} answers {response.status_code}"
            reached[href] = total
            if response["Content-Type"].startswith("text/html"):
                frontier.append((href, response.content.decode(), total))
    missing = expected_for(persona) - set(reached)
    assert not missing, f"{persona} cannot reach in two clicks: {sorted(missing)}"
    hidden = SETTINGS_PAGES & set(reached) if persona != "admin" else set()
    assert not hidden, f"{persona} is offered {sorted(hidden)}"


def test_my_tasks_comes_first_and_the_settings_are_one_group(world: World) -> None:
    html = world.client_for("admin").get(RM).content.decode()
    nav = html[html.index('<nav aria-label="Main"') : html.index("</nav>")]
    assert nav.index("my-tasks/") < nav.index("people/")
    group = nav[nav.index("<details", nav.index("Settings") - 80) :]
    for page in SETTINGS_PAGES:
        assert page in group.split("</details>")[0], page
