"""The demo's maturity assessments: Kankaanpää's viewpoints, assessed in the autumn 2022
workshops before the 2023–2025 roadmap, again at mid-term in 2024 and at the renewal in 2025,
and a smaller set for Esimerkkilä. Everything goes through the services and is dated as it
happened, like the rest of the demo. Safe to run again: only what is missing is created.

The viewpoints and assessments are attributed to the organisation's first admin, as if they
had entered them; an organisation without one gets `actor` (by default the system actor
"Demo").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tiekartta.accounts.models import Membership, Organisation, Role, User
from tiekartta.core.actors import Actor
from tiekartta.maturity import services
from tiekartta.maturity.models import Assessment, Score, Stage, Viewpoint
from tiekartta.roadmap.models import Roadmap, Task

Level = tuple[int | None, int | None, str]  # current, target, note

DEMO = Actor.system("Demo")


@dataclass(frozen=True)
class ViewpointData:
    name: str
    description: str
    keywords: tuple[str, ...]  # parts of the titles of the tasks that raise this viewpoint
    since: datetime.date  # when the viewpoint was defined


@dataclass(frozen=True)
class AssessmentData:
    title: str
    assessed_on: datetime.date
    stage: str
    roadmap: str  # slug
    notes: str
    levels: dict[str, Level] = field(default_factory=dict)  # by viewpoint name


@dataclass(frozen=True)
class MaturityData:
    roadmaps: tuple[str, ...]  # slugs whose tasks are linked
    viewpoints: tuple[ViewpointData, ...]
    assessments: tuple[AssessmentData, ...]


WORKSHOPS_2022 = datetime.date(2022, 11, 1)
MID_TERM_2024 = datetime.date(2024, 10, 1)

STRATEGY = "Strategia ja johtaminen"
ESERVICES = "Asiakkaiden sähköiset palvelut"
KNOWLEDGE = "Tiedolla johtaminen"
PROCESSES = "Prosessit ja automaatio"
ARCHITECTURE = "Arkkitehtuuri ja integraatiot"
SECURITY = "Tietoturva ja tietosuoja"
SKILLS = "Henkilöstön digiosaaminen"
SUPPORT = "Asukkaiden digituki"
TOOLS = "Työvälineet ja infrastruktuuri"

KANKAANPAA = MaturityData(
    roadmaps=("2023-2025", "2026-2028"),
    viewpoints=(
        ViewpointData(
            STRATEGY,
            "Digitalisaatio on osa kaupungin strategiaa; digiryhmä ohjaa ja seuraa tiekarttaa.",
            ("Digitiekartan", "Johdon ja elinkeinopalvelujen"),
            WORKSHOPS_2022,
        ),
        ViewpointData(
            ESERVICES,
            "Asiointi on sähköistä alusta loppuun, ajasta ja paikasta riippumatta.",
            (
                "Asiointipalvelujen kehittäminen",
                "Sähköinen ilmoittautuminen",
                "Yhtenäiset maksuvaihtoehdot",
                "kaupunkisovellu",
                "saavutettavuusarviointi",
                "Varhaiskasvatuksen hakemusten",
            ),
            WORKSHOPS_2022,
        ),
        ViewpointData(
            KNOWLEDGE,
            "Päätökset perustuvat ajantasaiseen tietoon, joka kootaan tietovarastoon.",
            (
                "Tietovaraston",
                "Taloushallinnon raportoinnin",
                "johtamisen näkymät",
                "energiankulutustiedot",
                "Avoimen datan",
            ),
            WORKSHOPS_2022,
        ),
        ViewpointData(
            PROCESSES,
            "Rutiininomainen ja manuaalinen työ automatisoidaan.",
            (
                "Ostolaskujen tarkastamisen",
                "Laskujen tiliöintien",
                "dokumenttien siirron automatisointi",
                "Kokoustilojen",
                "Ohjelmistorobotiikan",
            ),
            WORKSHOPS_2022,
        ),
        ViewpointData(
            ARCHITECTURE,
            "Järjestelmät ja tiedot on kuvattu kokonaisarkkitehtuurissa ja ne keskustelevat.",
            (
                "Kokonaisarkkitehtuurijärjestelmän",
                "Arkistointijärjestelmän",
                "Primuksen ja Wilman",
                "Verkkotietopisteeseen",
                "Verkkotietopisteen",
            ),
            WORKSHOPS_2022,
        ),
        ViewpointData(
            SECURITY,
            "Tietoturva ja tietosuoja ovat sisäänrakennettuina kaikessa digitalisaatiossa.",
            (
                "Suomi.fi-tunnistautumisen",
                "Kyber- ja digiturvahankkeen",
                "NIS2",
                "Tietoturvakoulutus",
                "palautumisharjoitus",
            ),
            WORKSHOPS_2022,
        ),
        ViewpointData(
            SKILLS,
            "Henkilöstöllä on työnsä vaatimat digitaidot, ja koulutus perustuu tarpeisiin.",
            ("Henkilöstön digikoulutu", "Microsoft 365", "Tekoälyn käytön ohjeistus"),
            WORKSHOPS_2022,
        ),
        ViewpointData(
            SUPPORT,
            "Kuntalaiset saavat apua sähköiseen asiointiin ja laitteiden käyttöön.",
            ("Digituen tiedot", "asiakkaiden digituki", "digitukipäivät"),
            WORKSHOPS_2022,
        ),
        ViewpointData(
            TOOLS,
            "Laitteet, verkot ja etäluettavat mittarit tukevat palveluja luotettavasti.",
            (
                "tulostuksen ja skannauksen",
                "Vedenkulutuksen etäseurannan",
                "Vuotohälytysten",
                "Laitteiden kunnonseurannan",
            ),
            MID_TERM_2024,
        ),
    ),
    assessments=(
        AssessmentData(
            "Lähtötaso 2022",
            datetime.date(2022, 11, 15),
            Stage.BASELINE,
            "2023-2025",
            "Digiryhmän työpajoissa syksyllä 2022 arvioitu lähtötaso ja tavoitetaso kaudelle "
            "2023–2025. Arvio pohjautuu Pohjois-Satakunnan digitalisaatiohankkeen kyselyihin.",
            {
                STRATEGY: (2, 4, "Digiryhmä perustettu, tiekartta työn alla."),
                ESERVICES: (2, 4, "Lomakkeita verkossa, mutta käsittely paperilla."),
                KNOWLEDGE: (1, 4, "Tieto hajallaan järjestelmissä, raportit käsin."),
                PROCESSES: (2, 3, ""),
                ARCHITECTURE: (
                    2,
                    3,
                    "Kokonaisarkkitehtuurijärjestelmä hankittu, vähällä käytöllä.",
                ),
                SECURITY: (3, 4, ""),
                SKILLS: (2, 3, "Koulutustarpeita ei ole kartoitettu."),
                SUPPORT: (1, 3, "Digitukea saa, mutta tieto siitä on hajallaan."),
            },
        ),
        AssessmentData(
            "Väliarvio 2024",
            datetime.date(2024, 10, 15),
            Stage.MID_TERM,
            "2023-2025",
            "Väliarvio digitiekartan päivityksen yhteydessä. Näkökulma työvälineet ja "
            "infrastruktuuri lisättiin arvioon.",
            {
                STRATEGY: (3, 4, "Neljännesvuosiseuranta vakiintunut."),
                ESERVICES: (2, 4, "Sähköinen ilmoittautuminen käytössä, maksaminen kesken."),
                KNOWLEDGE: (2, 4, "Tietovarasto määritelty, rakentaminen alkanut."),
                PROCESSES: (2, 3, "Ostolaskujen tarkastus automatisoitu."),
                ARCHITECTURE: (2, 3, ""),
                SECURITY: (3, 4, "Suomi.fi-tunnistautuminen käytössä."),
                SKILLS: (3, 4, "Digikoulutukset aloitettu kyselyn pohjalta."),
                SUPPORT: (2, 3, "Digituen tiedot koottu verkkosivuille."),
                TOOLS: (3, 4, "Etäluettavat vesimittarit laajenevat."),
            },
        ),
        AssessmentData(
            "Uudistamisen arvio 2025",
            datetime.date(2025, 11, 20),
            Stage.RENEWAL,
            "2026-2028",
            "Arvioitu digitiekartan uudistamisen yhteydessä; tavoitetasot kaudelle 2026–2028.",
            {
                STRATEGY: (4, 5, "Tiekartta on osa talousarvion valmistelua."),
                ESERVICES: (3, 4, "Kaupunkisovellus käytössä, saavutettavuudessa puutteita."),
                KNOWLEDGE: (3, 4, "Talous- ja henkilöstötiedot tietovarastossa."),
                PROCESSES: (3, 4, "Tiliöinnit ja kokoustilavaraukset automatisoitu."),
                ARCHITECTURE: (2, 4, "Integraatiot yhä pistemäisiä; arkisto otettu käyttöön."),
                SECURITY: (3, 5, "NIS2-vaatimukset edellyttävät hallintamallia."),
                SKILLS: (3, 4, "Tekoälyn käyttöön tarvitaan ohjeet."),
                SUPPORT: (3, 4, "Kirjaston digituki vakiintunut."),
                TOOLS: (4, 4, ""),
            },
        ),
    ),
)

ESIMERKKILA = MaturityData(
    roadmaps=("2024-2026",),
    viewpoints=(
        ViewpointData(
            "Sähköinen asiointi",
            "Yleisimmät asiat hoituvat verkossa.",
            ("lomakkeiden", "iltapäivätoiminnan", "chat-palvelun"),
            datetime.date(2024, 1, 20),
        ),
        ViewpointData(
            "Asukkaiden digituki",
            "Digitukea saa kirjastosta ja kotiin.",
            ("digitukipiste", "digituki kotikäynteinä"),
            datetime.date(2024, 1, 20),
        ),
        ViewpointData(
            "Tietoturva",
            "Tunnistautuminen ja henkilöstön tietoturvaosaaminen.",
            ("tunnistautumisen", "tietoturvakoulutus"),
            datetime.date(2024, 1, 20),
        ),
        ViewpointData(
            "Johtaminen ja strategia",
            "Digitalisaatio näkyy kuntastrategiassa.",
            (),
            datetime.date(2024, 1, 20),
        ),
    ),
    assessments=(
        AssessmentData(
            "Lähtötaso 2024",
            datetime.date(2024, 2, 12),
            Stage.BASELINE,
            "2024-2026",
            "Kunnan johtoryhmän arvio tiekartan alussa.",
            {
                "Sähköinen asiointi": (2, 4, "Lomakkeet tulostetaan ja skannataan."),
                "Asukkaiden digituki": (1, 3, ""),
                "Tietoturva": (2, 4, "Monivaiheinen tunnistautuminen puuttuu."),
                "Johtaminen ja strategia": (2, 3, ""),
            },
        ),
    ),
)

DEMO_DATA = {"kankaanpaa-demo": KANKAANPAA, "esimerkkila-demo": ESIMERKKILA}


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _drafted(roadmap: Roadmap) -> datetime.date:
    """As the roadmap demo dates its plans: a month before the period begins."""
    return roadmap.first_quarter.first_day - datetime.timedelta(days=30)


def _date_last_history(model: Any, when: datetime.datetime) -> None:
    """The row the service just wrote happened on the demo's date, not at loading time (only
    the date changes, so this stays outside the services)."""
    last = model.objects.aggregate(last=Max("history_id"))["last"]
    model.objects.filter(history_id=last).update(history_date=when)


def _admin_of(organisation: Organisation) -> User | None:
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


@transaction.atomic
def add_demo_maturity(organisation_slug: str, *, actor: Actor = DEMO) -> list[str]:
    """Create the demo viewpoints and assessments the organisation does not have yet;
    returns what was created, for the loader's log."""
    data = DEMO_DATA.get(organisation_slug)
    organisation = Organisation.objects.filter(slug=organisation_slug).first()
    if data is None or organisation is None:
        return []
    admin = _admin_of(organisation)
    if admin is not None:
        actor = Actor.for_user(admin)
    roadmaps = {
        r.slug: r for r in Roadmap.objects.filter(organisation=organisation, slug__in=data.roadmaps)
    }
    tasks = list(
        Task.objects.filter(roadmap__in=roadmaps.values()).select_related("roadmap").order_by("pk")
    )
    created: list[str] = []
    viewpoints = {v.name.casefold(): v for v in Viewpoint.objects.of_organisation(organisation)}
    for item in data.viewpoints:
        if item.name.casefold() in viewpoints:
            continue
        viewpoints[item.name.casefold()] = _viewpoint(organisation, item, tasks, actor)
        created.append(f"{organisation.name}: {item.name}")
    existing = {
        title.casefold()
        for title in Assessment.objects.of_organisation(organisation).values_list(
            "title", flat=True
        )
    }
    for assessment in data.assessments:
        if assessment.title.casefold() in existing:
            continue
        _assessment(organisation, assessment, viewpoints, roadmaps, actor)
        created.append(f"{organisation.name}: {assessment.title}")
    return created


