"""Paged lists: `limit` (100 by default, at most 500) and `offset`, with the total `count` and
links to the `next` and `previous` pages, so that Power BI or a warehouse can follow `next`
until it is null. Every list has a fixed order ending in the primary key, so pages neither
overlap nor skip rows while nothing changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
# Beyond any list the organisation can have; a larger offset is an error, not a slow query.
MAX_OFFSET = 10_000_000


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    @classmethod
    def of(cls, limit: int, offset: int) -> Page:
        errors: dict[str, str] = {}
        if not 1 <= limit <= MAX_LIMIT:
            errors["limit"] = _("Give a limit from 1 to %(max)s.") % {"max": MAX_LIMIT}
        if not 0 <= offset <= MAX_OFFSET:
            errors["offset"] = _("Give an offset from 0 to %(max)s.") % {"max": MAX_OFFSET}
        if errors:
            raise ValidationError(errors)
        return cls(limit=limit, offset=offset)

    def rows(self, queryset: QuerySet[Any]) -> list[Any]:
        return list(self.window(queryset))

    def window(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset[self.offset : self.offset + self.limit]

    def links(self, request: HttpRequest, count: int) -> tuple[str | None, str | None]:
        """The absolute addresses of the next and the previous page, None at either end."""
        following = None
        if self.offset + self.limit < count:
            following = self._link(request, self.offset + self.limit)
        preceding = None
        if self.offset > 0:
            preceding = self._link(request, max(self.offset - self.limit, 0))
        return following, preceding

    def _link(self, request: HttpRequest, offset: int) -> str:
        query: QueryDict = request.GET.copy()
        query["limit"] = str(self.limit)
        query["offset"] = str(offset)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
