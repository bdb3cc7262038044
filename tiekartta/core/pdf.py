"""HTML to PDF with WeasyPrint: every PDF the service hands out is made here.

The documents are PDF/UA: tagged headings, tables and reading order, with the document's
language, styled by the shared print stylesheet.
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders

DOCUMENT_STYLESHEET = "css/document.css"


@functools.cache
def _stylesheet(path: str) -> Any:
    """Parsed once per process: parsing the stylesheet costs more than a small document."""
    from weasyprint import CSS  # imported here: loading Pango costs time at start-up

    return CSS(filename=finders.find(path))


def render_pdf(
    html: str, *, base_url: str | None = None, stylesheet: str = DOCUMENT_STYLESHEET
) -> bytes:
    """The PDF of `html`; relative addresses in it resolve against `base_url` (by default the
    project directory), `stylesheet` is a static file path."""
    from weasyprint import HTML

    return HTML(  # type: ignore[no-any-return]
        string=html, base_url=base_url or str(settings.BASE_DIR)
    ).write_pdf(stylesheets=[_stylesheet(stylesheet)], pdf_variant="pdf/ua-1")
