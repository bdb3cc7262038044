"""Demo data for Tiekartta, built from the seed roadmap (Kankaanpään digitiekartta 2023-2025).

Pure data, no Django imports: a loader turns these dictionaries into organisations, people,
roadmaps, themes and tasks. The seed names real people; here every person is named by their
role title only, and e-mail addresses are role-based at the reserved domain ``demo.invalid``.

The 2023-2025 roadmap is archived; the 2026-2028 roadmap renews it and carries its unfinished
tasks over (``carried_over_from``). Its schedules assume that today is late 2026 (2026Q4).
A second, invented municipality (Esimerkkilä) shows that organisations are kept apart.
"""

from typing import Literal, Required, TypedDict

Kind = Literal["implementation", "study", "procurement", "pilot", "training", "other"]
Status = Literal["planned", "in_progress", "done", "postponed", "cancelled"]
Priority = Literal["high", "medium", "low"]
Colour = Literal["blue", "teal", "green", "olive", "orange", "red", "purple", "grey"]


class PersonData(TypedDict):
    """A person named by role: ``name`` and ``title`` are both the role title."""

    key: str
    name: str
    title: str
    unit: str
    email: str


class TaskData(TypedDict, total=False):
    """One task (tehtävä) of a theme.

    Required keys: key, title, description, kind, owner, collaborators, unit, start, due,
    priority, quick_win, status, is_public. Optional keys: collaborating_units, predecessors
    (task keys of the same roadmap), carried_over_from (a task key of the 2023-2025 roadmap).
    """

    key: Required[str]
    title: Required[str]
    description: Required[str]
    kind: Required[Kind]
    owner: Required[str]
    collaborators: Required[list[str]]
    collaborating_units: str
    unit: Required[str]
    start: Required[str]
    due: Required[str]
    priority: Required[Priority]
    quick_win: Required[bool]
    status: Required[Status]
    is_public: Required[bool]
    predecessors: list[str]
    carried_over_from: str


class ThemeData(TypedDict):
    """A theme area (aihealue); spearheads (kärkihankkeet) come first."""

    name: str
    description: str
    is_spearhead: bool
    colour: Colour
    tasks: list[TaskData]


class RoadmapData(TypedDict):
    """A roadmap for one planning period; its tasks are grouped under themes."""

    slug: str
    title: str
    start_year: int
    end_year: int
    description: str
    is_archived: bool
    themes: list[ThemeData]


class OrganisationData(TypedDict):
    """A municipality with its people (keyed for task owners) and roadmaps."""

    slug: str
    name: str
    people: list[PersonData]
    roadmaps: list[RoadmapData]


# ---------------------------------------------------------------------------------------------
# Kankaanpää: the 18 members of the digital group (digiryhmä), by role, plus two task owners.
# ---------------------------------------------------------------------------------------------

KANKAANPAA_PEOPLE: list[PersonData] = [
    {
        "key": "hr_director",
        "name": "Hallinto- ja henkilöstöjohtaja",
        "title": "Hallinto- ja henkilöstöjohtaja",
        "unit": "Konsernipalvelut",
        "email": "hallinto-ja-henkilostojohtaja@demo.invalid",
    },
    {
        "key": "records_secretary",
        "name": "Tiedonhallintasihteeri",
        "title": "Tiedonhallintasihteeri",
        "unit": "Konsernipalvelut",
        "email": "tiedonhallintasihteeri@demo.invalid",
    },
    {
        "key": "development_director",
        "name": "Kehitysjohtaja",
        "title": "Kehitysjohtaja",
        "unit": "Kehittämis- ja elinkeinopalvelut",
        "email": "kehitysjohtaja@demo.invalid",
    },
    {
        "key": "sports_coordinator",
        "name": "Liikunta- ja hyvinvointikoordinaattori",
        "title": "Liikunta- ja hyvinvointikoordinaattori",
        "unit": "Liikuntapalvelut",
        "email": "liikunta-ja-hyvinvointikoordinaattori@demo.invalid",
    },
    {
        "key": "mayor",
        "name": "Kaupunginjohtaja",
        "title": "Kaupunginjohtaja",
        "unit": "Konsernipalvelut",
        "email": "kaupunginjohtaja@demo.invalid",
    },
    {
        "key": "music_department_head",
        "name": "Musiikkiosastonjohtaja",
        "title": "Musiikkiosastonjohtaja",
        "unit": "Kankaanpään opisto",
        "email": "musiikkiosastonjohtaja@demo.invalid",
    },
    {
        "key": "principal",
        "name": "Rehtori",
        "title": "Rehtori",
        "unit": "Sivistyspalvelut",
        "email": "rehtori@demo.invalid",
    },
    {
        "key": "it_support",
        "name": "ATK-tukihenkilö",
        "title": "ATK-tukihenkilö",
        "unit": "Tietohallinto",
        "email": "atk-tukihenkilo@demo.invalid",
    },
    {
        "key": "technical_director",
        "name": "Tekninen johtaja",
        "title": "Tekninen johtaja",
        "unit": "Tekniset palvelut",
        "email": "tekninen-johtaja@demo.invalid",
    },
    {
        "key": "museum_director",
        "name": "Museonjohtaja",
        "title": "Museonjohtaja",
        "unit": "Museo",
        "email": "museonjohtaja@demo.invalid",
    },
    {
        "key": "finance_director",
        "name": "Talousjohtaja",
        "title": "Talousjohtaja",
        "unit": "Talouspalvelut",
        "email": "talousjohtaja@demo.invalid",
    },
    {
        "key": "project_coordinator",
        "name": "Hankekoordinaattori",
        "title": "Hankekoordinaattori",
        "unit": "Kehittämis- ja elinkeinopalvelut",
        "email": "hankekoordinaattori@demo.invalid",
    },
    {
        "key": "business_director",
        "name": "Elinkeinojohtaja",
        "title": "Elinkeinojohtaja",
        "unit": "Kehittämis- ja elinkeinopalvelut",
        "email": "elinkeinojohtaja@demo.invalid",
    },
    {
        "key": "building_inspector",
        "name": "Rakennustarkastaja",
        "title": "Rakennustarkastaja",
        "unit": "Kaupunkisuunnittelukeskus",
        "email": "rakennustarkastaja@demo.invalid",
    },
    {
        "key": "service_manager",
        "name": "Palvelupäällikkö",
        "title": "Palvelupäällikkö",
        "unit": "Asiakaspalvelut",
        "email": "palvelupaallikko@demo.invalid",
    },
    {
        "key": "daycare_director",
        "name": "Päiväkodin johtaja",
        "title": "Päiväkodin johtaja",
        "unit": "Varhaiskasvatus",
        "email": "paivakodin-johtaja@demo.invalid",
    },
    {
        "key": "communications_manager",
        "name": "Markkinointi- ja viestintäpäällikkö",
        "title": "Markkinointi- ja viestintäpäällikkö",
        "unit": "Viestintä ja markkinointi",
        "email": "markkinointi-ja-viestintapaallikko@demo.invalid",
    },
    {
        "key": "cio",
        "name": "Tietohallintopäällikkö",
        "title": "Tietohallintopäällikkö",
        "unit": "Tietohallinto",
        "email": "tietohallintopaallikko@demo.invalid",
    },
    # Not members of the digital group, but responsible for tasks the seed names.
    {
        "key": "library_director",
        "name": "Kirjastotoimenjohtaja",
        "title": "Kirjastotoimenjohtaja",
        "unit": "Kirjasto",
        "email": "kirjastotoimenjohtaja@demo.invalid",
    },
    {
        "key": "food_service_manager",
        "name": "Ruokapalvelupäällikkö",
        "title": "Ruokapalvelupäällikkö",
        "unit": "Ruokahuolto",
        "email": "ruokapalvelupaallikko@demo.invalid",
    },
]


# ---------------------------------------------------------------------------------------------
# Kankaanpää: Digitiekartta 2023-2025 (ended, archived), built from the seed.
# ---------------------------------------------------------------------------------------------

