"""Hyphenation for the printed documents. WeasyPrint hyphenates (`hyphens: auto`) with pyphen's
dictionaries, picked by the document's language: pyphen has Swedish and English but no Finnish,
so the project ships Finnish patterns of its own and registers them here.

The patterns are the Finnish syllable rules (tavutus) written as Liang patterns:
1. a consonant followed by a vowel begins a syllable (tie-to-hal-lin-to-pääl-lik-kö);
2. two vowels that are neither a long vowel nor a diphthong are split (so-si-aa-li-pal-ve-lut);
3. a loanword's opening consonants stay together (stra-te-gi-a).
Compound words split at syllables too, which is mostly where their parts meet; where a part
ending in a consonant meets one opening with a vowel the break falls a letter late
(ko-ko-nai-sark-ki-teh-tuu-ri), still between syllables of the spoken word.
"""

from __future__ import annotations

from pathlib import Path

FINNISH = Path(__file__).resolve().parent / "hyphenation" / "hyph_fi_FI.dic"

VOWELS = "aeiouyäöå"
CONSONANTS = "bcdfghjklmnpqrstvwxzšž"
# No break inside a long vowel or a diphthong. (ie, uo and yö are split after the first
# syllable; keeping them whole everywhere misses a break but never makes a wrong one.) iy is
# left out: it is rare inside a word and common where compounds meet (kaupunki-ympäristö).
DIPHTHONGS = ("ai", "ei", "oi", "ui", "yi", "äi", "öi", "åi", "au", "eu", "iu", "ou", "ey", "äy")
UNBROKEN = {v + v for v in VOWELS} | {*DIPHTHONGS, "öy", "ie", "uo", "yö"}
# Three consonants that open a loanword: no break after the second (stra-, not st-ra-).
OPENINGS = ("str", "spr", "skr", "spl", "skl", "sch", "chr", "chl", "thr")


def finnish_patterns() -> str:
    """The text of hyph_fi_FI.dic (a hyphen/pyphen dictionary: its encoding, then patterns)."""
    lines = [
        "UTF-8",
        "% Finnish hyphenation patterns for Tiekartta's printed documents: the syllable rules,",
        "% made by tiekartta.reports.hyphenation.finnish_patterns(). Do not edit by hand.",
    ]
    lines += [f"1{c}{v}" for c in CONSONANTS for v in VOWELS]
    lines += [f"{a}1{b}" for a in VOWELS for b in VOWELS if a + b not in UNBROKEN]
    lines += [f".{o[:2]}2{o[2]}" for o in OPENINGS]
    return "\n".join(lines) + "\n"


def register() -> None:
    """Make pyphen (and so WeasyPrint) find the Finnish patterns for lang="fi" and "fi-FI"."""
    import pyphen

    for name in ("fi", "fi_FI"):
        pyphen.LANGUAGES.setdefault(name, FINNISH)
        pyphen.LANGUAGES_LOWERCASE.setdefault(name.lower(), name)
