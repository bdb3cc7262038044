"""Which ideas say nearly the same thing, for suggesting a merge (a person always decides).

Survey answers are short and Finnish is inflected ("ajanvaraus", "ajanvarauksen",
"ajanvaraukseen"), so two ideas are compared by the stems of their words: the first letters of
each word of some length, after the words that carry no meaning are dropped. Two ideas are
similar when the stems they share are at least `THRESHOLD` of all their stems (Jaccard). An
inverted index from stem to ideas keeps it near linear: 2,000 answers compare in well under a
second, where comparing every pair would take minutes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

STEM_LENGTH = 6
MIN_WORD_LENGTH = 3
THRESHOLD = 0.5
# A stem shared by very many ideas ("sähköinen", "palvelu") says little about two of them.
COMMON_SHARE = 0.2
STOP_WORDS = frozenset(
    """ja tai sekä että on ei ole olla kuin myös jotta joka jossa mikä mitä kun niin vaan
    voisi pitäisi tulisi olisi enemmän kaikki koko uusi uuden kaupungin kaupunki kaupungille
    och eller att som det den inte vara kan skulle borde mer alla hela ny staden stad
    and the for with that this should could more all new city town""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def stems(text: str) -> frozenset[str]:
    words = (word.lower() for word in _WORD.findall(text))
    return frozenset(
        word[:STEM_LENGTH]
        for word in words
        if len(word) >= MIN_WORD_LENGTH and word not in STOP_WORDS
    )


@dataclass(frozen=True)
class Match:
    key: Any
    other: Any
    score: float


def similar_pairs(
    texts: Mapping[Any, str], *, against: Mapping[Any, str] | None = None
) -> list[Match]:
    """Pairs of similar texts, most similar first: among `texts`, or (with `against`) each of
    `texts` with the most similar of `against` only."""
    index: dict[str, set[Any]] = defaultdict(set)
    pool = texts if against is None else against
    pool_stems = {key: stems(text) for key, text in pool.items()}
    for key, found in pool_stems.items():
        for stem in found:
            index[stem].add(key)
    common = max(3, int(len(pool_stems) * COMMON_SHARE))
    matches: list[Match] = []
    for key, text in texts.items():
        mine = pool_stems[key] if against is None else stems(text)
        if not mine:
            continue
        shared: dict[Any, int] = defaultdict(int)
        for stem in mine:
            holders = index.get(stem, ())
            if len(holders) > common:
                continue
            for other in holders:
                if other != key:
                    shared[other] += 1
        best: list[Match] = []
        for other, count in shared.items():
            if against is None and not _before(key, other):
                continue  # each pair once
            score = count / len(mine | pool_stems[other])
            if score >= THRESHOLD:
                best.append(Match(key, other, round(score, 2)))
        if against is not None and best:
            best = [max(best, key=lambda match: match.score)]
        matches.extend(best)
    return sorted(matches, key=lambda match: (-match.score, str(match.key), str(match.other)))


def _before(key: Any, other: Any) -> bool:
    return (type(key).__name__, str(key)) < (type(other).__name__, str(other))


def most_similar(text: str, candidates: Iterable[tuple[Any, str]], limit: int = 5) -> list[Match]:
    """The candidates most like `text`, at least THRESHOLD alike, most similar first."""
    mine = stems(text)
    if not mine:
        return []
    found = []
    for key, other_text in candidates:
        theirs = stems(other_text)
        if not theirs:
            continue
        score = len(mine & theirs) / len(mine | theirs)
        if score >= THRESHOLD:
            found.append(Match("", key, round(score, 2)))
    return sorted(found, key=lambda match: -match.score)[:limit]
