"""The demo's follow-up history: quarterly review meetings with minutes and progress entries.

Generated, not hand-written: each task's path runs from its planned start to the state the demo
data gives it, with a deterministic pace per task (seeded by its key), so that some tasks finish
early, some late, studies end with a decision and the renewed roadmap has tasks on track, at
risk and late today (late 2026). Everything goes through the services, like a real meeting.

The meetings are attributed to the demo's CIO and the owners' updates to their authors, as if
they had entered them; where the organisation has no such user, to `actor` (by default the
system actor "Demo"), so the change log still says where the rows came from.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tiekartta.accounts.models import Organisation, User
from tiekartta.core.actors import Actor
from tiekartta.core.quarters import Quarter, quarter_range
from tiekartta.progress import services
from tiekartta.progress.models import ProgressEntry, Review
from tiekartta.roadmap.demo_data import RoadmapData, TaskData
from tiekartta.roadmap.models import FollowUpSettings, Person, Roadmap, Status, Task, Theme

# Who writes what no demo user is named for.
DEMO = Actor.system("Demo")

# The demo's story happens in late 2026: reviews up to the third quarter are closed, the
# fourth quarter's meeting is coming and some owners have already written their updates.
DEMO_NEXT_REVIEW = datetime.date(2026, 12, 10)
LAST_CLOSED_REVIEW = Quarter(2026, 3)

# Where the renewed roadmap's ongoing tasks stood at the 2026Q3 review.
STATE_2026Q3 = {
    "r26_data_warehouse_build": 55,
    "r26_equipment_condition": 70,
    "r26_eservices_end_to_end": 35,
    "r26_city_app_renewal": 85,
    "r26_ai_assistant_pilot": 40,
    "r26_m365_training": 55,
    "r26_education_documents": 80,
    "r26_rpa_pilot": 30,
    "r26_nis2_isms": 50,
    "r26_museum_digitisation": 40,
    "r26_water_leak_alerts": 60,
    "r26_recovery_exercise": 0,
}
# Done early: one quarter before the planned end.
DONE_EARLY = {"r26_meeting_room_booking", "r23_sports_centre_usage", "r23_food_waste"}

# Updates for 2026Q4 entered before the coming meeting: (completion, status, note), each by the
# task's owner, or by the CIO for an owner without a user account (see _author).
OWNER_UPDATES_2026Q4 = {
    "r26_data_warehouse_build": (
        70,
        Status.IN_PROGRESS,
        "Talous- ja henkilöstötietojen integraatiot valmiit; tilahallinnan tiedot puuttuvat.",
    ),
    "r26_nis2_isms": (
        60,
        Status.IN_PROGRESS,
        "Riskiarvio valmis, politiikat luonnoksena johtoryhmällä.",
    ),
    "r26_water_leak_alerts": (
        68,
        Status.IN_PROGRESS,
        "Hälytykset käytössä kahdella alueella, kolmas joulukuussa.",
    ),
    # The communications manager has no user account: the CIO enters it for them.
    "r26_city_app_renewal": (
        100,
        Status.DONE,
        "Uusi sovellus julkaistu sovelluskaupoissa marraskuussa; saavutettavuus tarkastettu.",
    ),
}

DECISION_NOTES = {
    "r23_management_needs_study": (
        "Selvitys valmis: johdon tietotarpeet kartoitettu. Päätettiin rakentaa keskitetty "
        "tietovarasto."
    ),
    "r23_data_warehouse_definition": "Määrittely valmis; toteutus käynnistyy vuoden 2024 alussa.",
    "r23_training_needs_survey": (
        "Kysely valmis (vastausaste 61 %). Koulutus kohdistetaan Teamsin ja M365:n perustaitoihin."
    ),
    "r23_print_scan_study": (
        "Selvitys valmis: tulostimia vähennetään kolmanneksella ja siirrytään keskitettyyn "
        "tulostuspalveluun."
    ),
    "r23_map_imagery_study": "Selvitys valmis: ilmakuvaus hankitaan yhdessä naapurikuntien kanssa.",
    "r23_map_feedback_channel": "Päätettiin toteuttaa palautekanava osana karttapalvelua.",
    "r23_demand_transport_study": (
        "Selvitys lopetettiin: seudullinen liikennehanke kattaa kutsuliikenteen tarpeen."
    ),
    "r26_accessibility_audit": (
        "Auditointi valmis: 14 korjattavaa kohtaa, korjaukset sisältyvät sivustouudistukseen."
    ),
}

DECISIONS = {
    "2023Q1": "Seuranta aloitettiin. Seurantakokoukset pidetään kunkin vuosineljänneksen lopussa.",
    "2023Q2": "Johdon tietotarvekartoitus hyväksyttiin tietovaraston määrittelyn pohjaksi.",
    "2023Q4": "Väliraportti 2023 hyväksyttiin vietäväksi kaupunginhallitukselle.",
    "2024Q2": "Tiekartan puolivälin päivitys hyväksyttiin.",
    "2024Q3": "Kutsuliikenteen selvitys lopetettiin; seudullinen hanke kattaa tarpeen.",
    "2024Q4": (
        "Väliraportti 2024 hyväksyttiin. Kokoustilavarausten käyttöönotto siirrettiin "
        "resurssisyistä."
    ),
    "2025Q2": (
        "Tiekartan uusiminen käynnistettiin: kyselyt asukkaille, henkilöstölle ja päättäjille."
    ),
    "2025Q4": (
        "Tiekartta 2026–2028 hyväksyttiin. Keskeneräiset tehtävät siirretään uudelle kaudelle."
    ),
    "2026Q1": "Uuden kauden seuranta aloitettiin; siirtyneille tehtäville vahvistettiin vastuut.",
    "2026Q2": "Kaupunkisovelluksen uudistukselle myönnettiin lisäaikaa syyskuun loppuun.",
    "2026Q3": (
        "Tietovaraston laajennus on riskissä: lisäresursseja haetaan vuoden 2027 talousarvioon."
    ),
}

NO_DECISIONS = "Ei erillisiä päätöksiä; seuranta jatkuu."

PROGRESS_NOTES = [
    "Edennyt suunnitellusti.",
    "Toimittajan kanssa sovittu aikataulu pitää.",
    "Määrittelyt tarkentuneet, toteutus käynnissä.",
    "Pilotointi käynnissä yhdessä yksikössä.",
    "Resurssipula hidastanut etenemistä.",
    "Käyttäjien koulutus aloitettu.",
    "Odottaa tietojärjestelmätoimittajan päivitystä.",
    "Testaus käynnissä, palaute hyvää.",
]
POSTPONED_NOTE = "Siirretty: resurssit eivät riittäneet tälle kaudelle."
DONE_NOTES = ["Valmis ja otettu käyttöön.", "Valmis; jatkuu osana normaalia toimintaa."]
GROUP = [
    "cio",
    "development_director",
    "hr_director",
    "finance_director",
    "technical_director",
    "communications_manager",
    "service_manager",
    "records_secretary",
    "museum_director",
    "library_director",
    "principal",
    "it_support",
    "daycare_director",
    "food_service_manager",
    "sports_coordinator",
    "building_inspector",
    "business_director",
    "project_coordinator",
]


def review_minutes(recorded: int) -> str:
    """A closed meeting's minutes, in the words the demo's CIO writes them."""
    return (
        f"Digiryhmä kävi läpi {recorded} tehtävän tilanteen. Tietohallintojohtaja esitteli "
        "kokonaisvalmiusasteen ja myöhässä olevat tehtävät."
    )


def meeting_date(quarter: Quarter) -> datetime.date:
    """A Tuesday about two weeks before the quarter ends."""
    day = quarter.last_day - datetime.timedelta(days=12)
    return day - datetime.timedelta(days=(day.weekday() - 1) % 7)


@transaction.atomic
def add_follow_up_history(
    roadmap: Roadmap,
    data: RoadmapData,
    people: dict[str, Person],
    users: dict[str, User],
    today: datetime.date,
    *,
    actor: Actor = DEMO,
) -> bool:
    """Reviews and entries for the roadmap, unless it already has some. Returns whether added."""
    if Review.objects.filter(roadmap=roadmap).exists():
        return False
    tasks = {task.title: task for task in Task.objects.filter(roadmap=roadmap)}
    items = [(item, tasks[item["title"]]) for theme in data["themes"] for item in theme["tasks"]]
    last = min(roadmap.last_quarter, LAST_CLOSED_REVIEW, Quarter.of_date(today))
    paths = {item["key"]: _path(item, roadmap, last) for item, _task in items}
    group = [people[key] for key in GROUP if key in people]
    _date_the_plan(roadmap)
    for quarter in quarter_range(roadmap.first_quarter, last):
        _hold_review(roadmap, quarter, items, paths, group, _as(users.get("cio"), actor))
    current = Quarter.of_date(today)
    if roadmap.contains_quarter(current) and current > last:
        updates = [(item, task) for item, task in items if item["key"] in OWNER_UPDATES_2026Q4]
        for days_ago, (item, task) in enumerate(reversed(updates), start=1):
            completion, status, note = OWNER_UPDATES_2026Q4[item["key"]]
            # Entered over the days before the demo's today, within the quarter.
            entered = timezone.make_aware(
                datetime.datetime.combine(
                    max(current.first_day, today - datetime.timedelta(days=days_ago)),
                    datetime.time(9, 15),
                )
            )
            with _dated(roadmap, entered):
                entry = services.record_progress(
                    actor=_author(task, users, actor),
                    task=task,
                    quarter=str(current),
                    completion=completion,
                    status=status,
                    note=note,
                    today=today,
                )
                ProgressEntry.objects.filter(pk=entry.pk).update(recorded_at=entered)
    return True


def _author(task: Task, users: dict[str, User], fallback: Actor) -> Actor:
    """An owner's update is entered by the owner; for an owner without a user account, by the
    CIO, who collects the digital group's updates."""
    owner_user = task.owner.user
    if owner_user is not None:
        return Actor.for_user(owner_user)
    return _as(users.get("cio"), fallback)