ROADMAP_2023_2025: RoadmapData = {
    "slug": "2023-2025",
    "title": "Digitiekartta 2023–2025",
    "start_year": 2023,
    "end_year": 2025,
    "description": (
        "Kankaanpään kaupungin digitiekartta kertoo, mitä, missä järjestyksessä ja millä "
        "aikataululla digitalisaatio kaupungissa etenee vuosina 2023–2025. Se perustuu kaupungin "
        "strategiaan, Pohjois-Satakunnan digitalisaatiohankkeen kyselyihin sekä digiryhmän "
        "Toiveiden tynnyri -ideointiin ja työpajoihin syksyllä 2022. Strategiset kärkihankkeet "
        "ovat tiedolla johtaminen ja asiakkaiden sähköiset palvelut."
    ),
    "is_archived": True,
    "themes": [
        {
            "name": "Tiedolla johtaminen",
            "description": (
                "Päätöksenteko perustuu automatisoituun, ajantasaiseen ja laadukkaaseen tietoon. "
                "Tieto kootaan eri järjestelmistä tietovarastoon, josta sitä raportoidaan ja "
                "analysoidaan nykyaikaisin työkaluin."
            ),
            "is_spearhead": True,
            "colour": "blue",
            "tasks": [
                {
                    "key": "r23_management_needs_study",
                    "title": "Johdon ja elinkeinopalvelujen tiedolla johtamisen tarpeiden selvitys",
                    "description": (
                        "Selvitetään, mitä tietoa johto ja elinkeinopalvelut tarvitsevat "
                        "päätöksenteon tueksi. Tulokset ohjaavat tietovaraston määrittelyä."
                    ),
                    "kind": "study",
                    "owner": "development_director",
                    "collaborators": ["business_director", "mayor", "cio"],
                    "unit": "Kehittämis- ja elinkeinopalvelut",
                    "start": "2023Q1",
                    "due": "2023Q2",
                    "priority": "high",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_data_warehouse_definition",
                    "title": "Tietovaraston määrittely",
                    "description": (
                        "Tietohallinto määrittelee kaupungin tietovaraston: mitkä tietolähteet "
                        "siihen kootaan, miten tieto päivittyy ja kuka sitä käyttää."
                    ),
                    "kind": "study",
                    "owner": "cio",
                    "collaborators": ["finance_director", "development_director"],
                    "unit": "Tietohallinto",
                    "start": "2023Q2",
                    "due": "2023Q4",
                    "priority": "high",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                    "predecessors": ["r23_management_needs_study"],
                },
                {
                    "key": "r23_data_warehouse_build",
                    "title": "Tietovaraston rakentaminen",
                    "description": (
                        "Rakennetaan tietovarasto, johon päätöksenteossa käytettävä tieto "
                        "kerätään useista järjestelmistä yhteen paikkaan raportoitavaksi ja "
                        "analysoitavaksi. Talous- ja henkilöstötiedot on liitetty, muiden "
                        "lähteiden liittäminen jatkuu seuraavalla kaudella."
                    ),
                    "kind": "implementation",
                    "owner": "cio",
                    "collaborators": ["it_support", "finance_director"],
                    "collaborating_units": "Tietohallinto, tietovaraston toimittaja",
                    "unit": "Tietohallinto",
                    "start": "2024Q1",
                    "due": "2025Q4",
                    "priority": "high",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                    "predecessors": ["r23_data_warehouse_definition"],
                },
                {
                    "key": "r23_financial_reporting",
                    "title": "Taloushallinnon raportoinnin kehittäminen",
                    "description": (
                        "Taloushallinnon raportointia kehitetään pääasiassa nykyisen toimittajan "
                        "valmiilla työkaluilla."
                    ),
                    "kind": "implementation",
                    "owner": "finance_director",
                    "collaborators": ["cio"],
                    "collaborating_units": "Taloushallinnon järjestelmätoimittaja",
                    "unit": "Talouspalvelut",
                    "start": "2023Q2",
                    "due": "2024Q2",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_wellbeing_reporting",
                    "title": "Työhyvinvoinnin ja sairauspoissaolojen seurannan laajentaminen",
                    "description": (
                        "Jo hankittu järjestelmä työhyvinvoinnin ja sairauspoissaolojen seurannan "
                        "tueksi otetaan käyttöön kaikilla toimialoilla."
                    ),
                    "kind": "implementation",
                    "owner": "hr_director",
                    "collaborators": ["cio"],
                    "unit": "Konsernipalvelut",
                    "start": "2023Q3",
                    "due": "2024Q2",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_sports_centre_usage",
                    "title": "Liikuntakeskuksen kävijämäärä- ja käyttöasteseurannan laajentaminen",
                    "description": (
                        "Liikuntakeskuksen kävijämäärien ja käyttöasteiden seurannan piiriin "
                        "otetaan uusia tiloja. Tiedot auttavat vuorojen jakamisessa."
                    ),
                    "kind": "implementation",
                    "owner": "sports_coordinator",
                    "collaborators": ["technical_director"],
                    "unit": "Liikuntapalvelut",
                    "start": "2023Q2",
                    "due": "2023Q4",
                    "priority": "low",
                    "quick_win": True,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_equipment_condition",
                    "title": "Laitteiden kunnonseurannan laajentaminen uusiin kohteisiin",
                    "description": (
                        "Laitteiden kuntoa seuraavan järjestelmän käyttöä laajennetaan "
                        "kiinteistöjen ja vesihuollon laitteisiin. Laajennus siirtyi "
                        "resurssipulan vuoksi seuraavalle kaudelle."
                    ),
                    "kind": "implementation",
                    "owner": "technical_director",
                    "collaborators": ["cio"],
                    "unit": "Tekniset palvelut",
                    "start": "2024Q1",
                    "due": "2025Q2",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "postponed",
                    "is_public": True,
                },
                {
                    "key": "r23_learning_analytics",
                    "title": "Oppimisanalytiikka-hankkeen tuotosten hyödyntäminen",
                    "description": (
                        "Oppimisanalytiikka-hankkeen tuotoksia hyödynnetään kouluissa tukemaan "
                        "parempia pedagogisia ratkaisuja."
                    ),
                    "kind": "implementation",
                    "owner": "principal",
                    "collaborators": ["project_coordinator", "cio"],
                    "unit": "Sivistyspalvelut",
                    "start": "2023Q3",
                    "due": "2024Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_meal_monitoring",
                    "title": "Aterioiden lämpötilojen ja kuljetusten seurannan automatisointi",
                    "description": (
                        "Ruokahuolto ottaa käyttöön järjestelmän, joka seuraa automaattisesti "
                        "aterioiden lämpötiloja ja kuljetuksia keittiöltä jakelukeittiöihin."
                    ),
                    "kind": "implementation",
                    "owner": "food_service_manager",
                    "collaborators": ["cio", "technical_director"],
                    "unit": "Ruokahuolto",
                    "start": "2023Q3",
                    "due": "2024Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_food_waste",
                    "title": "Hävikkiruuan määrien mittaaminen",
                    "description": (
                        "Hävikkiruuan määrät kirjataan ja seurataan keittiöittäin. Tavoitteena "
                        "on ennustaa valmistettavien aterioiden määrä nykyistä helpommin."
                    ),
                    "kind": "implementation",
                    "owner": "food_service_manager",
                    "collaborators": [],
                    "unit": "Ruokahuolto",
                    "start": "2023Q2",
                    "due": "2023Q4",
                    "priority": "low",
                    "quick_win": True,
                    "status": "done",
                    "is_public": True,
                },
            ],
        },
        {
            "name": "Asiakkaiden sähköiset palvelut",
            "description": (
                "Palvelut ovat asiakaslähtöisiä, ajasta ja paikasta riippumattomia ja helppoja "
                "käyttää. Asiointi on sähköistä prosessin alusta loppuun."
            ),
            "is_spearhead": True,
            "colour": "teal",
            "tasks": [
                {
                    "key": "r23_eservices_end_to_end",
                    "title": "Asiointipalvelujen kehittäminen alusta loppuun sähköisiksi",
                    "description": (
                        "Verkkosivujen asiointipalveluja kehitetään niin, että asiointi on "
                        "sähköistä prosessin alusta loppuun. Ensimmäiset lomakkeet on uudistettu, "
                        "loput siirtyvät seuraavalle kaudelle."
                    ),
                    "kind": "implementation",
                    "owner": "service_manager",
                    "collaborators": ["cio", "records_secretary", "communications_manager"],
                    "unit": "Asiakaspalvelut",
                    "start": "2023Q2",
                    "due": "2025Q4",
                    "priority": "high",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                },
                {
                    "key": "r23_website_update",
                    "title": "Verkkosivujen päivitys ja hakusanojen lisääminen",
                    "description": (
                        "Nykyisiä verkkosivuja päivitetään ja niille lisätään hakusanoja, jotta "
                        "tieto löytyy helpommin."
                    ),
                    "kind": "implementation",
                    "owner": "communications_manager",
                    "collaborators": ["service_manager"],
                    "unit": "Viestintä ja markkinointi",
                    "start": "2023Q1",
                    "due": "2023Q4",
                    "priority": "medium",
                    "quick_win": True,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_primus_wilma",
                    "title": "Primuksen ja Wilman sisäisen tiedonkulun kehittäminen",
                    "description": (
                        "Koulun ja vanhempien välistä tiedonkulkua parannetaan kehittämällä "
                        "Primuksen ja Wilman sisäistä tiedonkulkua."
                    ),
                    "kind": "implementation",
                    "owner": "principal",
                    "collaborators": ["cio"],
                    "unit": "Sivistyspalvelut",
                    "start": "2023Q3",
                    "due": "2024Q2",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_online_registration",
                    "title": "Sähköinen ilmoittautuminen ja maksu harrastuksiin ja tapahtumiin",
                    "description": (
                        "Sähköinen ilmoittautuminen ja maksaminen otetaan laajemmin käyttöön "
                        "liikunnan, opiston ja kulttuurin harrastuksissa ja tapahtumissa."
                    ),
                    "kind": "implementation",
                    "owner": "sports_coordinator",
                    "collaborators": ["music_department_head", "finance_director", "cio"],
                    "unit": "Liikuntapalvelut",
                    "start": "2023Q3",
                    "due": "2024Q4",
                    "priority": "high",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_payment_options",
                    "title": "Yhtenäiset maksuvaihtoehdot koko kaupungissa",
                    "description": (
                        "Maksuvaihtoehdoissa tavoitellaan yhtenäistä linjaa koko kaupungin "
                        "osalta. Työ siirtyi maksupalvelun kilpailutuksen vuoksi."
                    ),
                    "kind": "other",
                    "owner": "finance_director",
                    "collaborators": ["service_manager", "sports_coordinator"],
                    "unit": "Talouspalvelut",
                    "start": "2024Q1",
                    "due": "2024Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "postponed",
                    "is_public": True,
                },
                {
                    "key": "r23_city_app",
                    "title": "Kankaanpään kaupunkisovelluksen käyttöönotto",
                    "description": (
                        "Kaupunkisovellus otetaan käyttöön, ja siihen kootaan tärkeimmät ja "
                        "kiinnostavimmat palvelut ja tiedot."
                    ),
                    "kind": "implementation",
                    "owner": "communications_manager",
                    "collaborators": ["cio", "business_director"],
                    "collaborating_units": "Sovellustoimittaja",
                    "unit": "Viestintä ja markkinointi",
                    "start": "2023Q2",
                    "due": "2024Q1",
                    "priority": "high",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
            ],
        },
        {
            "name": "Digituki ja osaaminen",
            "description": (
                "Digituki auttaa asiakasta käyttämään laitteita ja sähköisiä palveluja "
                "itsenäisesti ja turvallisesti. Henkilöstön digiosaamista vahvistetaan "
                "tarpeiden mukaan."
            ),
            "is_spearhead": False,
            "colour": "green",
            "tasks": [
                {
                    "key": "r23_digital_support_info",
                    "title": "Digituen tiedot keskitetysti verkkosivuille",
                    "description": (
                        "Kaupungin verkkosivuille kootaan yhteen paikkaan tieto siitä, mitä ja "
                        "mistä digitukea on saatavilla."
                    ),
                    "kind": "implementation",
                    "owner": "communications_manager",
                    "collaborators": ["library_director"],
                    "unit": "Viestintä ja markkinointi",
                    "start": "2023Q2",
                    "due": "2023Q3",
                    "priority": "low",
                    "quick_win": True,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_library_digital_support",
                    "title": "Kirjaston asiakkaiden digituki",
                    "description": (
                        "Kirjasto järjestää asiakkaille digitukea laitteiden ja sähköisen "
                        "asioinnin käyttöön, esimerkiksi ajanvarauksella ja digiopastuksina."
                    ),
                    "kind": "other",
                    "owner": "library_director",
                    "collaborators": ["service_manager"],
                    "unit": "Kirjasto",
                    "start": "2023Q1",
                    "due": "2025Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_training_needs_survey",
                    "title": "Henkilöstön digikoulutustarpeiden kysely",
                    "description": (
                        "Työntekijöille järjestetään kysely digikoulutustarpeista. Tulokset "
                        "huomioidaan koulutuksen suunnittelussa."
                    ),
                    "kind": "study",
                    "owner": "hr_director",
                    "collaborators": ["cio"],
                    "unit": "Konsernipalvelut",
                    "start": "2023Q1",
                    "due": "2023Q2",
                    "priority": "medium",
                    "quick_win": True,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_digital_training",
                    "title": "Henkilöstön digikoulutukset",
                    "description": (
                        "Henkilöstölle järjestetään kyselyssä esiin nousseiden tarpeiden mukaisia "
                        "digikoulutuksia."
                    ),
                    "kind": "training",
                    "owner": "hr_director",
                    "collaborators": ["cio", "it_support"],
                    "unit": "Konsernipalvelut",
                    "start": "2023Q3",
                    "due": "2025Q2",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                    "predecessors": ["r23_training_needs_survey"],
                },
            ],
        },
        {
            "name": "Hallinto ja automaatio",
            "description": (
                "Hallinnon digikehityksen keskiössä ovat arkistointijärjestelmä ja "
                "kokonaisarkkitehtuuri. Rutiininomaisia ja manuaalisia töitä automatisoidaan."
            ),
            "is_spearhead": False,
            "colour": "purple",
            "tasks": [
                {
                    "key": "r23_archiving_system",
                    "title": "Arkistointijärjestelmän käyttöönotto",
                    "description": (
                        "Otetaan käyttöön sähköinen arkistointijärjestelmä. Järjestelmä on "
                        "käytössä hallinnossa, ja toimialojen aineistojen siirto jatkuu."
                    ),
                    "kind": "implementation",
                    "owner": "records_secretary",
                    "collaborators": ["cio", "hr_director"],
                    "unit": "Konsernipalvelut",
                    "start": "2023Q1",
                    "due": "2024Q4",
                    "priority": "high",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                },
                {
                    "key": "r23_enterprise_architecture",
                    "title": "Kokonaisarkkitehtuurijärjestelmän laajempi hyödyntäminen",
                    "description": (
                        "Kokonaisarkkitehtuurijärjestelmään kuvataan kaupungin palvelut, "
                        "prosessit ja järjestelmät, ja sitä käytetään hankintojen ja kehittämisen "
                        "suunnittelussa."
                    ),
                    "kind": "implementation",
                    "owner": "cio",
                    "collaborators": ["records_secretary", "development_director"],
                    "unit": "Tietohallinto",
                    "start": "2023Q2",
                    "due": "2024Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_invoice_checking",
                    "title": "Ostolaskujen tarkastamisen automatisointi",
                    "description": (
                        "Ostolaskujen tarkastamista automatisoidaan niin, että säännölliset "
                        "laskut kulkevat tarkastuksen läpi ilman käsityötä."
                    ),
                    "kind": "pilot",
                    "owner": "finance_director",
                    "collaborators": ["cio"],
                    "unit": "Talouspalvelut",
                    "start": "2023Q2",
                    "due": "2024Q1",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": False,
                },
                {
                    "key": "r23_invoice_posting",
                    "title": "Laskujen tiliöintien automatisointi",
                    "description": (
                        "Toistuvien laskujen tiliöinnit automatisoidaan tiliöintisäännöillä."
                    ),
                    "kind": "implementation",
                    "owner": "finance_director",
                    "collaborators": [],
                    "collaborating_units": "Taloushallinnon järjestelmätoimittaja",
                    "unit": "Talouspalvelut",
                    "start": "2024Q1",
                    "due": "2024Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": False,
                    "predecessors": ["r23_invoice_checking"],
                },
                {
                    "key": "r23_education_documents",
                    "title": "Sivistyksen dokumenttien siirron automatisointi",
                    "description": (
                        "Sivistyspalvelujen asiakirjat siirretään automaattisesti "
                        "arkistointijärjestelmään käsin tehtävän siirron sijaan."
                    ),
                    "kind": "implementation",
                    "owner": "records_secretary",
                    "collaborators": ["principal", "daycare_director"],
                    "unit": "Konsernipalvelut",
                    "start": "2024Q2",
                    "due": "2025Q4",
                    "priority": "low",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": False,
                    "predecessors": ["r23_archiving_system"],
                },
                {
                    "key": "r23_meeting_room_booking",
                    "title": "Kokoustilojen varausten automatisointi",
                    "description": (
                        "Kokoustilojen varaukset siirretään sähköiseen varauskalenteriin, "
                        "josta varaukset ja niiden vahvistukset hoituvat automaattisesti."
                    ),
                    "kind": "implementation",
                    "owner": "it_support",
                    "collaborators": ["records_secretary"],
                    "unit": "Tietohallinto",
                    "start": "2024Q1",
                    "due": "2024Q3",
                    "priority": "low",
                    "quick_win": False,
                    "status": "postponed",
                    "is_public": False,
                },
                {
                    "key": "r23_print_scan_study",
                    "title": "Selvitys tulostuksen ja skannauksen vähentämisestä",
                    "description": (
                        "Selvitetään, missä tulostetaan ja skannataan eniten ja miten määriä "
                        "voidaan vähentää sähköisillä työtavoilla."
                    ),
                    "kind": "study",
                    "owner": "cio",
                    "collaborators": ["it_support", "finance_director"],
                    "unit": "Tietohallinto",
                    "start": "2024Q1",
                    "due": "2024Q2",
                    "priority": "low",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
            ],
        },
        {
            "name": "Tietoturva ja tietosuoja",
            "description": (
                "Tietoturva ja -suoja ovat sisäänkirjoitettuina kaikessa digitalisaatiossa. "
                "Palveluissa hyödynnetään valmiita ratkaisuja, kuten suomi.fi-tunnistautumista."
            ),
            "is_spearhead": False,
            "colour": "red",
            "tasks": [
                {
                    "key": "r23_suomi_fi_identification",
                    "title": "Suomi.fi-tunnistautumisen käyttöönotto sähköisissä palveluissa",
                    "description": (
                        "Sähköisissä palveluissa hyödynnetään valmista suomi.fi-tunnistautumista, "
                        "jotta asiakas voi asioida turvallisesti ja tunnistettuna."
                    ),
                    "kind": "implementation",
                    "owner": "cio",
                    "collaborators": ["service_manager"],
                    "collaborating_units": "Digi- ja väestötietovirasto",
                    "unit": "Tietohallinto",
                    "start": "2023Q2",
                    "due": "2024Q2",
                    "priority": "high",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_cyber_project_outputs",
                    "title": "Kyber- ja digiturvahankkeen tuotosten käyttöönotto",
                    "description": (
                        "Syksyllä 2023 valmistuneen kyber- ja digiturvahankkeen ohjeet, "
                        "koulutusmateriaalit ja toimintamallit otetaan käyttöön."
                    ),
                    "kind": "implementation",
                    "owner": "cio",
                    "collaborators": ["project_coordinator", "hr_director", "it_support"],
                    "unit": "Tietohallinto",
                    "start": "2023Q4",
                    "due": "2024Q4",
                    "priority": "high",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
            ],
        },
        {
            "name": "Sivistys ja kulttuuri",
            "description": (
                "Museon kokoelmat ja kirjaston digitaaliset sisällöt tuodaan kaikkien "
                "ulottuville. Museolle hankitaan uusi kokoelmanhallintajärjestelmä."
            ),
            "is_spearhead": False,
            "colour": "olive",
            "tasks": [
                {
                    "key": "r23_museum_cms_procurement",
                    "title": "Museon kokoelmanhallintajärjestelmän hankinta",
                    "description": (
                        "Kankaanpään museolle hankitaan uusi kokoelmanhallintajärjestelmä "
                        "vanhentuneen järjestelmän tilalle."
                    ),
                    "kind": "procurement",
                    "owner": "museum_director",
                    "collaborators": ["cio"],
                    "unit": "Museo",
                    "start": "2023Q1",
                    "due": "2023Q4",
                    "priority": "high",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_museum_cms_deployment",
                    "title": "Kokoelmanhallintajärjestelmän käyttöönotto ja tietojen siirto",
                    "description": (
                        "Uusi kokoelmanhallintajärjestelmä otetaan käyttöön, ja vanhan "
                        "järjestelmän luettelointitiedot siirretään siihen."
                    ),
                    "kind": "implementation",
                    "owner": "museum_director",
                    "collaborators": ["it_support"],
                    "collaborating_units": "Järjestelmätoimittaja",
                    "unit": "Museo",
                    "start": "2024Q1",
                    "due": "2024Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                    "predecessors": ["r23_museum_cms_procurement"],
                },
                {
                    "key": "r23_museum_digitisation",
                    "title": "Museon kokoelmaobjektien digitalisoinnin jatkaminen",
                    "description": (
                        "Kokoelmaobjektien kuvaamista ja digitalisointia jatketaan. Työ on "
                        "edennyt, mutta osa kokoelmista odottaa vielä digitalisointia."
                    ),
                    "kind": "implementation",
                    "owner": "museum_director",
                    "collaborators": ["project_coordinator"],
                    "unit": "Museo",
                    "start": "2023Q1",
                    "due": "2025Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                },
                {
                    "key": "r23_library_digital_content",
                    "title": "Valtakunnallinen hanke digitaalisten sisältöjen saatavuudesta",
                    "description": (
                        "Kirjasto on mukana valtakunnallisessa hankkeessa, jossa digitaaliset "
                        "sisällöt, kuten e-kirjat, ovat kaikkien saatavilla tasapuolisesti."
                    ),
                    "kind": "other",
                    "owner": "library_director",
                    "collaborators": [],
                    "collaborating_units": "Valtakunnallinen kirjastoyhteistyö",
                    "unit": "Kirjasto",
                    "start": "2023Q1",
                    "due": "2025Q2",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
            ],
        },
        {
            "name": "Tekniset palvelut ja vesihuolto",
            "description": (
                "Vesihuollon, karttapalvelun ja liikenteen digitaaliset mahdollisuudet. "
                "Asiakkaat saavat tietoa vedenkulutuksesta, vioista ja vesiverkosta sähköisesti."
            ),
            "is_spearhead": False,
            "colour": "orange",
            "tasks": [
                {
                    "key": "r23_remote_water_metering",
                    "title": "Vedenkulutuksen etäseurannan laajentaminen",
                    "description": (
                        "Vedenkulutuksen etäluenta laajenee, kun vanhoja mittareita vaihdetaan "
                        "etäluettaviin."
                    ),
                    "kind": "implementation",
                    "owner": "technical_director",
                    "collaborators": ["it_support"],
                    "collaborating_units": "Vesihuoltolaitos, mittaritoimittaja",
                    "unit": "Tekniset palvelut",
                    "start": "2023Q1",
                    "due": "2025Q4",
                    "priority": "high",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_fault_notifications",
                    "title": "Kohdennetut vikatiedotteet ja kokemusten kerääminen",
                    "description": (
                        "Vesihuollon häiriöistä tiedotetaan tekstiviestillä vain niille, joita "
                        "vika koskee. Käyttöönotosta kerätään kokemuksia asukkailta."
                    ),
                    "kind": "pilot",
                    "owner": "technical_director",
                    "collaborators": ["communications_manager"],
                    "unit": "Tekniset palvelut",
                    "start": "2023Q2",
                    "due": "2023Q4",
                    "priority": "medium",
                    "quick_win": True,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_water_network_data",
                    "title": "Vesiverkkotietojen siirto Verkkotietopisteeseen",
                    "description": (
                        "Kaupungin vesiverkkotiedot siirretään Verkkotietopisteeseen, jossa "
                        "asiakkaat voivat tutkia niitä esimerkiksi kaivuutöitä suunnitellessaan."
                    ),
                    "kind": "implementation",
                    "owner": "technical_director",
                    "collaborators": ["building_inspector"],
                    "unit": "Tekniset palvelut",
                    "start": "2023Q3",
                    "due": "2024Q2",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_demand_transport_study",
                    "title": "Joukkoliikenteen kutsujärjestelmän selvitys",
                    "description": (
                        "Selvitettiin kutsuohjatun joukkoliikenteen mahdollisuuksia. Selvitys "
                        "keskeytettiin, kun kutsuliikenteen suunnittelu siirtyi seudulliseksi "
                        "yhteistyöksi."
                    ),
                    "kind": "pilot",
                    "owner": "technical_director",
                    "collaborators": ["building_inspector", "development_director"],
                    "unit": "Tekniset palvelut",
                    "start": "2024Q1",
                    "due": "2024Q3",
                    "priority": "low",
                    "quick_win": False,
                    "status": "cancelled",
                    "is_public": True,
                },
                {
                    "key": "r23_map_imagery_study",
                    "title": "Karttapalvelun kuva-aineiston päivittämisen selvitys",
                    "description": (
                        "Selvitetään, miten karttapalvelun ilmakuvat ja muu kuva-aineisto "
                        "saadaan päivitettyä säännöllisesti ja kohtuullisin kustannuksin."
                    ),
                    "kind": "study",
                    "owner": "building_inspector",
                    "collaborators": ["technical_director"],
                    "unit": "Kaupunkisuunnittelukeskus",
                    "start": "2023Q3",
                    "due": "2024Q1",
                    "priority": "low",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_map_feedback_channel",
                    "title": "Karttatiimin palautekanavan hyödyntäminen",
                    "description": (
                        "Selvitetään, miten karttapalvelun palautekanavaa voidaan hyödyntää "
                        "karttojen virheiden ja kehitysideoiden keräämisessä."
                    ),
                    "kind": "study",
                    "owner": "building_inspector",
                    "collaborators": ["communications_manager"],
                    "unit": "Kaupunkisuunnittelukeskus",
                    "start": "2024Q1",
                    "due": "2024Q2",
                    "priority": "low",
                    "quick_win": True,
                    "status": "done",
                    "is_public": True,
                },
            ],
        },
        {
            "name": "Digitiekartan ylläpito",
            "description": (
                "Digiryhmä seuraa tiekartan edistymistä kvartaaleittain, raportoi siitä ja "
                "päivittää suunnitelman tarvittaessa."
            ),
            "is_spearhead": False,
            "colour": "grey",
            "tasks": [
                {
                    "key": "r23_interim_report",
                    "title": "Digitiekartan väliraportti 2023",
                    "description": (
                        "Digitiekartan kokonaisedistymästä laaditaan väliraportti vuoden 2023 "
                        "lopussa."
                    ),
                    "kind": "other",
                    "owner": "cio",
                    "collaborators": ["development_director"],
                    "unit": "Tietohallinto",
                    "start": "2023Q3",
                    "due": "2023Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r23_plan_update",
                    "title": "Digitiekartan päivitys 2024",
                    "description": (
                        "Suunnitelma päivitetään väliraportin perusteella: aikatauluja "
                        "tarkennetaan ja tehtäviä priorisoidaan uudelleen."
                    ),
                    "kind": "other",
                    "owner": "cio",
                    "collaborators": ["development_director"],
                    "unit": "Tietohallinto",
                    "start": "2024Q1",
                    "due": "2024Q2",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                    "predecessors": ["r23_interim_report"],
                },
                {
                    "key": "r23_roadmap_renewal",
                    "title": "Digitiekartan uudistaminen 2025",
                    "description": (
                        "Digitiekartta uudistetaan vastaamaan seuraavan ajanjakson tarpeita, ja "
                        "keskeneräiset tehtävät siirretään uuteen tiekarttaan."
                    ),
                    "kind": "other",
                    "owner": "cio",
                    "collaborators": ["development_director", "mayor"],
                    "unit": "Tietohallinto",
                    "start": "2025Q1",
                    "due": "2025Q4",
                    "priority": "high",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                    "predecessors": ["r23_plan_update"],
                },
            ],
        },
    ],
}


# ---------------------------------------------------------------------------------------------
# Kankaanpää: Digitiekartta 2026-2028 (current). Today is 2026Q4 in the demo.
# ---------------------------------------------------------------------------------------------

ROADMAP_2026_2028: RoadmapData = {
    "slug": "2026-2028",
    "title": "Digitiekartta 2026–2028",
    "start_year": 2026,
    "end_year": 2028,
    "description": (
        "Digitiekartta 2026–2028 uudistaa vuosien 2023–2025 digitiekartan vastaamaan seuraavan "
        "suunnitelmakauden tarpeita. Edellisen kauden keskeneräiset tehtävät, kuten tietovaraston "
        "rakentaminen ja sähköisten asiointipalvelujen kehittäminen, siirtyvät tähän tiekarttaan "
        "uusin aikatauluin. Kärkihankkeina jatkavat tiedolla johtaminen ja asiakkaiden sähköiset "
        "palvelut, ja uusia painopisteitä ovat tekoäly, saavutettavuus ja tietoturvan hallinta."
    ),
    "is_archived": False,
    "themes": [
        {
            "name": "Tiedolla johtaminen",
            "description": (
                "Tietovarasto valmistuu ja sen tieto viedään toimialojen arkeen näkyminä ja "
                "avoimena datana. Päätökset perustuvat ajantasaiseen ja laadukkaaseen tietoon."
            ),
            "is_spearhead": True,
            "colour": "blue",
            "tasks": [
                {
                    "key": "r26_data_warehouse_build",
                    "title": "Tietovaraston rakentamisen viimeistely",
                    "description": (
                        "Tietovarastoon liitetään loput sovitut tietolähteet, kuten "
                        "sivistyksen ja teknisten palvelujen järjestelmät. Tietojen "
                        "päivittyminen automatisoidaan."
                    ),
                    "kind": "implementation",
                    "owner": "cio",
                    "collaborators": ["it_support", "finance_director"],
                    "collaborating_units": "Tietohallinto, tietovaraston toimittaja",
                    "unit": "Tietohallinto",
                    "start": "2026Q1",
                    "due": "2026Q4",
                    "priority": "high",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                    "carried_over_from": "r23_data_warehouse_build",
                },
                {
                    "key": "r26_department_dashboards",
                    "title": "Toimialakohtaiset johtamisen näkymät tietovarastoon",
                    "description": (
                        "Jokaiselle toimialalle rakennetaan tietovarastoon oma näkymä sen "
                        "keskeisistä tunnusluvuista. Näkymiä käytetään johtoryhmien kokouksissa."
                    ),
                    "kind": "implementation",
                    "owner": "cio",
                    "collaborators": ["finance_director", "hr_director", "development_director"],
                    "unit": "Tietohallinto",
                    "start": "2027Q1",
                    "due": "2027Q4",
                    "priority": "high",
                    "quick_win": False,
                    "status": "planned",
                    "is_public": True,
                    "predecessors": ["r26_data_warehouse_build"],
                },
                {
                    "key": "r26_equipment_condition",
                    "title": "Laitteiden kunnonseurannan laajentaminen uusiin kohteisiin",
                    "description": (
                        "Edelliseltä kaudelta siirtynyt laajennus: kunnon seuraaminen ulotetaan "
                        "kiinteistöjen ilmanvaihtoon ja vesihuollon pumppaamoihin. Pumppaamot on "
                        "liitetty, kiinteistöjen liittäminen on myöhässä."
                    ),
                    "kind": "implementation",
                    "owner": "technical_director",
                    "collaborators": ["cio"],
                    "unit": "Tekniset palvelut",
                    "start": "2026Q1",
                    "due": "2026Q3",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                    "carried_over_from": "r23_equipment_condition",
                },
                {
                    "key": "r26_property_energy_data",
                    "title": "Kiinteistöjen energiankulutustiedot tietovarastoon",
                    "description": (
                        "Kaupungin kiinteistöjen sähkön, lämmön ja veden kulutustiedot tuodaan "
                        "tietovarastoon. Tiedoilla kohdennetaan energiansäästötoimia."
                    ),
                    "kind": "implementation",
                    "owner": "technical_director",
                    "collaborators": ["cio", "finance_director"],
                    "unit": "Tekniset palvelut",
                    "start": "2027Q1",
                    "due": "2027Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "planned",
                    "is_public": True,
                    "predecessors": ["r26_data_warehouse_build"],
                },
                {
                    "key": "r26_open_data",
                    "title": "Avoimen datan julkaiseminen",
                    "description": (
                        "Kaupunki julkaisee valittuja tietoaineistoja avoimena datana "
                        "koneluettavassa muodossa, esimerkiksi palvelupisteiden ja "
                        "liikuntapaikkojen tiedot."
                    ),
                    "kind": "implementation",
                    "owner": "development_director",
                    "collaborators": ["cio", "communications_manager"],
                    "unit": "Kehittämis- ja elinkeinopalvelut",
                    "start": "2028Q1",
                    "due": "2028Q3",
                    "priority": "low",
                    "quick_win": False,
                    "status": "planned",
                    "is_public": True,
                    "predecessors": ["r26_data_warehouse_build"],
                },
            ],
        },
        {
            "name": "Asiakkaiden sähköiset palvelut",
            "description": (
                "Asiointi on sähköistä alusta loppuun, saavutettavaa ja helppoa. Uutena "
                "kokeillaan tekoälyn hyödyntämistä asiakaspalvelussa."
            ),
            "is_spearhead": True,
            "colour": "teal",
            "tasks": [
                {
                    "key": "r26_eservices_end_to_end",
                    "title": "Asiointipalvelujen kehittäminen alusta loppuun sähköisiksi",
                    "description": (
                        "Jäljellä olevat paperiset ja tulostettavat lomakkeet korvataan "
                        "sähköisillä asiointipalveluilla, joiden tieto siirtyy suoraan "
                        "käsittelyyn."
                    ),
                    "kind": "implementation",
                    "owner": "service_manager",
                    "collaborators": ["cio", "records_secretary", "communications_manager"],
                    "unit": "Asiakaspalvelut",
                    "start": "2026Q1",
                    "due": "2027Q4",
                    "priority": "high",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                    "carried_over_from": "r23_eservices_end_to_end",
                },
                {
                    "key": "r26_accessibility_audit",
                    "title": "Sähköisten palvelujen saavutettavuusarviointi",
                    "description": (
                        "Verkkosivujen, kaupunkisovelluksen ja asiointilomakkeiden "
                        "saavutettavuus arvioidaan, ja havaitut puutteet kirjataan "
                        "korjaussuunnitelmaan."
                    ),
                    "kind": "study",
                    "owner": "communications_manager",
                    "collaborators": ["service_manager"],
                    "collaborating_units": "Ulkopuolinen saavutettavuusarvioija",
                    "unit": "Viestintä ja markkinointi",
                    "start": "2026Q1",
                    "due": "2026Q2",
                    "priority": "medium",
                    "quick_win": True,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r26_city_app_renewal",
                    "title": "Kaupunkisovelluksen uudistaminen ja saavutettavuuskorjaukset",
                    "description": (
                        "Kaupunkisovelluksen etusivu ja valikot uudistetaan käyttäjäpalautteen "
                        "ja saavutettavuusarvioinnin perusteella."
                    ),
                    "kind": "implementation",
                    "owner": "communications_manager",
                    "collaborators": ["cio"],
                    "collaborating_units": "Sovellustoimittaja",
                    "unit": "Viestintä ja markkinointi",
                    "start": "2026Q2",
                    "due": "2026Q2",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                    "predecessors": ["r26_accessibility_audit"],
                },
                {
                    "key": "r26_ai_assistant_pilot",
                    "title": "Tekoälyavustajan kokeilu asiakaspalvelussa",
                    "description": (
                        "Verkkosivuilla kokeillaan tekoälyavustajaa, joka vastaa yleisimpiin "
                        "kysymyksiin ja ohjaa oikeaan palveluun. Kokeilun tuloksista päätetään "
                        "jatkosta."
                    ),
                    "kind": "pilot",
                    "owner": "service_manager",
                    "collaborators": ["cio", "communications_manager"],
                    "unit": "Asiakaspalvelut",
                    "start": "2026Q2",
                    "due": "2027Q1",
                    "priority": "high",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                },
                {
                    "key": "r26_payment_options",
                    "title": "Yhtenäiset maksuvaihtoehdot koko kaupungissa",
                    "description": (
                        "Edelliseltä kaudelta siirtynyt tehtävä: kaupungin palveluissa otetaan "
                        "käyttöön yhtenäiset maksutavat uuden maksupalvelusopimuksen myötä."
                    ),
                    "kind": "implementation",
                    "owner": "finance_director",
                    "collaborators": ["service_manager", "sports_coordinator"],
                    "unit": "Talouspalvelut",
                    "start": "2027Q1",
                    "due": "2027Q3",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "planned",
                    "is_public": True,
                    "carried_over_from": "r23_payment_options",
                },
                {
                    "key": "r26_early_education_eservices",
                    "title": "Varhaiskasvatuksen hakemusten ja läsnäolojen sähköistäminen",
                    "description": (
                        "Varhaiskasvatukseen haetaan ja hoitoajat ilmoitetaan sähköisesti, ja "
                        "tiedot siirtyvät suoraan asiakasjärjestelmään."
                    ),
                    "kind": "implementation",
                    "owner": "daycare_director",
                    "collaborators": ["service_manager", "cio"],
                    "unit": "Varhaiskasvatus",
                    "start": "2027Q2",
                    "due": "2028Q1",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "planned",
                    "is_public": True,
                },
            ],
        },
        {
            "name": "Digituki ja osaaminen",
            "description": (
                "Kuntalaisille järjestetään digitukea lähellä, ja henkilöstön osaamista "
                "vahvistetaan yhteistyövälineiden ja tekoälyn käytössä."
            ),
            "is_spearhead": False,
            "colour": "green",
            "tasks": [
                {
                    "key": "r26_digital_support_days",
                    "title": "Kuntalaisten digitukipäivät kirjastossa",
                    "description": (
                        "Kirjastossa järjestetään säännöllisiä digitukipäiviä, joissa saa apua "
                        "esimerkiksi pankkitunnuksiin, suomi.fi-asiointiin ja kaupunkisovellukseen."
                    ),
                    "kind": "other",
                    "owner": "library_director",
                    "collaborators": ["service_manager"],
                    "unit": "Kirjasto",
                    "start": "2026Q1",
                    "due": "2026Q2",
                    "priority": "medium",
                    "quick_win": True,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r26_m365_training",
                    "title": "Microsoft 365 -yhteistyövälineiden koulutus henkilöstölle",
                    "description": (
                        "Henkilöstö koulutetaan käyttämään Teamsia, yhteisiä tiedostoja ja "
                        "muita Microsoft 365 -työkaluja arjen yhteistyössä."
                    ),
                    "kind": "training",
                    "owner": "hr_director",
                    "collaborators": ["cio", "it_support"],
                    "unit": "Konsernipalvelut",
                    "start": "2026Q1",
                    "due": "2027Q2",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                },
                {
                    "key": "r26_ai_guidelines_training",
                    "title": "Tekoälyn käytön ohjeistus ja koulutus henkilöstölle",
                    "description": (
                        "Laaditaan ohje tekoälypalvelujen turvallisesta käytöstä ja koulutetaan "
                        "henkilöstö sen mukaisesti. Ohjeessa hyödynnetään asiakaspalvelun "
                        "kokeilun kokemuksia."
                    ),
                    "kind": "training",
                    "owner": "cio",
                    "collaborators": ["hr_director"],
                    "unit": "Tietohallinto",
                    "start": "2027Q1",
                    "due": "2027Q3",
                    "priority": "medium",
                    "quick_win": True,
                    "status": "planned",
                    "is_public": True,
                    "predecessors": ["r26_ai_assistant_pilot"],
                },
            ],
        },
        {
            "name": "Hallinto ja automaatio",
            "description": (
                "Arkistointi viedään loppuun ja rutiinitöitä automatisoidaan edelleen. "
                "Ohjelmistorobotiikkaa kokeillaan toistuvissa tehtävissä."
            ),
            "is_spearhead": False,
            "colour": "purple",
            "tasks": [
                {
                    "key": "r26_archiving_system",
                    "title": "Arkistointijärjestelmän käyttöönoton viimeistely",
                    "description": (
                        "Toimialojen aineistot on siirretty arkistointijärjestelmään ja "
                        "käyttöönotto on viety loppuun."
                    ),
                    "kind": "implementation",
                    "owner": "records_secretary",
                    "collaborators": ["cio", "hr_director"],
                    "unit": "Konsernipalvelut",
                    "start": "2026Q1",
                    "due": "2026Q2",
                    "priority": "high",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                    "carried_over_from": "r23_archiving_system",
                },
                {
                    "key": "r26_education_documents",
                    "title": "Sivistyksen dokumenttien siirron automatisointi",
                    "description": (
                        "Sivistyspalvelujen asiakirjojen siirto arkistointijärjestelmään "
                        "automatisoidaan. Rajapinnan testaus on viivästynyt."
                    ),
                    "kind": "implementation",
                    "owner": "records_secretary",
                    "collaborators": ["principal", "daycare_director"],
                    "unit": "Konsernipalvelut",
                    "start": "2026Q2",
                    "due": "2026Q3",
                    "priority": "low",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": False,
                    "predecessors": ["r26_archiving_system"],
                    "carried_over_from": "r23_education_documents",
                },
                {
                    "key": "r26_meeting_room_booking",
                    "title": "Kokoustilojen sähköinen varaaminen",
                    "description": (
                        "Kokoustilat varataan sähköisestä kalenterista, ja varaukset näkyvät "
                        "tilojen ovinäytöillä."
                    ),
                    "kind": "implementation",
                    "owner": "it_support",
                    "collaborators": ["records_secretary"],
                    "unit": "Tietohallinto",
                    "start": "2026Q1",
                    "due": "2026Q2",
                    "priority": "low",
                    "quick_win": True,
                    "status": "done",
                    "is_public": False,
                    "carried_over_from": "r23_meeting_room_booking",
                },
                {
                    "key": "r26_rpa_pilot",
                    "title": "Ohjelmistorobotiikan kokeilu taloushallinnon rutiineissa",
                    "description": (
                        "Kokeillaan ohjelmistorobottia toistuvissa taloushallinnon tehtävissä, "
                        "kuten täsmäytyksissä ja raporttien koostamisessa."
                    ),
                    "kind": "pilot",
                    "owner": "finance_director",
                    "collaborators": ["cio"],
                    "unit": "Talouspalvelut",
                    "start": "2026Q3",
                    "due": "2027Q2",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": False,
                },
            ],
        },
        {
            "name": "Tietoturva ja tietosuoja",
            "description": (
                "Tietoturvallisuutta johdetaan suunnitelmallisesti NIS2-vaatimusten mukaisesti. "
                "Henkilöstö tunnistaa tietoturvauhat ja toimii oikein."
            ),
            "is_spearhead": False,
            "colour": "red",
            "tasks": [
                {
                    "key": "r26_nis2_isms",
                    "title": "Tietoturvallisuuden hallintamalli ja NIS2-vaatimukset",
                    "description": (
                        "Kaupungille rakennetaan tietoturvallisuuden hallintamalli, jolla "
                        "täytetään NIS2-direktiivin kyberturvallisuusvaatimukset."
                    ),
                    "kind": "implementation",
                    "owner": "cio",
                    "collaborators": ["hr_director", "technical_director", "it_support"],
                    "unit": "Tietohallinto",
                    "start": "2026Q1",
                    "due": "2027Q2",
                    "priority": "high",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                },
                {
                    "key": "r26_phishing_training",
                    "title": "Tietoturvakoulutus ja kalasteluharjoitus henkilöstölle",
                    "description": (
                        "Koko henkilöstö suorittaa verkossa tietoturvakoulutuksen, ja "
                        "kalasteluviestien tunnistamista harjoitellaan."
                    ),
                    "kind": "training",
                    "owner": "it_support",
                    "collaborators": ["cio"],
                    "unit": "Tietohallinto",
                    "start": "2026Q2",
                    "due": "2026Q3",
                    "priority": "medium",
                    "quick_win": True,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r26_recovery_exercise",
                    "title": "Tietojärjestelmien palautumisharjoitus",
                    "description": (
                        "Harjoitellaan keskeisten järjestelmien palauttamista varmuuskopioista. "
                        "Harjoitus siirrettiin NIS2-työn ja toimittajan aikataulun vuoksi."
                    ),
                    "kind": "other",
                    "owner": "cio",
                    "collaborators": ["it_support", "technical_director"],
                    "unit": "Tietohallinto",
                    "start": "2026Q3",
                    "due": "2026Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "postponed",
                    "is_public": False,
                },
            ],
        },
        {
            "name": "Sivistys ja kulttuuri",
            "description": (
                "Museon kokoelmat digitalisoidaan ja avataan yleisölle verkossa. Kirjasto ja "
                "koulut hyödyntävät digitaalisia sisältöjä."
            ),
            "is_spearhead": False,
            "colour": "olive",
            "tasks": [
                {
                    "key": "r26_museum_digitisation",
                    "title": "Museon kokoelmaobjektien digitalisoinnin jatkaminen",
                    "description": (
                        "Edelliseltä kaudelta jatkuva työ: jäljellä olevat kokoelmaobjektit "
                        "kuvataan ja luetteloidaan kokoelmanhallintajärjestelmään."
                    ),
                    "kind": "implementation",
                    "owner": "museum_director",
                    "collaborators": ["project_coordinator"],
                    "unit": "Museo",
                    "start": "2026Q1",
                    "due": "2027Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                    "carried_over_from": "r23_museum_digitisation",
                },
                {
                    "key": "r26_online_collection",
                    "title": "Museon kokoelmat verkkoon yleisön selattaviksi",
                    "description": (
                        "Digitalisoidut kokoelmaobjektit julkaistaan verkossa, jossa kuka "
                        "tahansa voi selata ja hakea niitä."
                    ),
                    "kind": "implementation",
                    "owner": "museum_director",
                    "collaborators": ["communications_manager"],
                    "unit": "Museo",
                    "start": "2028Q1",
                    "due": "2028Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "planned",
                    "is_public": True,
                    "predecessors": ["r26_museum_digitisation"],
                },
            ],
        },
        {
            "name": "Tekniset palvelut ja vesihuolto",
            "description": (
                "Etäluettavien vesimittarien tietoa hyödynnetään vuotojen havaitsemisessa, ja "
                "verkosto- ja karttatiedot pidetään ajan tasalla asukkaiden käytössä."
            ),
            "is_spearhead": False,
            "colour": "orange",
            "tasks": [
                {
                    "key": "r26_water_leak_alerts",
                    "title": "Vuotohälytysten kokeilu etäluettavilla vesimittareilla",
                    "description": (
                        "Etäluettavien vesimittarien kulutustiedoista tunnistetaan epätavallinen "
                        "jatkuva kulutus, ja asukas saa ilmoituksen mahdollisesta vuodosta."
                    ),
                    "kind": "pilot",
                    "owner": "technical_director",
                    "collaborators": ["communications_manager", "it_support"],
                    "collaborating_units": "Vesihuoltolaitos, mittaritoimittaja",
                    "unit": "Tekniset palvelut",
                    "start": "2026Q2",
                    "due": "2027Q1",
                    "priority": "high",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                },
                {
                    "key": "r26_network_data_updates",
                    "title": "Verkkotietopisteen vesiverkkotietojen päivitysten automatisointi",
                    "description": (
                        "Vesiverkkotietojen muutokset siirtyvät Verkkotietopisteeseen "
                        "automaattisesti, joten asiakkaiden näkemät tiedot pysyvät ajan tasalla."
                    ),
                    "kind": "implementation",
                    "owner": "technical_director",
                    "collaborators": ["building_inspector"],
                    "unit": "Tekniset palvelut",
                    "start": "2026Q1",
                    "due": "2026Q2",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "r26_map_imagery_update",
                    "title": "Karttapalvelun ilmakuvien päivitys",
                    "description": (
                        "Karttapalveluun päivitetään uudet ilmakuvat edellisen kauden selvityksen "
                        "mukaisesti."
                    ),
                    "kind": "implementation",
                    "owner": "building_inspector",
                    "collaborators": ["technical_director"],
                    "unit": "Kaupunkisuunnittelukeskus",
                    "start": "2026Q2",
                    "due": "2026Q3",
                    "priority": "low",
                    "quick_win": True,
                    "status": "done",
                    "is_public": True,
                },
            ],
        },
    ],
}


# ---------------------------------------------------------------------------------------------
# Esimerkkilä: a small invented municipality, so that the demo has two organisations.
# ---------------------------------------------------------------------------------------------

ESIMERKKILA_PEOPLE: list[PersonData] = [
    {
        "key": "cio",
        "name": "Tietohallintopäällikkö",
        "title": "Tietohallintopäällikkö",
        "unit": "Tietohallinto",
        "email": "esimerkkila.tietohallintopaallikko@demo.invalid",
    },
    {
        "key": "municipal_manager",
        "name": "Kunnanjohtaja",
        "title": "Kunnanjohtaja",
        "unit": "Hallintopalvelut",
        "email": "esimerkkila.kunnanjohtaja@demo.invalid",
    },
    {
        "key": "education_director",
        "name": "Sivistysjohtaja",
        "title": "Sivistysjohtaja",
        "unit": "Sivistyspalvelut",
        "email": "esimerkkila.sivistysjohtaja@demo.invalid",
    },
    {
        "key": "digital_support_advisor",
        "name": "Digitukineuvoja",
        "title": "Digitukineuvoja",
        "unit": "Kirjasto",
        "email": "esimerkkila.digitukineuvoja@demo.invalid",
    },
]

ROADMAP_ESIMERKKILA_2024_2026: RoadmapData = {
    "slug": "2024-2026",
    "title": "Digitiekartta 2024–2026",
    "start_year": 2024,
    "end_year": 2026,
    "description": (
        "Esimerkkilän kunnan digitiekartta vuosille 2024–2026 keskittyy sähköiseen asiointiin, "
        "kuntalaisten digitukeen ja tietoturvaan. Tiekartta on laadittu pienen kunnan "
        "voimavaroihin sopivaksi, ja siinä hyödynnetään valmiita yhteisiä palveluja."
    ),
    "is_archived": False,
    "themes": [
        {
            "name": "Sähköinen asiointi",
            "description": (
                "Kuntalaiset voivat hoitaa yleisimmät asiansa verkossa ajasta ja paikasta "
                "riippumatta."
            ),
            "is_spearhead": True,
            "colour": "blue",
            "tasks": [
                {
                    "key": "e24_eservice_forms",
                    "title": "Yleisimpien lomakkeiden sähköistäminen",
                    "description": (
                        "Kunnan kymmenen käytetyintä paperilomaketta muutetaan sähköisiksi "
                        "asiointipalveluiksi suomi.fi-tunnistautumisella."
                    ),
                    "kind": "implementation",
                    "owner": "cio",
                    "collaborators": ["municipal_manager"],
                    "unit": "Tietohallinto",
                    "start": "2024Q1",
                    "due": "2025Q2",
                    "priority": "high",
                    "quick_win": False,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "e24_afternoon_club",
                    "title": "Koululaisten iltapäivätoiminnan sähköinen haku ja maksaminen",
                    "description": (
                        "Iltapäivätoimintaan haetaan ja se maksetaan verkossa. Paperihakemuksista "
                        "luovutaan."
                    ),
                    "kind": "implementation",
                    "owner": "education_director",
                    "collaborators": ["cio"],
                    "unit": "Sivistyspalvelut",
                    "start": "2025Q3",
                    "due": "2026Q2",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                    "predecessors": ["e24_eservice_forms"],
                },
                {
                    "key": "e24_chat_study",
                    "title": "Verkkosivujen chat-palvelun selvitys",
                    "description": (
                        "Selvitetään, kannattaako kunnan verkkosivuille ottaa chat-palvelu "
                        "yhteistyössä naapurikuntien kanssa."
                    ),
                    "kind": "study",
                    "owner": "municipal_manager",
                    "collaborators": ["cio"],
                    "unit": "Hallintopalvelut",
                    "start": "2026Q4",
                    "due": "2026Q4",
                    "priority": "low",
                    "quick_win": False,
                    "status": "planned",
                    "is_public": True,
                },
            ],
        },
        {
            "name": "Digituki",
            "description": (
                "Kuntalaiset saavat apua laitteiden ja sähköisten palvelujen käyttöön "
                "kirjastosta ja kotiin."
            ),
            "is_spearhead": False,
            "colour": "green",
            "tasks": [
                {
                    "key": "e24_library_support_desk",
                    "title": "Kirjaston digitukipiste",
                    "description": (
                        "Kirjastoon perustetaan digitukipiste, joka on avoinna kahtena päivänä "
                        "viikossa."
                    ),
                    "kind": "other",
                    "owner": "digital_support_advisor",
                    "collaborators": ["education_director"],
                    "unit": "Kirjasto",
                    "start": "2024Q2",
                    "due": "2024Q3",
                    "priority": "medium",
                    "quick_win": True,
                    "status": "done",
                    "is_public": True,
                },
                {
                    "key": "e24_home_digital_support",
                    "title": "Ikäihmisten digituki kotikäynteinä",
                    "description": (
                        "Kokeillaan digitukea kotona asuville ikäihmisille yhdessä kotihoidon "
                        "kanssa."
                    ),
                    "kind": "pilot",
                    "owner": "digital_support_advisor",
                    "collaborators": [],
                    "collaborating_units": "Hyvinvointialueen kotihoito",
                    "unit": "Kirjasto",
                    "start": "2025Q2",
                    "due": "2026Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                    "predecessors": ["e24_library_support_desk"],
                },
            ],
        },
        {
            "name": "Tietoturva",
            "description": (
                "Kunnan tiedot ja järjestelmät ovat turvassa, ja henkilöstö tuntee "
                "tietoturvan perusasiat."
            ),
            "is_spearhead": False,
            "colour": "red",
            "tasks": [
                {
                    "key": "e24_mfa",
                    "title": "Monivaiheisen tunnistautumisen käyttöönotto",
                    "description": (
                        "Kaikissa henkilöstön käyttämissä pilvipalveluissa otetaan käyttöön "
                        "monivaiheinen tunnistautuminen."
                    ),
                    "kind": "implementation",
                    "owner": "cio",
                    "collaborators": [],
                    "unit": "Tietohallinto",
                    "start": "2024Q1",
                    "due": "2024Q2",
                    "priority": "high",
                    "quick_win": True,
                    "status": "done",
                    "is_public": False,
                },
                {
                    "key": "e24_security_training",
                    "title": "Henkilöstön tietoturvakoulutus",
                    "description": (
                        "Koko henkilöstö suorittaa vuosittaisen tietoturvan verkkokoulutuksen."
                    ),
                    "kind": "training",
                    "owner": "cio",
                    "collaborators": ["municipal_manager"],
                    "unit": "Tietohallinto",
                    "start": "2024Q3",
                    "due": "2026Q4",
                    "priority": "medium",
                    "quick_win": False,
                    "status": "in_progress",
                    "is_public": True,
                },
            ],
        },
    ],
}


ORGANISATIONS: list[OrganisationData] = [
    {
        "slug": "kankaanpaa-demo",
        "name": "Kankaanpään kaupunki (demo)",
        "people": KANKAANPAA_PEOPLE,
        "roadmaps": [ROADMAP_2023_2025, ROADMAP_2026_2028],
    },
    {
        "slug": "esimerkkila-demo",
        "name": "Esimerkkilän kunta (demo)",
        "people": ESIMERKKILA_PEOPLE,
        "roadmaps": [ROADMAP_ESIMERKKILA_2024_2026],
    },
]
