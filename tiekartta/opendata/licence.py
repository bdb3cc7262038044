"""The licence of the open data: CC BY 4.0 unless the deployment names another in the setting
`TIEKARTTA_OPEN_DATA_LICENCE` (a mapping with `id`, `name` and `url`). One licence for every
organisation of the deployment for now; the attribution names the organisation."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

CC_BY_4 = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


@dataclass(frozen=True)
class Licence:
    id: str
    name: str
    url: str

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "url": self.url}

    @property
    def link_header(self) -> str:
        # RFC 8288: the licence of a CSV file, which has no field of its own for it.
        return f'<{self.url}>; rel="license"'


def current_licence() -> Licence:
    configured = getattr(settings, "TIEKARTTA_OPEN_DATA_LICENCE", None) or CC_BY_4
    return Licence(id=configured["id"], name=configured["name"], url=configured["url"])
