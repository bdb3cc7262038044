"""`roadmap_view`: `accounts.decorators.org_view` for pages inside a roadmap.

The `roadmap` URL argument is resolved through `roadmap.access.get_roadmap` (404 when it is not
the organisation's) into `ctx.roadmap` before the capability is checked. See
`accounts.decorators` for the order of the checks and how to convert a view.

    @roadmap_view("metric.define", load=lambda ctx, kw: get_metric(ctx.roadmap, kw["metric"]))
    def metric_edit(request: HttpRequest, ctx: RoadmapContext, metric: int) -> HttpResponse:
        item = ctx.object
        ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from tiekartta.accounts.decorators import Loader, OrgContext, View, context_view
from tiekartta.accounts.models import Membership
from tiekartta.accounts.policy import Capability
from tiekartta.roadmap.access import get_roadmap
from tiekartta.roadmap.models import Roadmap


@dataclass(kw_only=True)
class RoadmapContext(OrgContext):
    roadmap: Roadmap


def _roadmap_context(
    request: HttpRequest, membership: Membership, org: str, kwargs: dict[str, Any]
) -> RoadmapContext:
    roadmap = get_roadmap(membership, kwargs.pop("roadmap"))
    # Every capability asked through this membership on this page, in the view and in its
    # templates, is asked within the roadmap: an archived roadmap offers and takes no write.
    membership.within = roadmap
    return RoadmapContext(request=request, membership=membership, org=org, roadmap=roadmap)


def roadmap_view(
    capability: Capability | str, *, load: Loader | None = None
) -> Callable[[View], View]:
    """A page inside a roadmap: `view(request, ctx: RoadmapContext, **other URL arguments)`."""
    return context_view(capability, make_context=_roadmap_context, load=load)
