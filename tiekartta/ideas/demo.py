"""The demo's ideas for Kankaanpää: what its 2023–2025 roadmap was made from (the seed: the
surveys of residents, employees and elected officials, the Toiveiden tynnyri ideation meeting and
the digital group's workshops by theme in autumn 2022), some accepted into the roadmap's tasks,
some merged, parked or rejected with their reasons, and a few new ones from 2026 waiting for the
group. Everything goes through the services; the decisions are then dated when the group made
them (December 2022), not when the demo was loaded. Safe to run again."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tiekartta.accounts.models import Organisation
from tiekartta.core.actors import Actor
from tiekartta.ideas import services
from tiekartta.ideas.models import Idea, IdeaSource, IdeaStatus, StatusChange
from tiekartta.roadmap.models import Roadmap, Task, Theme

DEMO = Actor.system("Demo")
DEMO_ORGANISATION = "kankaanpaa-demo"
FIRST_ROADMAP = "2023-2025"
CURRENT_ROADMAP = "2026-2028"
DECIDED_AT = datetime.datetime(2022, 12, 14, 14, 0)

RESIDENTS = (IdeaSource.RESIDENT_SURVEY, "Asukaskysely 2022", datetime.date(2022, 6, 30))
EMPLOYEES = (IdeaSource.EMPLOYEE_SURVEY, "Henkilöstökysely 2022", datetime.date(2022, 6, 30))
OFFICIALS = (
    IdeaSource.OFFICIALS_SURVEY,
    "Luottamushenkilökysely 2022",
    datetime.date(2022, 6, 30),
)
BARREL = (IdeaSource.IDEATION, "Toiveiden tynnyri 2022", datetime.date(2022, 8, 24))
SERVICES_WORKSHOP = (
    IdeaSource.WORKSHOP,
    "Työpaja: asiakkaiden sähköiset palvelut, syksy 2022",
    datetime.date(2022, 10, 5),
)
KNOWLEDGE_WORKSHOP = (
    IdeaSource.WORKSHOP,
    "Työpaja: tiedolla johtaminen, syksy 2022",
    datetime.date(2022, 10, 19),
)
PUBLIC_2026 = (IdeaSource.PUBLIC_FORM, "", datetime.date(2026, 9, 14))
EMPLOYEES_2026 = (IdeaSource.EMPLOYEE_SURVEY, "Henkilöstökysely 2026", datetime.date(2026, 5, 29))

# (title, description, source, proposed by, theme of the first roadmap,
#  decision: ("accept", task title, reason) | ("park"|"reject", reason) | ("merge", title, reason)
#  | None (new), public)
IDEAS: list[
    tuple[str, str, tuple[str, str, datetime.date], str, str, tuple[str, ...] | None, bool]
] = [
    (
        "Harrastuksiin ilmoittautuminen ja maksaminen verkossa",
        "Liikunnan ja kulttuurin kursseille pitäisi voida ilmoittautua ja maksaa netissä "
        "ilman jonottamista.",
        RESIDENTS,
        "asukas",
        "Asiakkaiden sähköiset palvelut",
        (
            "accept",
            "Sähköinen ilmoittautuminen ja maksu harrastuksiin ja tapahtumiin",
            "Otetaan tiekarttaan: useimmin toivottu asia asukaskyselyssä.",
        ),
        True,
    ),
    (
        "Tapahtumien liput ja maksut samalla tavalla kaikkialla",
        "Nyt jokaisessa paikassa maksetaan eri tavalla.",
        RESIDENTS,
        "asukas",
        "Asiakkaiden sähköiset palvelut",
        (
            "accept",
            "Yhtenäiset maksuvaihtoehdot koko kaupungissa",
            "Yhdistetään maksutapojen yhtenäistämiseen koko kaupungissa.",
        ),
        True,
    ),
    (
        "Kaupungin oma mobiilisovellus",
        "Yksi sovellus, josta löytyvät tapahtumat, tiedotteet ja palvelut.",
        BARREL,
        "",
        "Asiakkaiden sähköiset palvelut",
        (
            "accept",
            "Kankaanpään kaupunkisovelluksen käyttöönotto",
            "Pikavoitto: valmis sovellusalusta on tarjolla seudullisesti.",
        ),
        True,
    ),
    (
        "Sovellus, josta näkee kaikki kaupungin tapahtumat",
        "",
        RESIDENTS,
        "asukas",
        "Asiakkaiden sähköiset palvelut",
        ("merge", "Kaupungin oma mobiilisovellus", "Sama toive kuin kaupunkisovelluksessa."),
        True,
    ),
    (
        "Digituen tiedot yhteen paikkaan verkkosivuille",
        "Ikäihmiset eivät tiedä, mistä apua saa.",
        OFFICIALS,
        "valtuutettu",
        "Digituki ja osaaminen",
        (
            "accept",
            "Digituen tiedot keskitetysti verkkosivuille",
            "Toteutetaan verkkosivujen uudistuksen yhteydessä.",
        ),
        True,
    ),
    (
        "Henkilöstölle koulutusta sähköisiin työvälineisiin",
        "Teamsin ja yhteisten tiedostojen käyttö vaihtelee paljon yksiköittäin.",
        EMPLOYEES,
        "työntekijä",
        "Digituki ja osaaminen",
        ("accept", "Henkilöstön digikoulutukset", "Koulutustarpeet selvitetään ensin kyselyllä."),
        False,
    ),
    (
        "Ostolaskut kiertoon ilman käsityötä",
        "Laskujen tarkastus ja hyväksyntä vie paljon aikaa.",
        EMPLOYEES,
        "talouspalvelut",
        "Hallinto ja automaatio",
        (
            "accept",
            "Ostolaskujen tarkastamisen automatisointi",
            "Ohjelmistorobotiikan kokeilu taloushallinnossa.",
        ),
        False,
    ),
    (
        "Johdolle ajantasaiset luvut yhdestä paikasta",
        "Raportit kootaan nyt käsin useasta järjestelmästä.",
        KNOWLEDGE_WORKSHOP,
        "",
        "Tiedolla johtaminen",
        (
            "accept",
            "Tietovaraston määrittely",
            "Tiedolla johtamisen kärkihankkeen ensimmäinen askel.",
        ),
        False,
    ),
    (
        "Kokoustilat varattaviksi sähköisesti",
        "",
        SERVICES_WORKSHOP,
        "",
        "Hallinto ja automaatio",
        ("accept", "Kokoustilojen varausten automatisointi", "Pieni ja nopea toteuttaa."),
        False,
    ),
    (
        "Kaikki lomakkeet sähköisiksi alusta loppuun",
        "Moni sähköinen lomake pitää yhä tulostaa ja allekirjoittaa.",
        SERVICES_WORKSHOP,
        "",
        "Asiakkaiden sähköiset palvelut",
        (
            "accept",
            "Asiointipalvelujen kehittäminen alusta loppuun sähköisiksi",
            "Kärkihanke: asiointi sähköiseksi alusta loppuun.",
        ),
        True,
    ),
    (
        "Chatbot kaupungin verkkosivuille",
        "Vastaisi yleisimpiin kysymyksiin iltaisin ja viikonloppuisin.",
        BARREL,
        "",
        "Asiakkaiden sähköiset palvelut",
        (
            "park",
            "Siirretään seuraavalle kaudelle: tekoälyavustajien hinnat ja tietosuoja "
            "selvitetään ensin.",
        ),
        True,
    ),
    (
        "Kirjaston aukioloajat laajemmiksi omatoimikirjastolla",
        "",
        RESIDENTS,
        "asukas",
        "Sivistys ja kulttuuri",
        (
            "reject",
            "Ei digitalisaatiota: omatoimikirjasto on jo käytössä, ja aukiolot "
            "päättää sivistyslautakunta.",
        ),
        True,
    ),
    (
        "Valtuuston kokousten suora lähetys",
        "",
        OFFICIALS,
        "valtuutettu",
        "Hallinto ja automaatio",
        ("reject", "Kokoukset lähetetään jo verkossa; ei tarvita uutta tehtävää."),
        True,
    ),
    (
        "Vesimittarien lukemat automaattisesti",
        "Asukkaan ei tarvitsisi ilmoittaa lukemaa itse.",
        RESIDENTS,
        "asukas",
        "Tekniset palvelut ja vesihuolto",
        (
            "accept",
            "Vedenkulutuksen etäseurannan laajentaminen",
            "Laajennetaan jo aloitettua etäluentaa.",
        ),
        True,
    ),
    (
        "Tekoälyavustaja asiakaspalveluun",
        "Kokeillaan avustajaa, joka ohjaa asukkaan oikeaan palveluun.",
        PUBLIC_2026,
        "asukas",
        "Asiakkaiden sähköiset palvelut",
        None,
        True,
    ),
    (
        "Sähköinen allekirjoitus sopimuksiin",
        "Sopimukset kiertävät nyt paperilla.",
        EMPLOYEES_2026,
        "hallintopalvelut",
        "Hallinto ja automaatio",
        ("under_review",),
        False,
    ),
    (
        "Koulujen tilat iltakäyttöön varattaviksi verkossa",
        "",
        PUBLIC_2026,
        "yhdistys",
        "",
        None,
        True,
    ),
]


def add_demo_ideas() -> list[str]:
    organisation = Organisation.objects.filter(slug=DEMO_ORGANISATION).first()
    if organisation is None or Idea.objects.filter(organisation=organisation).exists():
        return []
    first = Roadmap.objects.filter(organisation=organisation, slug=FIRST_ROADMAP).first()
    if first is None or first.is_archived:
        # The decisions link to the first roadmap's tasks; an archived one takes no links.
        return []
    current = Roadmap.objects.filter(organisation=organisation, slug=CURRENT_ROADMAP).first()
    # An idea of 2022 belongs to a theme of the roadmap made from it; a new one to today's.
    themes = {
        (theme.roadmap_id, theme.name): theme
        for theme in Theme.objects.filter(roadmap__in=[r for r in (first, current) if r])
    }
    tasks = {task.title: task for task in Task.objects.filter(roadmap=first)}
    by_title: dict[str, Idea] = {}
    for title, description, (source, event, received), submitter, theme, decision, public in IDEAS:
        idea = services.create_idea(
            actor=DEMO,
            organisation=organisation,
            data=services.IdeaInput(
                title=title,
                description=description,
                source=source,
                event=event,
                received_on=received,
                submitter=submitter,
                theme=themes.get(
                    (first.pk if received.year < 2026 or current is None else current.pk, theme)
                ),
                is_public=public,
            ),
        )
        by_title[title] = idea
        if decision is None:
            continue
        kind = decision[0]
        if kind == "accept":
            services.accept_ideas(
                actor=DEMO, ideas=[idea], task=tasks[decision[1]], reason=decision[2]
            )
        elif kind == "merge":
            services.change_status(
                actor=DEMO,
                idea=idea,
                status=IdeaStatus.MERGED,
                merged_into=by_title[decision[1]],
                reason=decision[2],
            )
        elif kind == "under_review":
            services.change_status(actor=DEMO, idea=idea, status=IdeaStatus.UNDER_REVIEW)
        else:
            status = IdeaStatus.PARKED if kind == "park" else IdeaStatus.REJECTED
            services.change_status(actor=DEMO, idea=idea, status=status, reason=decision[1])
    _date_the_decisions(organisation)
    added = [f"{len(IDEAS)} ideas for {organisation.name}"]
    if current is not None:
        added.extend(_demo_workshops(organisation, current))
    return added


# The autumn 2026 workshop of the group, closed with its scores: (title, description,
# scores by the group's members as (impact, effort, fit)).
WORKSHOP_IDEAS = [
    (
        "Chat-palvelu kaupungin verkkosivuille",
        "Asukas saa vastauksen virka-aikana kysymykseensä ilman puhelua.",
        [(4, 2, 4), (5, 2, 4), (4, 3, 5)],
    ),
    (
        "Digituen ajanvaraus kirjastoon",
        "Asukas varaa digitukihetken verkossa tai puhelimella.",
        [(4, 1, 4), (3, 1, 4), (4, 2, 3)],
    ),
    (
        "Yhteinen asiakasrekisteri kaikille palveluille",
        "Asukkaan tiedot yhdessä paikassa: vaatii järjestelmien yhteensovittamista.",
        [(5, 5, 4), (4, 5, 5), (5, 4, 4)],
    ),
    (
        "Paperisten lomakkeiden skannaus",
        "",
        [(2, 4, 2), (1, 4, 2), (2, 5, 1)],
    ),
]


def _demo_workshops(organisation: Organisation, current: Roadmap) -> list[str]:
    """One closed workshop with everyone's scores (the matrix shows its quick wins) and one
    open workshop with dot votes to come, both on the current roadmap's themes."""
    from tiekartta.accounts.models import Membership, Role
    from tiekartta.ideas import workshops
    from tiekartta.ideas.models import Voting
    from tiekartta.roadmap.models import Person

    group = [
        Actor.for_user(membership.user)
        for membership in Membership.objects.filter(
            organisation=organisation, role__in=(Role.ADMIN, Role.EDITOR)
        ).order_by("role", "user__username")[:3]
    ]
    themes = {theme.name: theme for theme in current.themes.all()}
    services_theme = themes.get("Asiakkaiden sähköiset palvelut")
    if not group or services_theme is None:
        return []
    attendees = list(Person.objects.filter(organisation=organisation).order_by("name")[:8])
    workshop = workshops.open_workshop(
        actor=group[0],
        organisation=organisation,
        title="Työpaja: asiointi ja digituki, syksy 2026",
        held_on=datetime.date(2026, 10, 21),
        voting=Voting.SCORES,
        theme=services_theme,
        attendees=attendees,
    )
    for title, description, scores in WORKSHOP_IDEAS:
        idea = workshops.write_workshop_idea(
            actor=group[0], workshop=workshop, title=title, description=description
        )
        for member, (impact, effort, fit) in zip(group, scores, strict=False):
            workshops.score_idea(
                actor=member, workshop=workshop, idea=idea, impact=impact, effort=effort, fit=fit
            )
    for idea in workshop.ideas.exclude(workshop=workshop):
        # The ideas taken up from the backlog: scored by the first two.
        for member in group[:2]:
            workshops.score_idea(
                actor=member, workshop=workshop, idea=idea, impact=4, effort=3, fit=4
            )
    workshops.close_workshop(actor=group[0], workshop=workshop)
    upcoming = workshops.open_workshop(
        actor=group[0],
        organisation=organisation,
        title="Toiveiden tynnyri 2026",
        held_on=datetime.date(2026, 12, 9),
        voting=Voting.DOTS,
        attendees=attendees,
    )
    upcoming.ideas.add(*Idea.objects.filter(organisation=organisation, status=IdeaStatus.NEW))
    return [f"2 workshops for {organisation.name}"]


def _date_the_decisions(organisation: Organisation) -> None:
    """Backdating only, so outside the services: the 2022 decisions were made in December 2022,
    the 2026 ones now."""
    decided = timezone.make_aware(DECIDED_AT)
    StatusChange.objects.filter(
        idea__organisation=organisation, idea__received_on__year=2022
    ).update(changed_at=decided)
    for idea in Idea.objects.filter(organisation=organisation, received_on__year=2022):
        rows = list(idea.history.order_by("history_date", "history_id"))
        received = timezone.make_aware(
            datetime.datetime.combine(idea.received_on, datetime.time(12))
        )
        for index, row in enumerate(rows):
            row.history_date = received if index == 0 else decided
        Idea.history.model.objects.bulk_update(rows, ["history_date"])