@contextmanager
def _dated(roadmap: Roadmap, when: datetime.datetime) -> Iterator[None]:
    """The task history written inside is dated `when`: the services stamp their rows with the
    loading time, and these updates date them "as it happened" afterwards, changing nothing
    else, so they need not go through a service."""
    history = _task_history_model().objects.filter(roadmap_id=roadmap.pk)
    first_new = (history.aggregate(last=Max("history_id"))["last"] or 0) + 1
    yield
    history.filter(history_id__gte=first_new).update(history_date=when)


def _as(user: User | None, fallback: Actor) -> Actor:
    """The demo user as the actor, or the fallback where the organisation has none."""
    return Actor.for_user(user) if user is not None else fallback


def _date_the_plan(roadmap: Roadmap) -> None:
    """The roadmap, its themes and tasks were written a month before the period began, not when
    the demo was loaded: the interim report's "changes to the plan" then start from the plan."""
    drafted = timezone.make_aware(
        datetime.datetime.combine(
            roadmap.first_quarter.first_day - datetime.timedelta(days=30), datetime.time(9)
        )
    )
    # Backdating only, so outside the services: the rows they wrote just get their demo dates.
    # Only the rows written since the roadmap was made by this load: a revision of the plan
    # (tiekartta.plans.demo) has dated its own already.
    written_from = Roadmap.objects.get(pk=roadmap.pk).created_at
    Roadmap.objects.filter(pk=roadmap.pk).update(created_at=drafted)
    roadmap.created_at = drafted
    _task_history_model().objects.filter(
        roadmap_id=roadmap.pk, history_date__gte=written_from
    ).update(history_date=drafted)
    # The roadmap and its themes were written with the tasks; an archiving dated after the
    # period would otherwise come before the roadmap's own creation.
    Roadmap.history.filter(id=roadmap.pk, history_type="+").update(history_date=drafted)  # type: ignore[attr-defined]
    Theme.history.filter(roadmap_id=roadmap.pk).update(history_date=drafted)  # type: ignore[attr-defined]


