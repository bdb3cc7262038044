"""What every page's frame needs from accounts."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest

from tiekartta.accounts.models import Organisation


def demo(request: HttpRequest) -> dict[str, Any]:
    """`demo_installation`: whether the installation holds demonstration data, for the banner of
    the pages outside an organisation (log-in, lock-out, the home page, errors). A callable, so
    the one query runs only on such a page: a page of an organisation asks the organisation."""

    @cache
    def demo_installation() -> bool:
        return Organisation.objects.filter(is_demo=True).exists()

    return {"demo_installation": demo_installation}
