"""A survey's answers as ideas. Forms tools (Webropol, Microsoft Forms, Google Forms) export one
row per respondent and one column per question; the user names the columns that hold ideas
(free-text answers) and, optionally, one that says which group the respondent is in ("resident",
"employee"). Each non-empty answer becomes one idea with the survey as its source.

Nothing else of the respondent is kept (data protection): not their name, e-mail, time stamps
or other answers, and not the row. The group's answer becomes the idea's "proposed by", which
names a group, not a person.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tiekartta.core.spreadsheet_reading import (
    Problem,
    SpreadsheetError,
    clean_text,
    find_header,
    normalise,
    read_table,
)
from tiekartta.ideas.models import SUBMITTER_LENGTH, TITLE_LENGTH, IdeaSource
from tiekartta.ideas.services import IdeaInput
from tiekartta.roadmap.models import Theme

# An idea's title is its answer's first words; the whole answer is its description. A title of
# this length still reads as a line in the backlog.
TITLE_WORDS_LENGTH = 120
ANSWER_LENGTH = 10_000
# Words that are no idea: a respondent who had none often writes one of these.
NO_ANSWER = frozenset(
    normalise(word)
    for word in ("-", "–", "ei", "ei ole", "en osaa sanoa", "eos", "nej", "ingen", "no", "none")
)


@dataclass
class SurveyPlan:
    ideas: list[tuple[int, IdeaInput]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    respondents: int = 0
    empty_answers: int = 0


def title_of(answer: str) -> str:
    """The answer's first words, on one line: the whole answer if it is short."""
    line = re.sub(r"\s+", " ", answer).strip()
    if len(line) <= TITLE_WORDS_LENGTH:
        return line
    cut = line[: TITLE_WORDS_LENGTH - 1]
    if " " in cut[TITLE_WORDS_LENGTH // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:–-") + "…"


def read_survey(
    content: bytes,
    filename: str,
    *,
    idea_columns: Sequence[str],
    source: str,
    event: str,
    received_on: datetime.date,
    group_column: str = "",
    theme: Theme | None = None,
) -> SurveyPlan:
    """What importing the file would create, and every problem (row 0: the file itself);
    saves nothing."""
    plan = SurveyPlan()
    if source not in IdeaSource.values:
        plan.problems.append(Problem(0, "", _("Choose the source of the ideas.")))
    if not [column for column in idea_columns if column.strip()]:
        plan.problems.append(
            Problem(0, "", _("Choose at least one column that holds ideas (free-text answers)."))
        )
        return plan
    try:
        table = read_table(content, filename)
    except SpreadsheetError as error:
        plan.problems.append(Problem(0, "", error.message))
        return plan
    wanted = [normalise(column) for column in idea_columns if column.strip()]
    if group_column.strip():
        wanted.append(normalise(group_column))
    # The header row is the first row naming every chosen column (a tool may put the survey's
    # title above it).
    table = find_header(
        table, lambda cells: set(wanted) <= {normalise(cell) for cell in cells if cell}
    )
    plan.headers = [heading for heading in table.headers if heading]
    positions = {normalise(heading): index for index, heading in enumerate(table.headers)}
    for heading in [*idea_columns, group_column]:
        if heading.strip() and normalise(heading) not in positions:
            plan.problems.append(
                Problem(
                    0,
                    heading,
                    _("The file has no column “%(heading)s”. Its columns: %(columns)s.")
                    % {"heading": heading, "columns": ", ".join(plan.headers)},
                )
            )
    if plan.problems:
        return plan
    idea_positions = [(heading, positions[normalise(heading)]) for heading in idea_columns]
    group_position = positions[normalise(group_column)] if group_column.strip() else None
    for number, cells in table.rows:
        plan.respondents += 1
        group = ""
        if group_position is not None:
            group = _cell_text(cells, group_position)[:SUBMITTER_LENGTH]
        for heading, position in idea_positions:
            answer = _cell_text(cells, position)
            if not answer or normalise(answer) in NO_ANSWER:
                plan.empty_answers += 1
                continue
            if len(answer) > ANSWER_LENGTH:
                plan.problems.append(
                    Problem(
                        number,
                        heading,
                        _(
                            "The answer is %(length)s characters long; an idea holds at most "
                            "%(limit)s. Shorten it in the file."
                        )
                        % {"length": len(answer), "limit": ANSWER_LENGTH},
                    )
                )
                continue
            title = title_of(answer)[:TITLE_LENGTH]
            plan.ideas.append(
                (
                    number,
                    IdeaInput(
                        title=title,
                        description="" if title == answer else answer,
                        source=source,
                        event=event,
                        received_on=received_on,
                        submitter=group,
                        theme=theme,
                    ),
                )
            )
    return plan


def _cell_text(cells: Sequence[object], position: int) -> str:
    value = cells[position] if position < len(cells) else None
    if value is None:
        return ""
    return clean_text(str(value))


@dataclass
class SurveyColumns:
    """The file's question columns, each with a few of its answers, for choosing the columns."""

    headers: list[str]
    samples: dict[str, list[str]]
    respondents: int


SAMPLES = 3


def survey_columns(content: bytes, filename: str) -> SurveyColumns:
    """The header row (the first of the top rows with two or more cells: a title line above it
    is skipped) and the first answers of each column. Raises SpreadsheetError."""
    table = find_header(
        read_table(content, filename), lambda cells: sum(1 for cell in cells if cell) >= 2
    )
    samples: dict[str, list[str]] = {}
    headers = []
    for index, heading in enumerate(table.headers):
        if not heading or heading in samples:
            continue
        headers.append(heading)
        found = samples.setdefault(heading, [])
        for _number, cells in table.rows:
            if len(found) >= SAMPLES:
                break
            answer = _cell_text(cells, index)
            if answer:
                found.append(title_of(answer))
    return SurveyColumns(headers=headers, samples=samples, respondents=len(table.rows))
