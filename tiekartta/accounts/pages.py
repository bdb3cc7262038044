from __future__ import annotations

from typing import Any

from tiekartta.accounts.models import Membership


def page_context(membership: Membership, roadmap: Any = None, **extra: Any) -> dict[str, Any]:
    """What every organisation page's template needs: the membership (for the menu and what
    the role may do), the organisation and, inside a roadmap, the roadmap."""
    return {
        "membership": membership,
        "organisation": membership.organisation,
        "roadmap": roadmap,
        **extra,
    }
