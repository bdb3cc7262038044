"""Load data for benchmarks: a national data set of many municipalities, each with its people
and user accounts, a roadmap, its tasks and their quarterly follow-up history, review meetings,
metrics with their values, and for some a public site with news (`manage.py
generate_load_data`).

A benchmark data generator only, and therefore the one place where rows are written past the
services: they go to the database with `bulk_create` in batches, with no audit events and no
history rows and no per-row `full_clean` (hundreds of thousands of rows would take hours through
the services). Every row still satisfies its model's validation and constraints: a task's
schedule lies within its roadmap, its status and completion are those of its latest progress
entry, a done entry is complete, a closed meeting has its closing time and frozen minutes (built
as `progress.minutes` builds them), a metric's target is on the right side of its baseline; the
tests run `full_clean` on a sample of every model.

Deterministic: the same arguments give the same rows, timestamps included (everything is dated
by the story, not by the clock). Each organisation draws from its own random generator, seeded by
the seed and its short name, so that organisation 7 is the same in a data set of 10 or of 300.
The story is the demo's (progress.demo): the review of the quarter after `LAST_CLOSED_REVIEW`
is open, with some entries recorded in the meeting and some owners' updates before it; the
reviews before it are closed. The text is Finnish, built from the demo data and the seed roadmap
(tiekartta.demo.load_vocabulary); people have invented names.
"""

from __future__ import annotations

import datetime
import random
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.test.utils import override_settings
from django.utils import timezone

from tiekartta.accounts.models import Membership, Organisation, Role, User
from tiekartta.core.quarters import Quarter, quarter_range
from tiekartta.demo import load_vocabulary as words
from tiekartta.metrics.demo_data import KANKAANPAA_METRICS
from tiekartta.metrics.models import Channel, Metric, MetricValue, Milestone, Unit
from tiekartta.metrics.periods import Period
from tiekartta.news.models import NewsItem
from tiekartta.progress.demo import (
    LAST_CLOSED_REVIEW,
    NO_DECISIONS,
    follow_up_path,
    meeting_date,
    review_minutes,
)
from tiekartta.progress.minutes import Minutes, MinutesGroup, MinutesRow
from tiekartta.progress.models import ProgressEntry, Review, ReviewStatus
from tiekartta.progress.selectors import in_follow_up
from tiekartta.public.demo import SUMMARIES
from tiekartta.roadmap.demo_data import KANKAANPAA_PEOPLE, ROADMAP_2023_2025
from tiekartta.roadmap.models import (
    FollowUpSettings,
    Person,
    Priority,
    Roadmap,
    Status,
    Task,
    Theme,
)

DEFAULT_SEED = "tiekartta"
DEFAULT_PREFIX = "kuorma"
# Every load-data user signs in with this password (documented in the README).
# Documented, benchmark-only log-ins.
LOAD_PASSWORD = "tiekartta-kuorma"  # noqa: S105  # nosec B105
# One hash for every user, so that thousands of users cost one Argon2 run; fixed, so that the
# rows are the same on every run.
PASSWORD_SALT = "tiekartta-load-data"  # noqa: S105  # nosec B105  # public by design
PREFIX_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,39}$")

# The quarter whose review meeting is open: the demo's "now" (late 2026).
CURRENT = LAST_CLOSED_REVIEW.next()
# How many rows one INSERT carries at most (the database may take fewer).
BATCH = 2000

# Who has a user account, by the key of the person in the demo's digital group: the CIO is the
# administrator, as in the demo; the role's accounts are numbered in this order.
ACCOUNTS = [
    ("cio", Role.ADMIN),
    ("development_director", Role.EDITOR),
    ("hr_director", Role.EDITOR),
    ("communications_manager", Role.EDITOR),
    ("technical_director", Role.OWNER),
    ("principal", Role.OWNER),
    ("service_manager", Role.OWNER),
    ("finance_director", Role.OWNER),
    ("mayor", Role.VIEWER),
]
# Spearheads carry more of the work; the roadmap's upkeep a little.
THEME_WEIGHTS = {True: 3.0, False: 1.0}
UPKEEP_WEIGHT = 0.4
# Every third organisation publishes its roadmap: organisations 1, 4, 7, ...
PUBLIC_EVERY = 3


