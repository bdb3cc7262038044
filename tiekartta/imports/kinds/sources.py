"""Exports of the tools towns move in from: Redmine, OpenProject, Jira and Microsoft Planner
(and Project for the web, Planner's premium plans).

A file is recognised by its headings (in English, and Redmine's and Planner's Finnish ones);
each tool's headings then say which column is what, replacing the general headings where a
tool means something else by the same word (Planner's "Progress" is a status, OpenProject's
"Type" is not our kind). Choices made here, and stated in the README:

- the tool's own identifier (#, ID, Issue key, Task ID) is kept on the task, so that importing
  the tool's next export updates the tasks instead of adding them again;
- the theme is the grouping closest to a roadmap's theme: Planner's bucket; Redmine's and
  OpenProject's category, else the (target) version; Jira's component, else the epic (parent
  summary), else the fix version. Trackers, types, projects, sprints, labels and parent tasks
  are not used;
- an empty assignee falls back to the author (Redmine, OpenProject), the reporter (Jira) or
  the creator (Planner), since every task needs a responsible person;
- US tools write slashed dates month first: a file from them is read so, unless its own dates
  prove otherwise ("25/08/2026").
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from tiekartta.imports.kinds.dates import DateOrder
from tiekartta.roadmap.models import ExternalSource

# Keys besides the task columns: the tool's identifier, the second choice for the theme, and
# who stands in for an empty assignee. An empty key means the column is not used.
EXTERNAL_ID = "external_id"
THEME_FALLBACK = "theme_fallback"
OWNER_FALLBACK = "owner_fallback"


@dataclass(frozen=True)
class SourceTool:
    source: ExternalSource
    # Any of these sets of headings, all present, makes a file this tool's export.
    signatures: tuple[frozenset[str], ...]
    headings: Mapping[str, str]
    # The order of its slashed dates when the headings are English (None: ask or infer).
    date_order: DateOrder | None = "mdy"
    finnish_headings: frozenset[str] = field(default_factory=frozenset)

    @property
    def label(self) -> str:
        return str(self.source.label)

    def matches(self, headings: Collection[str]) -> bool:
        return any(signature <= set(headings) for signature in self.signatures)

    def order_for(self, headings: Collection[str]) -> DateOrder | None:
        """Finnish headings come with Finnish dates (day first)."""
        if self.finnish_headings & set(headings):
            return "dmy"
        return self.date_order


def _headings(**columns: str) -> dict[str, str]:
    """`key="heading | heading"` → {heading: key}."""
    return {
        heading.strip(): ("" if key == "ignored" else key)
        for key, headings in columns.items()
        for heading in headings.split("|")
    }


REDMINE = SourceTool(
    source=ExternalSource.REDMINE,
    signatures=(
        frozenset({"#", "subject"}),
        frozenset({"tracker", "subject"}),
        frozenset({"#", "aihe"}),
        frozenset({"tapahtuma", "aihe"}),
    ),
    headings=_headings(
        external_id="#",
        title="subject|aihe",
        owner="assignee|assigned to|nimetty|vastuuhenkilö",
        owner_fallback="author|tekijä",
        status="status|tila",
        start="start date|alku|aloituspäivä",
        due="due date|määräaika|päättymispäivä",
        completion="% done|% tehty|tehty",
        theme="category|luokka",
        theme_fallback="target version|kohdeversio|versio",
        priority="priority|prioriteetti",
        description="description|kuvaus",
        ignored="tracker|tapahtuma|project|projekti|parent task|pääaihe|type",
    ),
    finnish_headings=frozenset({"aihe", "nimetty", "määräaika", "% tehty"}),
)

OPENPROJECT = SourceTool(
    source=ExternalSource.OPENPROJECT,
    signatures=(
        frozenset({"id", "subject", "finish date"}),
        frozenset({"id", "subject", "type"}),
        frozenset({"id", "subject", "accountable"}),
    ),
    headings=_headings(
        external_id="id",
        title="subject",
        owner="assignee",
        owner_fallback="accountable|author",
        status="status",
        start="start date",
        due="finish date|due date",
        completion="progress|% complete|work % complete|% done",
        theme="category",
        theme_fallback="version",
        priority="priority",
        description="description",
        ignored="type|project|parent|work|remaining work|spent time",
    ),
)

JIRA = SourceTool(
    source=ExternalSource.JIRA,
    signatures=(frozenset({"issue key", "summary"}), frozenset({"issue type", "summary"})),
    headings=_headings(
        external_id="issue key",
        title="summary",
        owner="assignee",
        owner_fallback="reporter|creator",
        status="status",
        start="custom field (start date)|start date",
        due="due date|due",
        theme="component/s|components",
        theme_fallback="parent summary|custom field (epic name)|fix version/s|fix versions",
        priority="priority",
        description="description",
        ignored=(
            "issue id|issue type|project key|project name|project type|sprint|labels|parent"
            "|parent id|created|updated|resolved|resolution|affects version/s|status category"
        ),
    ),
)

PLANNER = SourceTool(
    source=ExternalSource.PLANNER,
    signatures=(
        frozenset({"task id", "task name"}),
        frozenset({"bucket name", "task name"}),
        frozenset({"bucket", "name", "finish"}),
        frozenset({"tehtävän tunnus", "tehtävän nimi"}),
        frozenset({"säilön nimi", "tehtävän nimi"}),
    ),
    headings=_headings(
        external_id="task id|tehtävän tunnus|id",
        title="task name|name|tehtävän nimi|nimi",
        owner="assigned to|määritetty henkilölle|määritetty|vastuuhenkilö",
        owner_fallback="created by|luonut|luoja",
        # Planner's progress is a word (Not started, In progress, Completed); Project for the
        # web's "% complete" is the number.
        status="progress|status|edistyminen|tila",
        completion="% complete",
        start="start date|start|aloituspäivä|alkamispäivä",
        due="due date|finish|määräpäivä|eräpäivä",
        theme="bucket name|bucket|säilön nimi|säilö",
        priority="priority|prioriteetti",
        description="description|notes|kuvaus|muistiinpanot",
        ignored=(
            "created date|is recurring|late|completed date|completed by|completed checklist "
            "items|checklist items|labels|luontipäivä|myöhässä|valmistumispäivä|tunnisteet"
            "|toistuva|duration|effort|outline number|sprint|goal"
        ),
    ),
    finnish_headings=frozenset({"tehtävän nimi", "säilön nimi", "tehtävän tunnus"}),
)

SOURCES: tuple[SourceTool, ...] = (JIRA, PLANNER, REDMINE, OPENPROJECT)


def detect_source(headings: Collection[str]) -> SourceTool | None:
    """The tool whose export has these (normalised) headings, if any."""
    return next((tool for tool in SOURCES if tool.matches(headings)), None)


# Status words of the tools and of the towns, in Finnish, Swedish and English. Waiting means
# not begun yet; paused, suspended and on hold mean put aside (postponed); rejected and
# won't-do mean cancelled; resolved and closed mean done.
_STATUS_WORDS = {
    "planned": (
        "not started|to do|todo|open|new|backlog|selected for development|waiting|pending"
        "|scheduled|to be scheduled|in specification|specified|confirmed|proposed|draft|idea"
        "|ei aloitettu|ei alkanut|aloittamatta|aloittamaton|tulossa|odottaa|odottaa aloitusta"
        "|suunniteltu|suunnitteilla|suunnittelussa|uusi|avoin|avoinna|tekemättä|ideointi"
        "|ej påbörjad|ej påbörjat|inte påbörjad|inte påbörjat|ej startad|väntar|väntande"
        "|planerad|planerat|ny|öppen|kommande"
    ),
    "in_progress": (
        "in progress|ongoing|under way|underway|started|active|in review|review|in testing"
        "|testing|tested|developed|feedback|doing|in development|at risk|delayed"
        "|aloitettu|kesken|työn alla|käynnissä|käynnistetty|meneillään|toteutuksessa"
        "|toteutetaan|etenee|palaute|työstössä|viivästynyt|myöhässä"
        "|pågår|pågående|påbörjad|påbörjat|startad|under arbete|aktiv|försenad"
    ),
    "done": (
        "done|completed|complete|finished|resolved|closed|ready|implemented|delivered"
        "|toteutettu|valmistunut|tehty|valmis|ratkaistu|suljettu|päättynyt|käyttöönotettu"
        "|klar|klart|färdig|slutförd|slutfört|avslutad|genomförd|genomfört|levererad"
    ),
    "postponed": (
        "postponed|deferred|on hold|paused|suspended|blocked|frozen|parked"
        "|siirretty|siirtynyt|lykätty|tauolla|keskeytetty|keskeytynyt|jäissä|jäädytetty"
        "|pysähtynyt|odottaa päätöstä"
        "|uppskjuten|uppskjutet|framskjuten|pausad|pausat|vilande|avbruten tillfälligt"
        "|fryst|parkerad"
    ),
    "cancelled": (
        "cancelled|canceled|rejected|won't do|wont do|dropped|abandoned|declined|withdrawn"
        "|peruttu|peruutettu|peruuntunut|lopetettu|hylätty|luovuttu|ei toteuteta"
        "|inställd|inställt|avbruten|avbrutet|avvisad|avslagen|struken|utgår"
    ),
}
STATUS_WORDS: dict[str, str] = {
    word.strip(): status for status, words in _STATUS_WORDS.items() for word in words.split("|")
}

# Priorities of the tools: Redmine (Low, Normal, High, Urgent, Immediate), Jira (Lowest …
# Highest), Planner (Low, Medium, Important, Urgent).
PRIORITY_WORDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "urgent",
            "immediate",
            "highest",
            "critical",
            "blocker",
            "important",
            "major",
            "kiireellinen",
            "kiireinen",
            "tärkeä",
            "korkea",
            "suuri",
            "brådskande",
            "viktig",
            "hög",
        ],
        "high",
    ),
    **dict.fromkeys(["normal", "normaali", "keskitaso", "keski", "medel"], "medium"),
    **dict.fromkeys(["lowest", "minor", "trivial", "matala", "pieni", "alhainen", "låg"], "low"),
}