def _viewpoint(
    organisation: Organisation, item: ViewpointData, tasks: list[Task], actor: Actor
) -> Viewpoint:
    """Linked first to the roadmaps already drafted when it was defined; the links to a
    later roadmap are added when that roadmap was drafted."""
    keywords = [k.casefold() for k in item.keywords]
    matching = [t for t in tasks if any(k in t.title.casefold() for k in keywords)]
    history = Viewpoint.history.model  # type: ignore[attr-defined]
    earlier = [t for t in matching if _drafted(t.roadmap) <= item.since]
    viewpoint = services.create_viewpoint(
        actor=actor,
        organisation=organisation,
        name=item.name,
        description=item.description,
        tasks=earlier,
    )
    _date_last_history(history, _moment(item.since, 10))
    later: dict[datetime.date, list[Task]] = {}
    for task in matching:
        if task not in earlier:
            later.setdefault(_drafted(task.roadmap), []).append(task)
    linked = list(earlier)
    for drafted in sorted(later):
        linked += later[drafted]
        services.update_viewpoint(
            actor=actor,
            viewpoint=viewpoint,
            name=viewpoint.name,
            description=viewpoint.description,
            order=viewpoint.order,
            tasks=linked,
        )
        _date_last_history(history, _moment(drafted, 10))
    return viewpoint


def _assessment(
    organisation: Organisation,
    item: AssessmentData,
    viewpoints: dict[str, Viewpoint],
    roadmaps: dict[str, Roadmap],
    actor: Actor,
) -> None:
    scores = [
        services.ScoreInput(viewpoints[name.casefold()], current, target, note)
        for name, (current, target, note) in item.levels.items()
    ]
    assessment = services.create_assessment(
        actor=actor,
        organisation=organisation,
        data=services.AssessmentInput(
            title=item.title,
            assessed_on=item.assessed_on,
            stage=item.stage,
            roadmap=roadmaps.get(item.roadmap),
            notes=item.notes,
            scores=scores,
        ),
    )
    # Recorded on the day of the assessment, not when the demo was loaded. Backdating only,
    # so outside the services: the rows they wrote get the demo's dates.
    when = _moment(item.assessed_on, 15)
    Assessment.objects.filter(pk=assessment.pk).update(created_at=when)
    Assessment.history.filter(id=assessment.pk).update(history_date=when)  # type: ignore[attr-defined]
    Score.history.filter(assessment_id=assessment.pk).update(history_date=when)  # type: ignore[attr-defined]
