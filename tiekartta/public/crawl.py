"""Every public address, for the test that no internal text leaks.

The crawler starts from the front page and each organisation's public site and follows every
link that stays on the public site (under /julkinen/, any query: filters, pages, languages).
Addresses that no page links to (a feed, an embed, an open-data file) are registered here by
their app with `register_public_urls`, so that the same test walks them too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from tiekartta.accounts.models import Organisation

PUBLIC_PREFIX = "/julkinen/"
# The feedback form is a form (its CSRF cookie is the visitor's own) and repeats the page it
# was opened from in its address: tested by its own app, not walked. So is the idea form.
NOT_WALKED = ("/palaute/", "/ideat/uusi/")

UrlProvider = Callable[[Organisation], Iterable[str]]
_providers: list[UrlProvider] = []


def register_public_urls(provider: UrlProvider) -> None:
    """`provider(organisation)` gives the public addresses of an organisation that no page
    links to; call it from the app's AppConfig.ready()."""
    if provider not in _providers:
        _providers.append(provider)


def registered_urls(organisation: Organisation) -> list[str]:
    return [url for provider in _providers for url in provider(organisation)]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"a", "link"}:
            href = dict(attrs).get("href")
            if href:
                self.found.append(href)


def links_of(page_url: str, html: str) -> list[str]:
    """The public-site addresses the page links to, fragments dropped."""
    parser = _Links()
    parser.feed(html)
    urls = []
    for href in parser.found:
        absolute = urljoin(page_url, href)
        parts = urlsplit(absolute)
        if parts.netloc not in ("", "testserver"):
            continue
        if parts.path.startswith(PUBLIC_PREFIX) and not parts.path.endswith(NOT_WALKED):
            urls.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return urls