class LoadDataError(Exception):
    """The load data cannot be written as asked (the message says why)."""


@dataclass(frozen=True)
class LoadOptions:
    organisations: int
    tasks: int
    quarters: int
    seed: str = DEFAULT_SEED
    prefix: str = DEFAULT_PREFIX

    def __post_init__(self) -> None:
        if not PREFIX_PATTERN.match(self.prefix):
            raise LoadDataError(
                "The prefix must be lower-case letters, digits and hyphens, starting with a "
                "letter (at most 40 characters)."
            )
        if self.organisations < 1 or self.tasks < 1:
            raise LoadDataError("Give at least one organisation and one task.")
        if not 1 <= self.quarters <= 40:
            raise LoadDataError("Give 1 to 40 quarters of follow-up history.")

    @property
    def first_quarter(self) -> Quarter:
        """The first quarter with a review meeting."""
        return Quarter.from_index(CURRENT.index - self.quarters + 1)


def organisation_slug(prefix: str, number: int) -> str:
    return f"{prefix}-{number:03d}"


def username(slug: str, role: str, number: int) -> str:
    """`kuorma-001-admin`, `kuorma-001-editor-2`, `kuorma-001-owner-1`, `kuorma-001-viewer`."""
    if role in (Role.ADMIN, Role.VIEWER):
        return f"{slug}-{role}"
    return f"{slug}-{role}-{number}"


def _slug_regex(prefix: str) -> str:
    return rf"^{prefix}-[0-9]{{3,}}$"


def _username_regex(prefix: str) -> str:
    return rf"^{prefix}-[0-9]{{3,}}-"


def existing(prefix: str) -> tuple[models.QuerySet[Organisation], models.QuerySet[User]]:
    """The organisations and users of an earlier load with this prefix."""
    return (
        Organisation.objects.filter(slug__regex=_slug_regex(prefix)),
        User.objects.filter(username__regex=_username_regex(prefix)),
    )


@dataclass
class Totals:
    rows: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, model: type[models.Model], count: int) -> None:
        self.rows[model._meta.label] += count


def remove(prefix: str) -> int:
    """Delete an earlier load with this prefix (its organisations with everything in them, and
    its users); returns how many organisations went. No history rows are written for it."""
    organisations, users = existing(prefix)
    count = organisations.count()
    with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        # Tasks and metrics protect their themes and people, so they go first.
        Task.objects.filter(roadmap__organisation__in=organisations).delete()
        Metric.objects.filter(roadmap__organisation__in=organisations).delete()
        organisations.delete()
        users.delete()
    return count


