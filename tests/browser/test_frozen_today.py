"""Browser tests run on one fixed day, and the live server's thread sees that day too, so that
tests against the 2026–2028 personas' roadmap keep passing after the roadmap has ended."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from conftest import World
from tests.browser.conftest import log_in


def test_the_live_server_sees_the_frozen_day(world: World, page: Any) -> None:
    assert timezone.localdate() == datetime.date(2026, 11, 20)
    log_in(page, "viewer-user")
    page.goto("/o/testikaupunki/r/2026-2028/report/")
    # The report is "at today" as the server sees it: its download links carry that date.
    href = page.get_by_role("link", name="Download PDF").get_attribute("href")
    assert "?date=2026-11-20" in href, href
