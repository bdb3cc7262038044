"""Every page says it is demo data where the installation holds the demo: the organisation's
pages by its flag, the pages outside an organisation (log-in, lock-out, the home page) because
the installation has a demo organisation."""

from __future__ import annotations

import re
from collections import deque

from django.urls import reverse

from conftest import PASSWORD, BrowserLikeClient, World
from tiekartta.accounts.models import Organisation, Role

BANNER = 'class="demo-banner"'
# Files and actions are not pages; the Django admin has a frame of its own.
NOT_PAGES = re.compile(r"\.(pdf|xlsx|docx|csv|json)$|^/admin/|/logout/|^/static/|^/api/|/i18n/")


def make_demo(world: World) -> None:
    Organisation.objects.filter(pk=world.organisation.pk).update(is_demo=True)


def crawl(client: BrowserLikeClient, start: str, limit: int = 80) -> dict[str, str]:
    """The HTML pages reachable by links from `start`, by path."""
    pages: dict[str, str] = {}
    queue = deque([start])
    while queue and len(pages) < limit:
        path = queue.popleft()
        if path in pages or NOT_PAGES.search(path):
            continue
        response = client.get(path, follow=True)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            pages[path] = ""
            continue
        html = response.content.decode()
        pages[path] = html
        for link in re.findall(r'href="(/[^"#?]*)', html):
            if link not in pages:
                queue.append(link)
    return {path: html for path, html in pages.items() if html}


def test_every_page_of_a_demo_installation_says_it_is_demo_data(world: World) -> None:
    make_demo(world)
    pages = crawl(world.client_for(Role.ADMIN), reverse("accounts:home"))
    assert len(pages) > 20, sorted(pages)
    missing = [path for path, html in pages.items() if BANNER not in html]
    assert not missing, missing


def test_the_log_in_and_lock_out_pages_say_it_too(world: World) -> None:
    make_demo(world)
    client = BrowserLikeClient()
    login = client.get(reverse("accounts:login"))
    assert BANNER in login.content.decode()
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "viewer-user", "password": "wrong"})
    locked = client.post(
        reverse("accounts:login"), {"username": "viewer-user", "password": PASSWORD}
    )
    assert locked.status_code == 429
    assert BANNER in locked.content.decode()


def test_an_installation_without_demo_data_shows_no_banner(world: World) -> None:
    client = BrowserLikeClient()
    assert BANNER not in client.get(reverse("accounts:login")).content.decode()
    pages = crawl(world.client_for(Role.ADMIN), reverse("accounts:home"), limit=15)
    assert pages and not any(BANNER in html for html in pages.values())
