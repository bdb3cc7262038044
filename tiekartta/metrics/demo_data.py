"""The demo's metrics, drawn from the seed roadmap's goals: each is defined for 2023–2025 with
its history and carried over to 2026–2028 with a new baseline and target.

Pure data. Values are listed by period in order; a period left out of a list is one whose
value never arrived, which is how the demo shows a stale metric.
"""

from __future__ import annotations

from typing import TypedDict


class PeriodPlan(TypedDict, total=False):
    roadmap: str  # slug
    baseline: tuple[str, str] | None  # (value, ISO date)
    target: tuple[str, str]
    milestones: dict[int, str]
    values: dict[str, str]  # period → value
    tasks: list[str]  # task keys of the roadmap data


class MetricData(TypedDict):
    name: str
    theme: str
    owner: str  # person key
    unit: str
    unit_label: str
    direction: str
    frequency: str
    description: str
    measurement: str
    source: str
    plans: list[PeriodPlan]


KANKAANPAA_METRICS: list[MetricData] = [
    {
        "name": "Alusta loppuun sähköisten asiointipalvelujen osuus",
        "theme": "Asiakkaiden sähköiset palvelut",
        "owner": "service_manager",
        "unit": "percent",
        "unit_label": "",
        "direction": "higher",
        "frequency": "half_yearly",
        "description": "Kuinka suuri osa kaupungin asiointipalveluista hoituu sähköisesti "
        "hakemuksesta päätökseen ilman paperia tai käyntiä.",
        "measurement": "Palvelukartan palvelut, joiden koko asiointipolku on sähköinen, "
        "jaettuna kaikilla palvelukartan asiointipalveluilla.",
        "source": "Palvelukartta (palveluesimiesten arvio)",
        "plans": [
            {
                "roadmap": "2023-2025",
                "baseline": ("35", "2022-12-31"),
                "target": ("60", "2025-12-31"),
                "milestones": {2023: "42", 2024: "51"},
                "values": {
                    "2023H1": "38",
                    "2023H2": "41",
                    "2024H1": "46",
                    "2024H2": "50",
                    "2025H1": "53",
                    "2025H2": "57",
                },
                "tasks": ["r23_eservices_end_to_end", "r23_suomi_fi_identification"],
            },
            {
                "roadmap": "2026-2028",
                "baseline": ("57", "2025-12-31"),
                "target": ("80", "2028-12-31"),
                "milestones": {2026: "64", 2027: "72"},
                "values": {"2026H1": "62"},
                "tasks": ["r26_eservices_end_to_end", "r26_early_education_eservices"],
            },
        ],
    },
    {
        "name": "Sähköiset asiointitapahtumat vuodessa",
        "theme": "Asiakkaiden sähköiset palvelut",
        "owner": "cio",
        "unit": "count",
        "unit_label": "",
        "direction": "higher",
        "frequency": "yearly",
        "description": "Sähköisten lomakkeiden, ajanvarausten, ilmoittautumisten ja maksujen "
        "määrä vuodessa.",
        "measurement": "Asiointialustan ja maksupalvelun tapahtumat yhteensä, kalenterivuosi.",
        "source": "Asiointialustan ja verkkomaksupalvelun raportit",
        "plans": [
            {
                "roadmap": "2023-2025",
                "baseline": ("18500", "2022-12-31"),
                "target": ("30000", "2025-12-31"),
                "values": {"2023": "21400", "2024": "25900", "2025": "31200"},
                "tasks": ["r23_online_registration", "r23_payment_options"],
            },
            {
                "roadmap": "2026-2028",
                "baseline": ("31200", "2025-12-31"),
                "target": ("45000", "2028-12-31"),
                "milestones": {2026: "35000", 2027: "40000"},
                "values": {},
                "tasks": ["r26_payment_options", "r26_eservices_end_to_end"],
            },
        ],
    },
    {
        "name": "Harrastusten ja tapahtumien verkkoilmoittautumiset ja -maksut",
        "theme": "Asiakkaiden sähköiset palvelut",
        "owner": "sports_coordinator",
        "unit": "count",
        "unit_label": "",
        "direction": "higher",
        "frequency": "quarterly",
        "description": "Liikunta-, kulttuuri- ja nuorisopalvelujen ilmoittautumiset ja maksut "
        "verkossa neljännesvuodessa.",
        "measurement": "Ilmoittautumisjärjestelmän maksetut ilmoittautumiset, neljännesvuosi.",
        "source": "Ilmoittautumisjärjestelmä",
        "plans": [
            {
                "roadmap": "2023-2025",
                "baseline": ("400", "2022-12-31"),
                "target": ("1200", "2025-12-31"),
                "values": {
                    "2023Q1": "450",
                    "2023Q2": "380",
                    "2023Q3": "640",
                    "2023Q4": "610",
                    "2024Q1": "720",
                    "2024Q2": "590",
                    "2024Q3": "910",
                    "2024Q4": "880",
                    "2025Q1": "980",
                    "2025Q2": "820",
                    "2025Q3": "1240",
                    "2025Q4": "1150",
                },
                "tasks": ["r23_online_registration", "r23_payment_options"],
            },
            {
                "roadmap": "2026-2028",
                "baseline": ("1150", "2025-12-31"),
                "target": ("1800", "2028-12-31"),
                "values": {"2026Q1": "1180", "2026Q2": "1020", "2026Q3": "1390"},
                "tasks": ["r26_payment_options"],
            },
        ],
    },
    {
        "name": "Kaupunkisovelluksen käyttäjät",
        "theme": "Asiakkaiden sähköiset palvelut",
        "owner": "communications_manager",
        "unit": "count",
        "unit_label": "",
        "direction": "higher",
        "frequency": "quarterly",
        "description": "Kaupunkisovelluksen aktiiviset käyttäjät neljännesvuoden lopussa.",
        "measurement": "Käyttäjät, jotka ovat avanneet sovelluksen neljännesvuoden aikana.",
        "source": "Sovelluksen käyttötilastot",
        "plans": [
            {
                "roadmap": "2023-2025",
                "baseline": ("0", "2023-06-30"),
                "target": ("4000", "2025-12-31"),
                "values": {
                    "2023Q3": "600",
                    "2023Q4": "1100",
                    "2024Q1": "1500",
                    "2024Q2": "1700",
                    "2024Q3": "2100",
                    "2024Q4": "2500",
                    "2025Q1": "2800",
                    "2025Q2": "2900",
                    "2025Q3": "3200",
                    "2025Q4": "3400",
                },
                "tasks": ["r23_city_app"],
            },
            {
                "roadmap": "2026-2028",
                "baseline": ("3400", "2025-12-31"),
                "target": ("6000", "2028-12-31"),
                "milestones": {2026: "4200", 2027: "5100"},
                # The third quarter's figure never arrived: the metric is stale.
                "values": {"2026Q1": "3500", "2026Q2": "3550"},
                "tasks": ["r26_city_app_renewal"],
            },
        ],
    },
    {
        "name": "Etäluettavat vesimittarit (% kaikista)",
        "theme": "Tekniset palvelut ja vesihuolto",
        "owner": "technical_director",
        "unit": "percent",
        "unit_label": "",
        "direction": "higher",
        "frequency": "half_yearly",
        "description": "Etäluettavien vesimittarien osuus kaikista vesihuoltolaitoksen "
        "mittareista.",
        "measurement": "Etäluettavat mittarit jaettuna kaikilla asennetuilla mittareilla "
        "puolivuotiskauden lopussa.",
        "source": "Vesihuollon laskutusjärjestelmä",
        "plans": [
            {
                "roadmap": "2023-2025",
                "baseline": ("20", "2022-12-31"),
                "target": ("70", "2025-12-31"),
                "milestones": {2023: "35", 2024: "52"},
                "values": {
                    "2023H1": "28",
                    "2023H2": "37",
                    "2024H1": "46",
                    "2024H2": "55",
                    "2025H1": "63",
                    "2025H2": "71",
                },
                "tasks": ["r23_remote_water_metering"],
            },
            {
                "roadmap": "2026-2028",
                "baseline": ("71", "2025-12-31"),
                "target": ("100", "2028-12-31"),
                "milestones": {2026: "80", 2027: "90"},
                "values": {"2026H1": "76"},
                "tasks": ["r26_water_leak_alerts"],
            },
        ],
    },
    {
        "name": "Sähköisesti vastaanotetut vesihuollon vikailmoitukset (%)",
        "theme": "Tekniset palvelut ja vesihuolto",
        "owner": "technical_director",
        "unit": "percent",
        "unit_label": "",
        "direction": "higher",
        "frequency": "quarterly",
        "description": "Kuinka suuri osa vikailmoituksista tulee verkkolomakkeella tai "
        "sovelluksella puhelun sijaan.",
        "measurement": "Sähköiset vikailmoitukset jaettuna kaikilla vikailmoituksilla.",
        "source": "Vikailmoitusjärjestelmä",
        "plans": [
            {
                "roadmap": "2023-2025",
                "baseline": ("15", "2022-12-31"),
                "target": ("50", "2025-12-31"),
                "values": {
                    "2023Q2": "18",
                    "2023Q4": "24",
                    "2024Q2": "31",
                    "2024Q4": "38",
                    "2025Q2": "45",
                    "2025Q4": "52",
                },
                "tasks": ["r23_fault_notifications"],
            },
            {
                "roadmap": "2026-2028",
                "baseline": ("52", "2025-12-31"),
                "target": ("75", "2028-12-31"),
                # The third quarter's figure is missing: a stale metric for the demo owner.
                "values": {"2026Q1": "54", "2026Q2": "55"},
                "tasks": ["r26_water_leak_alerts", "r26_network_data_updates"],
            },
        ],
    },
    {
        "name": "Ruokahävikki ateriaa kohden",
        "theme": "Tiedolla johtaminen",
        "owner": "food_service_manager",
        "unit": "kg",
        "unit_label": "kg/ateria",
        "direction": "lower",
        "frequency": "quarterly",
        "description": "Valmistetun ruoan hävikki suhteessa tarjottuihin aterioihin.",
        "measurement": "Punnittu biojäte ja ylijäämäruoka jaettuna tarjotuilla aterioilla.",
        "source": "Hävikkiseuranta (keittiöiden punnitukset)",
        "plans": [
            {
                "roadmap": "2023-2025",
                "baseline": ("0.045", "2022-12-31"),
                "target": ("0.03", "2025-12-31"),
                "values": {
                    "2023Q1": "0.046",
                    "2023Q2": "0.044",
                    "2023Q3": "0.043",
                    "2023Q4": "0.041",
                    "2024Q1": "0.039",
                    "2024Q2": "0.038",
                    "2024Q3": "0.036",
                    "2024Q4": "0.035",
                    "2025Q1": "0.034",
                    "2025Q2": "0.033",
                    "2025Q3": "0.032",
                    "2025Q4": "0.031",
                },
                "tasks": ["r23_food_waste", "r23_meal_monitoring"],
            },
            {
                "roadmap": "2026-2028",
                "baseline": ("0.031", "2025-12-31"),
                "target": ("0.025", "2028-12-31"),
                "values": {"2026Q1": "0.03", "2026Q2": "0.031", "2026Q3": "0.029"},
                "tasks": [],
            },
        ],
    },
    {
        "name": "Tulostetut sivut työntekijää kohden",
        "theme": "Hallinto ja automaatio",
        "owner": "cio",
        "unit": "count",
        "unit_label": "sivua/hlö",
        "direction": "lower",
        "frequency": "yearly",
        "description": "Paperin käytön väheneminen sähköisten prosessien myötä.",
        "measurement": "Monitoimilaitteiden tulosteet ja kopiot jaettuna henkilöstömäärällä.",
        "source": "Monitoimilaitteiden hallintapalvelu",
        "plans": [
            {
                "roadmap": "2023-2025",
                "baseline": ("2400", "2022-12-31"),
                "target": ("1500", "2025-12-31"),
                "values": {"2023": "2250", "2024": "1980", "2025": "1720"},
                "tasks": ["r23_print_scan_study", "r23_invoice_checking"],
            },
            {
                "roadmap": "2026-2028",
                "baseline": ("1720", "2025-12-31"),
                "target": ("1000", "2028-12-31"),
                "milestones": {2026: "1500", 2027: "1250"},
                "values": {},
                "tasks": ["r26_rpa_pilot", "r26_education_documents"],
            },
        ],
    },
    {
        "name": "Digitaitokoulutuksiin osallistuneet työntekijät",
        "theme": "Digituki ja osaaminen",
        "owner": "hr_director",
        "unit": "count",
        "unit_label": "",
        "direction": "higher",
        "frequency": "half_yearly",
        "description": "Työntekijät, jotka ovat osallistuneet vähintään yhteen "
        "digitaitokoulutukseen kauden aikana (kertymä).",
        "measurement": "Koulutusrekisterin osallistujat, kertymä kauden alusta.",
        "source": "Koulutusrekisteri",
        "plans": [
            {
                "roadmap": "2023-2025",
                "baseline": ("0", "2022-12-31"),
                "target": ("400", "2025-12-31"),
                "values": {
                    "2023H1": "60",
                    "2023H2": "130",
                    "2024H1": "190",
                    "2024H2": "260",
                    "2025H1": "320",
                    "2025H2": "390",
                },
                "tasks": ["r23_training_needs_survey", "r23_digital_training"],
            },
            {
                "roadmap": "2026-2028",
                "baseline": ("0", "2025-12-31"),
                "target": ("450", "2028-12-31"),
                "values": {"2026H1": "95"},
                "tasks": ["r26_m365_training", "r26_ai_guidelines_training"],
            },
        ],
    },
    {
        "name": "Digituella autetut asukkaat",
        "theme": "Digituki ja osaaminen",
        "owner": "library_director",
        "unit": "count",
        "unit_label": "",
        "direction": "higher",
        "frequency": "quarterly",
        "description": "Kirjaston ja asiointipisteen digituessa autetut asukkaat.",
        "measurement": "Digituen asiakaskäynnit neljännesvuodessa.",
        "source": "Digituen asiakaskirjanpito",
        "plans": [
            {
                "roadmap": "2023-2025",
                "baseline": ("80", "2022-12-31"),
                "target": ("200", "2025-12-31"),
                "values": {
                    "2023Q1": "95",
                    "2023Q2": "70",
                    "2023Q3": "110",
                    "2023Q4": "125",
                    "2024Q1": "140",
                    "2024Q2": "105",
                    "2024Q3": "150",
                    "2024Q4": "170",
                    "2025Q1": "185",
                    "2025Q2": "150",
                    "2025Q3": "195",
                    "2025Q4": "210",
                },
                "tasks": ["r23_digital_support_info", "r23_library_digital_support"],
            },
            {
                "roadmap": "2026-2028",
                "baseline": ("210", "2025-12-31"),
                "target": ("300", "2028-12-31"),
                "values": {"2026Q1": "205", "2026Q2": "190", "2026Q3": "215"},
                "tasks": ["r26_digital_support_days"],
            },
        ],
    },
    {
        "name": "Henkilöstön tyytyväisyys digitaalisiin työvälineisiin",
        "theme": "Digituki ja osaaminen",
        "owner": "hr_director",
        "unit": "score",
        "unit_label": "/ 5",
        "direction": "higher",
        "frequency": "yearly",
        "description": "Henkilöstökyselyn kysymys: ”Digitaaliset työvälineeni tukevat "
        "työtäni” (asteikko 1–5).",
        "measurement": "Vastausten keskiarvo, vuosittainen henkilöstökysely.",
        "source": "Henkilöstökysely",
        "plans": [
            {
                "roadmap": "2023-2025",
                "baseline": ("3.1", "2022-12-31"),
                "target": ("3.8", "2025-12-31"),
                "values": {"2023": "3.2", "2024": "3.5", "2025": "3.7"},
                "tasks": ["r23_digital_training", "r23_meeting_room_booking"],
            },
            {
                "roadmap": "2026-2028",
                "baseline": ("3.7", "2025-12-31"),
                "target": ("4.2", "2028-12-31"),
                "values": {},
                "tasks": ["r26_m365_training"],
            },
        ],
    },
]

