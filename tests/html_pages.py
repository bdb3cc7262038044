"""Reading pages as a browser would, for tests: what an edit form submits, and where every link
of a page leads."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit


class _FormsAndLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self.links: list[str] = []
        self._form: dict[str, list[str]] | None = None
        self._select: str | None = None
        self._option: tuple[str, bool] | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "form":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self._form.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in {"submit", "button", "file"}:
                self._form.setdefault(name, []).append(a.get("value", ""))
        elif tag == "select" and "disabled" not in a:
            self._select = name
            self._form.setdefault(name, [])
        elif tag == "option" and self._select:
            self._option = (a.get("value", ""), "selected" in a)
        elif tag == "textarea" and "disabled" not in a:
            self._textarea = name
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._option and self._select and self._form is not None:
            value, selected = self._option
            if selected:
                self._form[self._select].append(value)
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            # The parser drops the newline that may follow <textarea>, as browsers do.
            self._form.setdefault(self._textarea, []).append("".join(self._text).lstrip("\n"))
            self._textarea = None
        elif tag == "form":
            self._form = None


def _parsed(html: str) -> _FormsAndLinks:
    parser = _FormsAndLinks()
    parser.feed(html)
    return parser


def edit_form_values(html: str, field: str = "version") -> dict[str, Any]:
    """What the page's edit form (the one with `field`, by default its version) submits as it
    stands, without the CSRF token (the test client adds its own)."""
    forms = [form for form in _parsed(html).forms if field in form]
    assert len(forms) == 1, f"expected one form with a field {field}, found {len(forms)}"
    values = {name: v if len(v) != 1 else v[0] for name, v in forms[0].items()}
    values.pop("csrfmiddlewaretoken", None)
    return values


def page_links(html: str) -> list[str]:
    """The page's own links (paths on this site), each once, without fragments."""
    found: dict[str, None] = {}
    for href in _parsed(html).links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue  # another site, mailto:, or "#main"
        if parts.path.startswith("/static/"):
            continue
        found[parts.path + (f"?{parts.query}" if parts.query else "")] = None
    return list(found)


def broken_links(client: Any, html: str) -> list[tuple[str, int]]:
    """Every link of the page that the signed-in client cannot open, with its status."""
    broken = []
    for link in page_links(html):
        status = client.get(link).status_code
        if status >= 400:
            broken.append((link, status))
    return broken
