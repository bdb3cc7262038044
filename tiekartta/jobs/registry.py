"""What each kind of job does. The apps that own the work register their runners when Django
starts (their AppConfig.ready), so this low layer runs reports' documents without importing
them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Output:
    content: bytes
    filename: str
    content_type: str


Runner = Callable[[Mapping[str, Any], Progress], Output]


class JobRefused(Exception):
    """A job that cannot be done for a reason the user is to be told (an import whose file no
    longer fits the data): its message, in the user's language, is what the page shows. Any
    other failure is a fault, and the page says only that it failed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_runners: dict[str, Runner] = {}


def register(kind: str, runner: Runner) -> None:
    _runners[kind] = runner


def runner_for(kind: str) -> Runner:
    try:
        return _runners[kind]
    except KeyError:
        raise LookupError(f"No runner for background jobs of kind {kind!r}.") from None