def _task_history_model() -> Any:
    return Task.history.model  # type: ignore[attr-defined]


def set_demo_review_date(organisation_id: int, *, actor: Actor = DEMO) -> None:
    """The coming review meeting, unless the organisation already has follow-up settings
    (which an admin may have changed since): the other settings keep their defaults."""
    if FollowUpSettings.objects.filter(organisation_id=organisation_id).exists():
        return
    defaults = FollowUpSettings()
    services.save_follow_up_settings(
        actor=actor,
        organisation=Organisation.objects.get(pk=organisation_id),
        risk_margin=defaults.risk_margin,
        next_review_date=DEMO_NEXT_REVIEW,
        reminder_days_before=14,
        sign_in_link_hours=defaults.sign_in_link_hours,
    )


def _hold_review(
    roadmap: Roadmap,
    quarter: Quarter,
    items: list[tuple[TaskData, Task]],
    paths: dict[str, dict[Quarter, tuple[int, str, str]]],
    group: list[Person],
    chair: Actor,
) -> None:
    rng = random.Random(f"{roadmap.slug}-{quarter}")  # noqa: S311  # nosec B311  # demo data
    attendees = rng.sample(group, k=min(len(group), rng.randint(9, 13)))
    # The task history written during this meeting is dated to the meeting afterwards.
    history = _task_history_model().objects.filter(roadmap_id=roadmap.pk)
    first_new = (history.aggregate(last=Max("history_id"))["last"] or 0) + 1
    review = services.open_review(
        actor=chair,
        roadmap=roadmap,
        quarter=str(quarter),
        meeting_date=meeting_date(quarter),
        attendees=attendees,
        today=quarter.last_day,
    )
    recorded = 0
    for item, task in items:
        state = paths[item["key"]].get(quarter)
        if state is None:
            continue
        completion, status, note = state
        services.record_progress(
            actor=chair,
            task=task,
            quarter=str(quarter),
            completion=completion,
            status=status,
            note=note,
            review=review,
            today=quarter.last_day,
        )
        recorded += 1
    services.update_review_details(
        actor=chair,
        review=review,
        expected_version=review.version,
        meeting_date=review.meeting_date,
        attendees=attendees,
        minutes=review_minutes(recorded),
        decisions=DECISIONS.get(str(quarter), NO_DECISIONS),
    )
    services.close_review(actor=chair, review=review)
    held = timezone.make_aware(
        datetime.datetime.combine(review.meeting_date, datetime.time(14, 30))
    )
    # The meeting happened on its date, not when the demo was loaded. The services stamp
    # their rows with the loading time; these updates date them "as it happened" afterwards
    # and change nothing else, so they need not go through a service.
    ProgressEntry.objects.filter(review=review).update(recorded_at=held)
    history.filter(history_id__gte=first_new).update(history_date=held)
    Review.objects.filter(pk=review.pk).update(closed_at=held + datetime.timedelta(hours=1))


