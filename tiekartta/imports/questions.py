"""What an import asks instead of guessing, and what the user answered.

A file can say things the importer cannot decide alone: a status word it does not know, slashed
dates that read differently day-first and month-first, a theme or person nearly named like an
existing one. The plan lists these as questions; nothing is imported while one is open. The web
preview asks them (the answers are kept with the uploaded file), the command line takes them as
options (--map-status, --date-order, --map-name). An answer holds for the whole file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

STATUS = "status"
DATE_ORDER = "date_order"
THEME = "theme"
OWNER = "owner"
# The answer to a name question that keeps the file's name as a new one.
NEW_NAME = "*new*"


@dataclass
class Question:
    kind: str  # STATUS, DATE_ORDER, THEME or OWNER
    key: str  # where the answer goes in ImportAnswers
    word: str  # as the file writes it (the first time)
    rows: list[int] = field(default_factory=list)
    # (value, label) the user chooses from; for a name, the existing names it nearly matches.
    choices: list[tuple[str, str]] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    @property
    def field_name(self) -> str:
        return f"answer-{self.kind}-{self.key}"

    @property
    def rows_text(self) -> str:
        shown = [str(row) for row in self.rows[:10]]
        return ", ".join(shown) + (" …" if len(self.rows) > 10 else "")


@dataclass
class ImportAnswers:
    """Status words → status, the date order ("dmy"/"mdy", "" unknown), and names → the
    existing name meant (or NEW_NAME), keyed "theme:<word>" / "owner:<word>" (normalised)."""

    statuses: dict[str, str] = field(default_factory=dict)
    date_order: str = ""
    names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> ImportAnswers:
        data = data or {}
        return cls(
            statuses={str(k): str(v) for k, v in dict(data.get("statuses") or {}).items()},
            date_order=str(data.get("date_order") or ""),
            names={str(k): str(v) for k, v in dict(data.get("names") or {}).items()},
        )

    def to_json(self) -> dict[str, Any]:
        return {"statuses": self.statuses, "date_order": self.date_order, "names": self.names}

    def merged(self, other: ImportAnswers) -> ImportAnswers:
        return ImportAnswers(
            statuses={**self.statuses, **other.statuses},
            date_order=other.date_order or self.date_order,
            names={**self.names, **other.names},
        )


def name_key(kind: str, normalised: str) -> str:
    return f"{kind}:{normalised}"


class NameIndex:
    """Existing names (normalised), indexed so that a file's new names find their near
    matches without comparing every pair: one begins with the other's words ("digituki" –
    "digituki ja osaaminen"), the same words in another order ("virtanen matti"), or a typing
    slip ("digituik"), found through shared letter pairs before the exact comparison."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = [name for name in dict.fromkeys(names) if name]
        self.by_first_word: dict[str, list[str]] = {}
        self.by_words: dict[tuple[str, ...], list[str]] = {}
        self.by_pair: dict[str, list[int]] = {}
        self.pair_counts: list[int] = []
        for index, name in enumerate(self.names):
            words = name.split()
            self.by_first_word.setdefault(words[0], []).append(name)
            self.by_words.setdefault(tuple(sorted(words)), []).append(name)
            pairs = _pairs(name)
            self.pair_counts.append(len(pairs))
            for pair in pairs:
                self.by_pair.setdefault(pair, []).append(index)

    def matches(self, word: str, limit: int = 3) -> list[str]:
        """The existing names `word` probably means, best first."""
        words = word.split()
        if not words:
            return []
        scores: dict[str, float] = {}
        for name in self.by_first_word.get(words[0], []):
            other = name.split()
            shorter, longer = sorted((words, other), key=len)
            if name != word and len(" ".join(shorter)) >= 4 and longer[: len(shorter)] == shorter:
                scores[name] = 0.9 + len(shorter) / (100 * len(longer))
        for name in self.by_words.get(tuple(sorted(words)), []):
            if name != word:
                scores[name] = max(scores.get(name, 0), 0.95)
        if len(word) >= 5:
            pairs = _pairs(word)
            shared: dict[int, int] = {}
            for pair in pairs:
                for index in self.by_pair.get(pair, ()):
                    shared[index] = shared.get(index, 0) + 1
            for index, count in shared.items():
                name = self.names[index]
                # Letter pairs in common bound the similarity from above: most pairs skip
                # the exact comparison.
                if name in scores or name == word or len(name) < 5:
                    continue
                if 2 * count / (len(pairs) + self.pair_counts[index]) < 0.6:
                    continue
                ratio = difflib.SequenceMatcher(None, word, name).ratio()
                if ratio >= 0.85:
                    scores[name] = ratio
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [name for name, _score in ranked[:limit]]


def _pairs(text: str) -> set[str]:
    return {text[index : index + 2] for index in range(len(text) - 1)}


def near_matches(word: str, existing: Iterable[str], limit: int = 3) -> list[str]:
    """Existing names (normalised) that `word` (normalised) probably means (see NameIndex)."""
    return NameIndex(existing).matches(word, limit)
