"""The timeline's grid placement as classes, because the Content-Security-Policy refuses
style="grid-column: 2 / 5" in the page. The widths stay exact and need no JavaScript: a
roadmap's quarter count picks `quarters-N` (the grid's columns) and a bar's quarters pick
`tl-from-N` and `tl-to-N` (its grid lines). tiekartta/static/css/timeline.css is this
module's output for every period a roadmap may have (FIRST_YEAR–LAST_YEAR of roadmap.models,
which a test compares); after changing either, write it again with

    .venv/bin/python -m tiekartta.roadmap.timeline_columns > tiekartta/static/css/timeline.css
"""

from __future__ import annotations

# (LAST_YEAR - FIRST_YEAR + 1) * 4: the quarters of the longest roadmap the model allows.
MAX_QUARTERS = (2100 - 2000 + 1) * 4


def stylesheet(max_quarters: int = MAX_QUARTERS) -> str:
    lines = [
        "/* Written by tiekartta/roadmap/timeline_columns.py: the timeline's grid placement,"
        " as classes for the Content-Security-Policy. Do not edit. */"
    ]
    lines += [f".quarters-{n} {{ --quarters: {n}; }}" for n in range(1, max_quarters + 1)]
    lines += [f".tl-from-{n} {{ grid-column-start: {n}; }}" for n in range(1, max_quarters + 1)]
    lines += [f".tl-to-{n} {{ grid-column-end: {n}; }}" for n in range(2, max_quarters + 2)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(stylesheet(), end="")
