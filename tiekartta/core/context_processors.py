from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.safestring import mark_safe


def site(request: HttpRequest) -> dict[str, Any]:
    return {"LANGUAGE_CHOICES": settings.LANGUAGES, **content_language()}


def content_language() -> dict[str, Any]:
    """What users typed (task and theme names, people, descriptions) is in the organisation's
    language, whatever the interface's. `content_lang` is ` lang="fi"` for such an element when
    the page is in another language (WCAG 3.1.2), and empty when they agree, so that a Finnish
    page carries no extra attributes."""
    language = settings.TIEKARTTA_CONTENT_LANGUAGE
    differs = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0] != language
    return {
        "content_language": language,
        "content_lang": mark_safe(f' lang="{language}"') if differs else "",  # noqa: S308 - a setting
    }
