"""How the accounts app's tracked models read in the organisation's change log: the
organisation itself and its memberships (a member added, given another role, removed, through
the pages or the Django admin alike)."""

from __future__ import annotations

from typing import Any

from tiekartta.accounts.models import Membership, Organisation
from tiekartta.core.history import ChangeSource, Tracked
from tiekartta.core.translations import language_name


def references(organisation: Any) -> None:
    """Nothing to read: members are listed on a page of the administrator's only."""
    return None


def _languages(codes: Any) -> str:
    return ", ".join(language_name(code) for code in codes or ())


ORGANISATION = Tracked(
    Organisation,
    "id",
    ("name", "slug", "is_demo", "primary_language", "translation_languages"),
    # Each language in its own name, as the settings page lists them.
    {"primary_language": language_name, "translation_languages": _languages},
)
MEMBERSHIP = Tracked(Membership, "organisation", ("user", "role"), name_fields=("user",))

SOURCE = ChangeSource((ORGANISATION, MEMBERSHIP), references)
