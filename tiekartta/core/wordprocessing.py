"""Helpers for Word documents (python-docx) that any app's documents share."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

WORD_LANGUAGES = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


def set_language(document: Any, language: str) -> None:
    """The text's language in Word's own terms, so proofing and screen readers read it right
    (the template says en-US)."""
    code = WORD_LANGUAGES.get(language[:2], language)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), code)


def repeat_header(row: Any) -> None:
    """Mark a table's first row as a header row: Word repeats it on each page and screen
    readers announce it as the column headings."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