def _path(item: TaskData, roadmap: Roadmap, last: Quarter) -> dict[Quarter, tuple[int, str, str]]:
    """The task's state at each review up to `last`: (completion, status, note)."""
    key = item["key"]
    return follow_up_path(
        key,
        start=item["start"],
        due=item["due"],
        status=item["status"],
        first_quarter=roadmap.first_quarter,
        last=last,
        final=STATE_2026Q3.get(key),
        early=key in DONE_EARLY,
    )


def follow_up_path(
    key: str,
    *,
    start: str,
    due: str,
    status: str,
    first_quarter: Quarter,
    last: Quarter,
    final: int | None = None,
    early: bool = False,
) -> dict[Quarter, tuple[int, str, str]]:
    """A task's state at each review up to `last`: (completion, status, note), from its planned
    start (or the roadmap's `first_quarter`) to the `status` it ends in, at a pace seeded by
    `key`. A task still open at `last` ends at `final` per cent (else a random 35–70); a done
    one finishes at its due quarter or up to two later, one quarter before it when `early`.
    Shared by the demo and the benchmarks' load data (tiekartta.demo.load_data)."""
    rng = random.Random(key)  # noqa: S311  # nosec B311  # demo data, not security
    start_quarter = Quarter.parse(start or due)
    due_quarter = Quarter.parse(due or start)
    first = max(start_quarter, first_quarter)
    if status == Status.PLANNED or first > last:
        return {}
    if status == Status.DONE:
        shift = -1 if early else rng.choice([0, 0, 0, 1, 2])
        end = Quarter.from_index(min(max(due_quarter.index + shift, first.index), last.index))
        final = 100
    elif final is not None:
        end = last
    elif status == Status.CANCELLED:
        end, final = min(due_quarter, last), rng.randint(20, 40)
    elif status == Status.POSTPONED:
        end, final = min(due_quarter, last), rng.randint(0, 15)
    else:
        end, final = last, rng.randint(35, 70)
    quarters = list(quarter_range(first, end))
    curve = rng.uniform(0.8, 1.4)
    path: dict[Quarter, tuple[int, str, str]] = {}
    previous = 0
    for index, quarter in enumerate(quarters):
        share = (index + 1) / len(quarters)
        completion = max(previous, round(final * share**curve))
        previous = completion
        state: str = Status.IN_PROGRESS if completion else Status.PLANNED
        note = rng.choice(PROGRESS_NOTES) if completion else "Ei vielä aloitettu."
        if index == len(quarters) - 1:
            completion, state = final, status
            if status == Status.DONE:
                note = DECISION_NOTES.get(key, rng.choice(DONE_NOTES))
            elif status in (Status.CANCELLED, Status.POSTPONED):
                note = DECISION_NOTES.get(key, POSTPONED_NOTE)
        path[quarter] = (completion, state, note)
    return path