ESIMERKKILA_METRICS: list[MetricData] = [
    {
        "name": "Sähköiset asiointilomakkeet",
        "theme": "Sähköinen asiointi",
        "owner": "cio",
        "unit": "count",
        "unit_label": "",
        "direction": "higher",
        "frequency": "half_yearly",
        "description": "Käytössä olevat sähköiset asiointilomakkeet.",
        "measurement": "Asiointialustalla julkaistut lomakkeet puolivuotiskauden lopussa.",
        "source": "Asiointialusta",
        "plans": [
            {
                "roadmap": "2024-2026",
                "baseline": ("6", "2023-12-31"),
                "target": ("30", "2026-12-31"),
                "values": {"2024H1": "9", "2024H2": "14", "2025H1": "18", "2025H2": "22"},
                "tasks": ["e24_eservice_forms"],
            }
        ],
    },
    {
        "name": "Digituen asiakaskäynnit",
        "theme": "Digituki",
        "owner": "digital_support_advisor",
        "unit": "count",
        "unit_label": "",
        "direction": "higher",
        "frequency": "quarterly",
        "description": "Kirjaston digituen asiakaskäynnit neljännesvuodessa.",
        "measurement": "Digituen asiakaskirjanpito.",
        "source": "Kirjasto",
        "plans": [
            {
                "roadmap": "2024-2026",
                "baseline": ("20", "2023-12-31"),
                "target": ("60", "2026-12-31"),
                "values": {
                    "2024Q1": "24",
                    "2024Q2": "22",
                    "2024Q3": "31",
                    "2024Q4": "35",
                    "2025Q1": "38",
                    "2025Q2": "33",
                    "2025Q3": "44",
                    "2025Q4": "47",
                    "2026Q1": "50",
                    "2026Q2": "46",
                    "2026Q3": "58",
                },
                "tasks": ["e24_library_support_desk", "e24_home_digital_support"],
            }
        ],
    },
]

METRICS_BY_ORGANISATION: dict[str, list[MetricData]] = {
    "kankaanpaa-demo": KANKAANPAA_METRICS,
    "esimerkkila-demo": ESIMERKKILA_METRICS,
}
