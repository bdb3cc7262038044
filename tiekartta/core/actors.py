"""Who makes a change: a signed-in user, an API token, or the system (a command, the demo
loader, a scheduled job). Every service takes one, so the change log and the event log can say
who did it even when no person clicked anything.

`core` imports no other app, so a user and a token are held as plain objects here; `accounts`
builds actors from its own models (`Actor.for_user`, `Actor.for_token`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class ActorKind(enum.StrEnum):
    USER = "user"
    TOKEN = "token"  # noqa: S105  # nosec B105  # a kind of actor, not a secret
    SYSTEM = "system"


# simple_history's change-reason column holds at most 100 characters.
REASON_LENGTH = 100


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    # The person the change is attributed to: the user, or for a token the user who created it
    # is *not* used, since the token acted on its own; None for tokens and the system.
    user: Any = None
    token: Any = None
    # How the change log names a token or a system actor ("API: Tietovarasto",
    # "Command line: import_tasks").
    label: str = ""

    @classmethod
    def for_user(cls, user: Any) -> Actor:
        return cls(kind=ActorKind.USER, user=user)

    @classmethod
    def for_token(cls, token: Any) -> Actor:
        return cls(kind=ActorKind.TOKEN, token=token, label=f"API: {token.name}")

    @classmethod
    def system(cls, label: str) -> Actor:
        return cls(kind=ActorKind.SYSTEM, label=label)

    @property
    def history_user(self) -> Any:
        """The user a history row is attributed to (None for tokens and the system)."""
        return self.user if self.kind == ActorKind.USER else None

    @property
    def history_reason(self) -> str:
        """What a history row keeps of a non-user actor, so the change log can name it."""
        if self.kind == ActorKind.USER:
            return ""
        return self.label[:REASON_LENGTH]

    @property
    def display(self) -> str:
        if self.kind == ActorKind.USER and self.user is not None:
            return str(self.user.get_full_name() or self.user.get_username())
        return self.label


# The label of changes made where nobody says who: old rows, and callers outside a request.
UNKNOWN = Actor.system("")


def as_actor(value: Any) -> Actor:
    """Accept an Actor, a user (from views and tests written before actors existed) or None
    (the system); anything else is a programming error."""
    if isinstance(value, Actor):
        return value
    if value is None:
        return UNKNOWN
    if getattr(value, "is_authenticated", False) or hasattr(value, "get_username"):
        return Actor.for_user(value)
    raise TypeError(f"not an actor: {value!r}")
