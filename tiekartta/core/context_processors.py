from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.safestring import mark_safe

from tiekartta.core.translations import current_languages, page_language


def site(request: HttpRequest) -> dict[str, Any]:
    return {"LANGUAGE_CHOICES": settings.LANGUAGES, **content_language()}


def content_language() -> dict[str, Any]:
    """What users typed (task and theme names, people, descriptions) is in the organisation's
    primary language, whatever the interface's. `content_lang` is ` lang="fi"` for such an
    element when the page is in another language (WCAG 3.1.2), and empty when they agree, so
    that a Finnish page carries no extra attributes. A text shown in the reader's language where
    a version exists carries its own language instead (the `lang_attr` filter)."""
    language = current_languages().primary
    differs = page_language() != language
    return {
        "content_language": language,
        # A language code from the settings, never user input.
        "content_lang": mark_safe(f' lang="{language}"') if differs else "",  # noqa: S308  # nosec B308 B703
    }
