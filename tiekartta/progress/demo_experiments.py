"""The demo's experiments (kokeilut): three pilots of the finished 2023–2025 roadmap with their
results, lessons and decisions (one scaled up, one continued, one stopped) and one open
experiment in the 2026–2028 roadmap, still waiting for its result.

Written through the service as the task's owner (the CIO for an owner without a user account,
or the system actor "Demo"), twice each as it happened: the plan when the pilot began, then
the result and the decision at the review meeting that made it; the history rows are dated
so. A finished roadmap is archived only after the demo is in (demo.loader), and an archived
roadmap or a task that is not a pilot (a demo database loaded before) is left as it is.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tiekartta.accounts.models import Organisation, User
from tiekartta.core.actors import Actor
from tiekartta.core.quarters import Quarter
from tiekartta.progress.demo import DEMO, meeting_date
from tiekartta.progress.experiments import ExperimentInput, save_experiment
from tiekartta.progress.models import Decision, Experiment
from tiekartta.roadmap.demo_data import ORGANISATIONS
from tiekartta.roadmap.models import Kind, Roadmap, Task

DEMO_ORGANISATION = "kankaanpaa-demo"
CIO_USERNAME = "demo-admin"


@dataclass(frozen=True)
class DemoExperiment:
    roadmap: str
    task_key: str
    hypothesis: str
    success_criteria: str
    starts: str
    ends: str
    result: str = ""
    lesson: str = ""
    decision: str = Decision.NONE
    # The review meeting of this quarter decided it.
    decided_in: str = ""


EXPERIMENTS = (
    DemoExperiment(
        roadmap="2023-2025",
        task_key="r23_fault_notifications",
        hypothesis=(
            "Kun vesihuollon häiriöstä tiedotetaan tekstiviestillä vain niille, joita vika "
            "koskee, asukkaat tietävät katkoksesta ajoissa ja vesihuoltolaitokselle soitetaan "
            "häiriön aikana vähemmän."
        ),
        success_criteria=(
            "Vähintään 80 % häiriöalueen talouksista saa viestin 30 minuutin kuluessa, "
            "häiriönaikaiset puhelut vähenevät kolmanneksella ja yli puolet kyselyyn "
            "vastanneista pitää viestejä hyödyllisinä."
        ),
        starts="2023Q2",
        ends="2023Q4",
        result=(
            "Viestit lähetettiin 11 häiriöstä. 86 % talouksista sai viestin 20 minuutin "
            "kuluessa, ja puhelut vesihuoltolaitokselle vähenivät noin 40 %. Kyselyyn "
            "vastanneista 72 % piti viestejä hyödyllisinä."
        ),
        lesson=(
            "Suurin työ oli puhelinnumeroiden yhdistäminen osoitteisiin: tiedot kannattaa "
            "kerätä valmiiksi ennen laajentamista. Viestin on kerrottava arvioitu korjausaika."
        ),
        decision=Decision.SCALE_UP,
        decided_in="2023Q4",
    ),
    DemoExperiment(
        roadmap="2023-2025",
        task_key="r23_invoice_checking",
        hypothesis=(
            "Säännölliset ostolaskut (vuokrat, energia, lisenssit) voidaan tarkastaa "
            "automaattisesti tilaus- ja sopimustietoja vasten, jolloin tarkastajien käsityö "
            "vähenee."
        ),
        success_criteria=(
            "Vähintään puolet säännöllisistä laskuista kulkee tarkastuksen läpi ilman "
            "käsityötä, eikä yhtään virheellistä maksua synny."
        ),
        starts="2023Q2",
        ends="2024Q1",
        result=(
            "Noin 35 % säännöllisistä laskuista kulki tarkastuksen läpi automaattisesti, eikä "
            "virheellisiä maksuja syntynyt. Loput pysähtyivät puutteellisiin sopimustietoihin."
        ),
        lesson=(
            "Automaatio on vain yhtä hyvä kuin sopimusrekisteri: sopimustiedot korjataan "
            "ennen kuin automaatiota laajennetaan ohjelmistorobotiikalla."
        ),
        decision=Decision.CONTINUE,
        decided_in="2024Q1",
    ),
    DemoExperiment(
        roadmap="2023-2025",
        task_key="r23_demand_transport_study",
        hypothesis=(
            "Kutsuohjattu joukkoliikenne korvaa harvaan ajetut vuorot ja palvelee haja-"
            "asutusalueen asukkaita nykyistä paremmin samoin kustannuksin."
        ),
        success_criteria=(
            "Kokeilualueella vähintään 15 matkaa arkipäivässä, ja matkan kustannus on enintään "
            "nykyisten vuorojen tasolla."
        ),
        starts="2024Q1",
        ends="2024Q3",
        result=(
            "Kokeilua ei käynnistetty: kutsuliikenteen suunnittelu siirtyi seudulliseksi "
            "yhteistyöksi, ja seudullinen liikennehanke kattaa saman tarpeen."
        ),
        lesson=(
            "Liikennekokeilu suunnitellaan seudullisesti alusta asti. Kaupungin kokoamat tiedot "
            "matkustustarpeista annettiin seudullisen hankkeen käyttöön."
        ),
        decision=Decision.STOP,
        decided_in="2024Q3",
    ),
    DemoExperiment(
        roadmap="2026-2028",
        task_key="r26_ai_assistant_pilot",
        hypothesis=(
            "Verkkosivujen tekoälyavustaja vastaa yleisimpiin kysymyksiin ja ohjaa oikeaan "
            "palveluun, jolloin yleisiä asioita koskevat puhelut ja sähköpostit asiakaspalveluun "
            "vähenevät."
        ),
        success_criteria=(
            "Vähintään 60 % keskusteluista päättyy ilman siirtoa asiakaspalveluun, yleisiä "
            "asioita koskevat yhteydenotot vähenevät viidenneksellä, eikä avustaja anna "
            "virheellistä tietoa palveluista (otantatarkastus kuukausittain)."
        ),
        starts="2026Q2",
        ends="2027Q1",
    ),
)


def _titles() -> dict[tuple[str, str], str]:
    """(roadmap slug, task key) → the task's title, from the demo's data."""
    found = {}
    for organisation in ORGANISATIONS:
        if organisation["slug"] != DEMO_ORGANISATION:
            continue
        for roadmap in organisation["roadmaps"]:
            for theme in roadmap["themes"]:
                for task in theme["tasks"]:
                    found[(roadmap["slug"], task["key"])] = task["title"]
    return found


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))


def _writer(task: Task, cio: User | None) -> Actor:
    """The task's owner writes their pilot's experiment; the CIO one whose owner has no user
    account; the system actor "Demo" where neither is there."""
    if task.owner.user is not None:
        return Actor.for_user(task.owner.user)
    return Actor.for_user(cio) if cio is not None else DEMO


@transaction.atomic
def add_demo_experiments() -> list[str]:
    organisation = Organisation.objects.filter(slug=DEMO_ORGANISATION).first()
    if organisation is None:
        return []
    roadmaps = {r.slug: r for r in Roadmap.objects.filter(organisation=organisation)}
    titles = _titles()
    cio = User.objects.filter(username=CIO_USERNAME).first()
    history: Any = Experiment.history  # type: ignore[attr-defined]
    added = []
    for item in EXPERIMENTS:
        roadmap = roadmaps.get(item.roadmap)
        if roadmap is None or roadmap.is_archived:
            continue  # an archived roadmap takes no writes
        task = (
            Task.objects.filter(roadmap=roadmap, title=titles[(item.roadmap, item.task_key)])
            .select_related("owner__user", "roadmap")
            .first()
        )
        if task is None or task.kind != Kind.PILOT or Experiment.objects.filter(task=task).exists():
            continue
        writer = _writer(task, cio)
        planned = ExperimentInput(
            hypothesis=item.hypothesis,
            success_criteria=item.success_criteria,
            starts=item.starts,
            ends=item.ends,
        )
        experiment = save_experiment(actor=writer, task=task, data=planned)
        rows = history.filter(id=experiment.pk)
        # Backdating only: the plan was written when the pilot began.
        rows.update(history_date=_at(Quarter.parse(item.starts).first_day))
        if item.decision:
            decided_on = meeting_date(Quarter.parse(item.decided_in))
            planned_row = rows.aggregate(last=Max("history_id"))["last"]
            decided = dataclasses.replace(
                planned,
                result=item.result,
                lesson=item.lesson,
                decision=item.decision,
                decided_at=decided_on,
            )
            save_experiment(actor=writer, task=task, data=decided)
            # Backdating only, so outside the service: the row it wrote gets its demo date.
            rows.filter(history_id__gt=planned_row).update(history_date=_at(decided_on))
        added.append(f"{roadmap.title}: experiment of {task.title}")
    return added
