from __future__ import annotations

import io

from pypdf import PdfReader

from tiekartta.core.pdf import render_pdf


def test_render_pdf_makes_a_tagged_pdf_in_the_documents_language() -> None:
    pdf = render_pdf('<html lang="fi"><body><h1>Väliraportti</h1></body></html>')
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # PDF/UA: tagged for screen readers
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "fi"