def generate(
    options: LoadOptions, *, replace: bool = False, log: Callable[[str], None] = print
) -> Totals:
    """Write the load data; refuses when a load with the prefix exists, unless `replace`."""
    started = time.monotonic()
    organisations, users = existing(options.prefix)
    if organisations.exists() or users.exists():
        if not replace:
            raise LoadDataError(
                f"Load data with the prefix {options.prefix!r} exists already "
                f"({organisations.count()} organisations): give --replace to replace it, or "
                "another --prefix."
            )
        log(f"Removed the earlier load: {remove(options.prefix)} organisations.")
    totals = Totals()
    context = _Context.build(options)
    step = max(1, options.organisations // 20)
    with _dated_by_hand(Roadmap, Task, Review, Metric, NewsItem):
        for number in range(1, options.organisations + 1):
            with transaction.atomic():
                _Organisation(context, number).write(totals)
            if number % step == 0 or number == options.organisations:
                log(
                    f"{number}/{options.organisations} organisations, "
                    f"{totals.rows[ProgressEntry._meta.label]} progress entries "
                    f"({time.monotonic() - started:.0f} s)"
                )
    totals.seconds = time.monotonic() - started
    return totals


@contextmanager
def _dated_by_hand(*model_classes: type[models.Model]) -> Iterator[None]:
    """Inside, the models' auto_now and auto_now_add fields keep the times given to them, so
    that the rows are dated by the story and two runs write the same rows."""
    changed = []
    for model in model_classes:
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.DateField) and (
                model_field.auto_now or model_field.auto_now_add
            ):
                changed.append((model_field, model_field.auto_now, model_field.auto_now_add))
                model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in changed:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def _moment(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", ".", plain).strip(".")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class TaskIdea:
    """A task title with its kind and description, before it is placed in a roadmap."""

    title: str
    kind: str
    description: str


@dataclass
class _Context:
    """What every organisation shares: the options, the password hash and the title pools."""

    options: LoadOptions
    password_hash: str
    ideas: dict[str, list[TaskIdea]]

    @classmethod
    def build(cls, options: LoadOptions) -> _Context:
        return cls(
            options=options,
            password_hash=make_password(LOAD_PASSWORD, salt=PASSWORD_SALT),
            ideas={theme["name"]: _ideas(theme["name"]) for theme in ROADMAP_2023_2025["themes"]},
        )


def _ideas(theme: str) -> list[TaskIdea]:
    """The demo's tasks of the theme, then every object of the theme with every kind of work.
    A generated description opens by the kind; the rest is drawn when the task is placed."""
    ideas = [
        TaskIdea(item["title"], item["kind"], item["description"])
        for data in ROADMAP_2023_2025["themes"]
        if data["name"] == theme
        for item in data["tasks"]
    ]
    work = words.UPKEEP_WORK if theme == words.UPKEEP_THEME else words.WORK
    for number, obj in enumerate(words.OBJECTS[theme]):
        for index, (noun, kind) in enumerate(work):
            openings = words.OPENINGS[kind]
            opening = openings[(number + index) % len(openings)]
            ideas.append(
                TaskIdea(
                    f"{_capitalise(obj)} {noun}",
                    kind,
                    opening.format(object=obj, Object=_capitalise(obj)),
                )
            )
    return ideas


@dataclass
class _Planned:
    """One task as generated: the model instance and its follow-up path."""

    task: Task
    path: dict[Quarter, tuple[int, str, str]]
    owner_update: bool = False  # the open quarter's entry is the owner's, not the meeting's


class _Organisation:
    """One organisation's rows, drawn from its own random generator."""

    def __init__(self, context: _Context, number: int) -> None:
        self.context = context
        self.options = context.options
        self.number = number
        self.slug = organisation_slug(self.options.prefix, number)
        self.rng = random.Random(f"{self.options.seed}:{self.slug}")  # noqa: S311  # nosec B311
        self.first = self.options.first_quarter
        self.start_year = self.first.year
        self.end_year = CURRENT.year + 1
        self.drafted = _moment(datetime.date(self.start_year, 1, 1) - datetime.timedelta(30), 9)
        self.public = number % PUBLIC_EVERY == 1
        # The open meeting was held a fortnight before the demo's date for the quarter.
        self.open_meeting = meeting_date(CURRENT) - datetime.timedelta(days=14)

    def write(self, totals: Totals) -> None:
        organisation = self._insert(totals, Organisation, [self._organisation()])[0]
        people, users = self._people(totals, organisation)
        self._insert(
            totals,
            FollowUpSettings,
            [
                FollowUpSettings(
                    organisation=organisation,
                    next_review_date=meeting_date(CURRENT.next()),
                    reminder_days_before=14,
                    public_shows_names=self.rng.random() < 0.3,
                )
            ],
        )
        roadmap = self._insert(totals, Roadmap, [self._roadmap(organisation)])[0]
        themes = self._insert(totals, Theme, self._themes(roadmap))
        planned = self._tasks(totals, roadmap, themes, people)
        admin = users["cio"]
        reviews = self._reviews(totals, roadmap, themes, planned, people, admin)
        self._entries(totals, planned, reviews, admin)
        self._metrics(totals, roadmap, themes, planned, people)
        if self.public:
            self._news(totals, organisation, roadmap, planned, reviews, admin)

    def _insert(self, totals: Totals, model: type[Any], rows: Sequence[Any]) -> list[Any]:
        created = model.objects.bulk_create(rows, batch_size=BATCH)
        totals.add(model, len(created))
        return created

    # Organisation and people -----------------------------------------------------------------

    def _organisation(self) -> Organisation:
        names = words.MUNICIPALITIES
        town = names[(self.number - 1) % len(names)]
        round_number = (self.number - 1) // len(names) + 1
        if round_number > 1:
            town = f"{town} {round_number}"
        return Organisation(name=f"{town} (testidata)", slug=self.slug, is_demo=True)

    def _people(
        self, totals: Totals, organisation: Organisation
    ) -> tuple[dict[str, Person], dict[str, User]]:
        roles = [(p["key"], p["title"], p["unit"]) for p in KANKAANPAA_PEOPLE]
        roles += words.EXTRA_ROLES
        first, last = words.FIRST_NAMES, words.LAST_NAMES
        picks = self.rng.sample(range(len(first) * len(last)), k=len(roles))
        names = {
            key: (first[pick % len(first)], last[pick // len(first)])
            for (key, _title, _unit), pick in zip(roles, picks, strict=True)
        }
        domain = f"{self.slug}.invalid"
        emails = {key: f"{_ascii(f'{fn} {ln}')}@{domain}" for key, (fn, ln) in names.items()}
        counts: Counter[str] = Counter()
        users: dict[str, User] = {}
        memberships = []
        for key, role in ACCOUNTS:
            counts[role] += 1
            first_name, last_name = names[key]
            users[key] = User(
                username=username(self.slug, role, counts[role]),
                password=self.context.password_hash,
                first_name=first_name,
                last_name=last_name,
                email=emails[key],
                language="fi",
                date_joined=self.drafted,
            )
        self._insert(totals, User, list(users.values()))
        for key, role in ACCOUNTS:
            memberships.append(Membership(user=users[key], organisation=organisation, role=role))
        self._insert(totals, Membership, memberships)
        people = {
            key: Person(
                organisation=organisation,
                name=" ".join(names[key]),
                title=title,
                unit=unit,
                email=emails[key],
                user=users.get(key),
            )
            for key, title, unit in roles
        }
        self._insert(totals, Person, list(people.values()))
        return people, users

    # Roadmap, themes and tasks ---------------------------------------------------------------

    def _roadmap(self, organisation: Organisation) -> Roadmap:
        period = f"{self.start_year}–{self.end_year}"
        town = organisation.name.removesuffix(" (testidata)")
        return Roadmap(
            organisation=organisation,
            title=f"Digitiekartta {period}",
            slug=f"{self.start_year}-{self.end_year}",
            start_year=self.start_year,
            end_year=self.end_year,
            description=(
                f"Digitiekartta kertoo, mitä, missä järjestyksessä ja millä aikataululla "
                f"digitalisaatio kunnassa ({town}) etenee vuosina {period}. Strategiset "
                "kärkihankkeet ovat tiedolla johtaminen ja asiakkaiden sähköiset palvelut."
            ),
            is_public=self.public,
            created_at=self.drafted,
        )

    def _themes(self, roadmap: Roadmap) -> list[Theme]:
        return [
            Theme(
                roadmap=roadmap,
                name=data["name"],
                description=data["description"],
                is_spearhead=data["is_spearhead"],
                order=order,
                colour=data["colour"],
            )
            for order, data in enumerate(ROADMAP_2023_2025["themes"])
        ]

    def _tasks(
        self, totals: Totals, roadmap: Roadmap, themes: list[Theme], people: dict[str, Person]
    ) -> list[_Planned]:
        rng = self.rng
        weights = [
            UPKEEP_WEIGHT if theme.name == words.UPKEEP_THEME else THEME_WEIGHTS[theme.is_spearhead]
            for theme in themes
        ]
        pools = {
            theme.name: rng.sample(
                self.context.ideas[theme.name], k=len(self.context.ideas[theme.name])
            )
            for theme in themes
        }
        used: Counter[str] = Counter()
        owners = list(people.values())
        owner_weights = [
            4.0 if key == "cio" else 2.0 if person.user is not None else 1.0
            for key, person in people.items()
        ]
        planned: list[_Planned] = []
        for index in range(self.options.tasks):
            theme = rng.choices(themes, weights=weights)[0]
            pool = pools[theme.name]
            idea = pool[used[theme.name] % len(pool)]
            rounds = used[theme.name] // len(pool)
            used[theme.name] += 1
            title = idea.title if not rounds else f"{idea.title} (vaihe {rounds + 1})"
            owner = rng.choices(owners, weights=owner_weights)[0]
            quick_win = rng.random() < 0.15
            start, due = self._schedule(quick_win)
            status, final = self._fate(start, due)
            path = (
                follow_up_path(
                    f"{self.options.seed}:{self.slug}:{index}",
                    start=start,
                    due=due,
                    status=status,
                    first_quarter=self.first,
                    last=CURRENT,
                    final=final,
                )
                if start
                else {}
            )
            item = _Planned(
                Task(
                    roadmap=roadmap,
                    theme=theme,
                    title=title,
                    description=self._description(idea, theme),
                    kind=idea.kind,
                    owner=owner,
                    collaborating_units=(
                        rng.choice(words.COLLABORATING_UNITS) if rng.random() < 0.25 else ""
                    ),
                    unit=owner.unit if rng.random() < 0.8 else "",
                    start=start,
                    due=due,
                    priority=rng.choices(
                        [Priority.HIGH, Priority.MEDIUM, Priority.LOW], weights=[1, 2, 1]
                    )[0],
                    quick_win=quick_win,
                    is_public=rng.random() < 0.75,
                    order=used[theme.name],
                    created_at=self.drafted,
                ),
                path,
            )
            self._open_quarter(item)
            self._settle(item)
            planned.append(item)
        self._insert(totals, Task, [item.task for item in planned])
        self._links(totals, planned, owners)
        return planned

    def _schedule(self, quick_win: bool) -> tuple[str, str]:
        """Most tasks start early in the period; a few have no schedule yet."""
        rng = self.rng
        if rng.random() < 0.02:
            return "", ""
        first = Quarter(self.start_year, 1).index
        last = Quarter(self.end_year, 4).index
        start = first + int(rng.random() ** 1.4 * (last - first))
        length = rng.randint(1, 2) if quick_win else rng.choice([2, 3, 4, 4, 5, 6, 8])
        return str(Quarter.from_index(start)), str(
            Quarter.from_index(min(start + length - 1, last))
        )

    def _fate(self, start: str, due: str) -> tuple[str, int | None]:
        """Where the task ends up by the open quarter, and for an open one its completion."""
        rng = self.rng
        if not start or Quarter.parse(start) > CURRENT:
            return Status.PLANNED, None
        first, end = Quarter.parse(start), Quarter.parse(due)
        if end < CURRENT:
            draw = rng.random()
            if draw < 0.70:
                return Status.DONE, None
            if draw < 0.78:
                return Status.CANCELLED, None
            if draw < 0.88:
                return Status.POSTPONED, None
            return Status.IN_PROGRESS, rng.randint(55, 95)
        if first < CURRENT and rng.random() < 0.04:
            return Status.DONE, None
        share = (CURRENT.index - first.index + 1) / (end.index - first.index + 1)
        return Status.IN_PROGRESS, max(5, min(95, round(100 * share * rng.uniform(0.6, 1.15))))

    def _open_quarter(self, item: _Planned) -> None:
        """At the open meeting some tasks are recorded, some owners wrote their update before
        it, and the rest are still to come."""
        if CURRENT not in item.path:
            return
        draw = self.rng.random()
        if draw < 0.55:
            return
        if draw < 0.75:
            item.owner_update = True
            return
        del item.path[CURRENT]

    def _settle(self, item: _Planned) -> None:
        """The task shows its latest entry; public ones of a published roadmap may carry a
        summary for residents."""
        task = item.task
        latest = max(item.path) if item.path else None
        if latest is not None:
            task.completion, task.status, _note = item.path[latest]
            task.updated_at = self._recorded_at(latest, item.owner_update)
        else:
            task.completion, task.status, task.updated_at = 0, Status.PLANNED, self.drafted
        summary = SUMMARIES.get(Status(task.status))
        if self.public and task.is_public and summary and self.rng.random() < 0.4:
            task.public_summary = summary
            task.public_summary_updated_at = task.updated_at

    def _recorded_at(self, quarter: Quarter, owner_update: bool = False) -> datetime.datetime:
        if quarter == CURRENT:
            day = self.open_meeting - datetime.timedelta(days=3 if owner_update else 0)
            return _moment(day, 9, 15) if owner_update else _moment(day, 14, 30)
        return _moment(meeting_date(quarter), 14, 30)

    def _description(self, idea: TaskIdea, theme: Theme) -> str:
        goals = [s.strip() for s in re.split(r"(?<=\.)\s+", theme.description) if s.strip()]
        return " ".join([idea.description, self.rng.choice(goals), self.rng.choice(words.CLOSINGS)])

    def _links(self, totals: Totals, planned: list[_Planned], people: list[Person]) -> None:
        """Collaborators, and predecessors among the theme's earlier tasks that end before."""
        rng = self.rng
        collaborators = []
        predecessors = []
        for number, item in enumerate(planned):
            task = item.task
            others = [person for person in people if person.pk != task.owner.pk]
            for person in rng.sample(others, k=rng.choice([0, 1, 1, 2, 2, 3])):
                collaborators.append(
                    Task.collaborators.through(task_id=task.pk, person_id=person.pk)
                )
            if task.start and rng.random() < 0.1:
                earlier = [
                    other.task
                    for other in planned[:number]
                    if other.task.theme_id == task.theme_id
                    and other.task.due
                    and other.task.due < task.start
                ]
                if earlier:
                    predecessors.append(
                        Task.predecessors.through(
                            from_task_id=task.pk, to_task_id=rng.choice(earlier).pk
                        )
                    )
        self._insert(totals, Task.collaborators.through, collaborators)
        self._insert(totals, Task.predecessors.through, predecessors)

    # Follow-up -------------------------------------------------------------------------------

    def _reviews(
        self,
        totals: Totals,
        roadmap: Roadmap,
        themes: list[Theme],
        planned: list[_Planned],
        people: dict[str, Person],
        admin: User,
    ) -> dict[Quarter, Review]:
        """One meeting a quarter; the closed ones with their minutes frozen as they stood."""
        rng = self.rng
        group = list(people.values())
        reviews: dict[Quarter, Review] = {}
        attendance = []
        latest: dict[int, tuple[int, str, str]] = {}
        previous: Review | None = None
        for quarter in quarter_range(self.first, CURRENT):
            attendees = rng.sample(group, k=min(len(group), rng.randint(9, 13)))
            closed = quarter < CURRENT
            day = meeting_date(quarter) if closed else self.open_meeting
            held = _moment(day, 14, 30)
            review = Review(
                roadmap=roadmap,
                quarter=str(quarter),
                meeting_date=day,
                status=ReviewStatus.CLOSED if closed else ReviewStatus.OPEN,
                opened_by=admin,
                created_at=_moment(day, 9),
            )
            if closed:
                recorded = sum(1 for item in planned if quarter in item.path)
                review.minutes = review_minutes(recorded)
                review.decisions = rng.choice([NO_DECISIONS, *words.DECISIONS])
                review.closed_by = admin
                review.closed_at = held + datetime.timedelta(hours=1)
                review.minutes_snapshot = self._minutes(
                    quarter, themes, planned, attendees, latest, previous
                ).to_json()
            for index, item in enumerate(planned):
                if quarter in item.path:
                    latest[index] = item.path[quarter]
            reviews[quarter] = review
            attendance.append((review, attendees))
            previous = review
        self._insert(totals, Review, list(reviews.values()))
        self._insert(
            totals,
            Review.attendees.through,
            [
                Review.attendees.through(review_id=review.pk, person_id=person.pk)
                for review, attendees in attendance
                for person in attendees
            ],
        )
        return reviews

    def _minutes(
        self,
        quarter: Quarter,
        themes: list[Theme],
        planned: list[_Planned],
        attendees: list[Person],
        latest: dict[int, tuple[int, str, str]],
        previous: Review | None,
    ) -> Minutes:
        """The minutes as progress.minutes.build_minutes reads them when the meeting closes:
        the entries recorded in it, by theme in display order, and the tasks followed up in
        the quarter that were not discussed, each as the task then stood."""
        groups = []
        not_discussed = []
        completed = []
        order = sorted(themes, key=lambda theme: (not theme.is_spearhead, theme.order, theme.name))
        by_theme: dict[int, list[tuple[int, _Planned]]] = {theme.pk: [] for theme in themes}
        for index, item in enumerate(planned):
            by_theme[item.task.theme.pk].append((index, item))
        for theme in order:
            rows = []
            for index, item in sorted(by_theme[theme.pk], key=lambda pair: pair[1].task.order):
                task = item.task
                before = latest.get(index)
                entry = item.path.get(quarter)
                if entry is None:
                    status_then = before[1] if before else Status.PLANNED
                    if _followed(status_then, task.start, task.due, quarter):
                        not_discussed.append((task.title, task.owner.name))
                    continue
                completion, status, note = entry
                rows.append(
                    MinutesRow(
                        title=task.title,
                        owner=task.owner.name,
                        before=before[0] if before else None,
                        now=completion,
                        status=status,
                        note=note,
                    )
                )
                if status == Status.DONE and (before is None or before[1] != Status.DONE):
                    completed.append(task.title)
            if rows:
                groups.append(MinutesGroup(theme.name, rows))
        return Minutes(
            groups=groups,
            attendees=[str(person) for person in sorted(attendees, key=lambda p: p.name)],
            previous_quarter=previous.quarter if previous else "",
            previous_date=previous.meeting_date.isoformat() if previous else "",
            not_discussed=not_discussed,
            completed=completed,
        )

    def _entries(
        self, totals: Totals, planned: list[_Planned], reviews: dict[Quarter, Review], admin: User
    ) -> None:
        """Each task's path as entries: recorded in the quarter's meeting by its chair, or for
        an owner's update before the open meeting, by the owner (the chair for an owner
        without an account)."""
        entries = []
        for item in planned:
            for quarter, (completion, status, note) in item.path.items():
                owners = quarter == CURRENT and item.owner_update
                author = item.task.owner.user if owners else None
                entries.append(
                    ProgressEntry(
                        task=item.task,
                        quarter=str(quarter),
                        completion=completion,
                        status=status,
                        note=note,
                        review=None if owners else reviews[quarter],
                        author=author or admin,
                        recorded_at=self._recorded_at(quarter, owners),
                    )
                )
        self._insert(totals, ProgressEntry, entries)

    # Metrics and news ------------------------------------------------------------------------

    def _metrics(
        self,
        totals: Totals,
        roadmap: Roadmap,
        themes: list[Theme],
        planned: list[_Planned],
        people: dict[str, Person],
    ) -> None:
        """The demo's metrics at this town's scale, with a value for every period that ended
        before the open quarter (one in ten stops arriving a while ago: a stale metric)."""
        rng = self.rng
        by_name = {theme.name: theme for theme in themes}
        size = Decimal(str(round(rng.uniform(0.3, 3.0), 2)))
        metrics, milestones, values, links = [], [], [], []
        baseline_date = datetime.date(self.start_year - 1, 12, 31)
        target_date = datetime.date(self.end_year, 12, 31)
        for order, data in enumerate(KANKAANPAA_METRICS):
            plan = data["plans"][0]
            given = plan.get("baseline")
            demo_baseline = Decimal(given[0] if given else "0")
            demo_target = Decimal(plan["target"][0])
            # As precise as the demo's figures: whole numbers, or 0.045 kg.
            step = Decimal(1).scaleb(min(_exponent(demo_baseline), _exponent(demo_target)))
            baseline, target = self._levels(
                data["unit"], data["direction"], demo_baseline, demo_target, size, step
            )
            theme = by_name.get(data["theme"])
            metric = Metric(
                roadmap=roadmap,
                theme=theme,
                name=data["name"],
                description=data["description"],
                measurement=data["measurement"],
                source=data["source"],
                unit=data["unit"],
                unit_label=data["unit_label"],
                direction=data["direction"],
                frequency=data["frequency"],
                owner=people[data["owner"]],
                baseline_value=baseline,
                baseline_date=baseline_date,
                target_value=target,
                target_date=target_date,
                is_public=self.public and order < len(KANKAANPAA_METRICS) - 1,
                order=order,
                created_at=self.drafted,
                updated_at=self.drafted,
            )
            metrics.append(metric)
            span = (target_date - baseline_date).days
            for year in range(self.start_year, self.end_year):
                share = Decimal((datetime.date(year, 12, 31) - baseline_date).days) / span
                milestones.append(
                    Milestone(
                        metric=metric,
                        year=year,
                        value=self._level(
                            data["unit"], baseline + (target - baseline) * share, step
                        ),
                    )
                )
            period = Period.containing(self.first.first_day, data["frequency"])
            stale = rng.random() < 0.1
            arrived = []
            while period.last_day < CURRENT.first_day:
                share = Decimal((period.last_day - baseline_date).days) / span
                pace = Decimal(str(round(rng.uniform(0.7, 1.2), 3)))
                arrived.append(
                    (
                        period,
                        self._level(
                            data["unit"], baseline + (target - baseline) * share * pace, step
                        ),
                    )
                )
                period = period.next()
            if stale:
                arrived = arrived[: max(0, len(arrived) - 2)]
            for period, value in arrived:
                values.append(
                    MetricValue(
                        metric=metric,
                        period=str(period),
                        value=value,
                        source=data["source"],
                        channel=Channel.DEMO,
                        recorded_at=_moment(period.last_day + datetime.timedelta(days=12), 10),
                    )
                )
            candidates = [
                item.task
                for item in planned
                if theme is not None and item.task.theme_id == theme.pk
            ]
            for task in rng.sample(candidates, k=min(2, len(candidates))):
                links.append((metric, task))
        self._insert(totals, Metric, metrics)
        self._insert(totals, Milestone, milestones)
        self._insert(totals, MetricValue, values)
        self._insert(
            totals,
            Metric.tasks.through,
            [Metric.tasks.through(metric_id=metric.pk, task_id=task.pk) for metric, task in links],
        )

    def _levels(
        self,
        unit: str,
        direction: str,
        baseline: Decimal,
        target: Decimal,
        size: Decimal,
        step: Decimal,
    ) -> tuple[Decimal, Decimal]:
        """The demo's baseline and target for this town: counts and euros by its size, other
        units a little apart; the target stays on the better side of the baseline."""
        if unit in (Unit.COUNT, Unit.EURO):
            baseline, target = baseline * size, target * size
        else:
            baseline = baseline * Decimal(str(round(self.rng.uniform(0.85, 1.15), 2)))
            target = target * Decimal(str(round(self.rng.uniform(0.95, 1.05), 2)))
        baseline, target = self._level(unit, baseline, step), self._level(unit, target, step)
        better = max if direction == "higher" else min
        return baseline, better(target, baseline)

    @staticmethod
    def _level(unit: str, value: Decimal, step: Decimal) -> Decimal:
        value = max(Decimal(0), value)
        if unit == Unit.PERCENT:
            value = min(Decimal(100), value)
        return value.quantize(step)

    def _news(
        self,
        totals: Totals,
        organisation: Organisation,
        roadmap: Roadmap,
        planned: list[_Planned],
        reviews: dict[Quarter, Review],
        admin: User,
    ) -> None:
        """Three published news items after the last meetings, each about a public task."""
        rng = self.rng
        public = [
            item.task for item in planned if item.task.is_public and item.task.status in words.NEWS
        ]
        closed = [quarter for quarter in reviews if quarter < CURRENT][-3:]
        items, links = [], []
        for quarter, task in zip(
            closed, rng.sample(public, k=min(len(closed), len(public))), strict=False
        ):
            title, opening = words.NEWS[task.status]
            published = _moment(meeting_date(quarter) + datetime.timedelta(days=2), 10)
            first_sentence = task.description.split(". ")[0].rstrip(".")
            item = NewsItem(
                organisation=organisation,
                roadmap=roadmap,
                title=title.format(title=task.title),
                body=f"{opening} {first_sentence}. {words.NEWS_CLOSING}",
                language="fi",
                published_at=published,
                author=admin,
                created_at=published,
                updated_at=published,
            )
            items.append(item)
            links.append((item, task))
        self._insert(totals, NewsItem, items)
        self._insert(
            totals,
            NewsItem.tasks.through,
            [NewsItem.tasks.through(newsitem_id=item.pk, task_id=task.pk) for item, task in links],
        )


def _exponent(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


@cache
def _followed(status: str, start: str, due: str, quarter: Quarter) -> bool:
    """progress.selectors.in_follow_up for a task as it stood (asked once per combination)."""
    return in_follow_up(Task(status=status, start=start, due=due), quarter)


def summary_lines(totals: Totals) -> Iterable[str]:
    for label, count in sorted(totals.rows.items()):
        yield f"  {label:<36} {count:>10,}".replace(",", " ")
    yield f"  {'rows in all':<36} {sum(totals.rows.values()):>10,}".replace(",", " ")
