"""The demo's news for Kankaanpää: a few published updates linked to tasks of the current
roadmap (2026–2028). Residents see them once the roadmap is public; a linked task shows only
while it is public. Everything goes through the services. Safe to run again."""

from __future__ import annotations

from tiekartta.accounts.models import Organisation
from tiekartta.core.actors import Actor
from tiekartta.news import services
from tiekartta.news.models import NewsItem
from tiekartta.roadmap.models import Roadmap, Task

DEMO = Actor.system("Demo")
DEMO_ORGANISATION = "kankaanpaa-demo"
CURRENT_ROADMAP = "2026-2028"

# (title, text, titles of the linked tasks)
NEWS = [
    (
        "Avoimen datan julkaiseminen on alkanut",
        "Kaupunki julkaisee ensimmäiset aineistonsa avoimena datana. Lisää aineistoja "
        "julkaistaan sitä mukaa kuin ne valmistuvat.",
        ["Avoimen datan julkaiseminen"],
    ),
    (
        "Sähköisten palvelujen saavutettavuus arvioidaan",
        "Kaupungin sähköisten asiointipalvelujen saavutettavuus arvioidaan tämän vuoden "
        "aikana. Palautetta saavutettavuudesta voi antaa julkisten sivujen kautta.",
        ["Sähköisten palvelujen saavutettavuusarviointi"],
    ),
    (
        "Tietovarasto valmistuu",
        "Tietovaraston rakentaminen on loppusuoralla. Sen avulla kaupungin toimialat "
        "seuraavat palvelujaan ajantasaisilla luvuilla.",
        ["Tietovaraston rakentamisen viimeistely"],
    ),
]


def add_demo_news() -> list[str]:
    organisation = Organisation.objects.filter(slug=DEMO_ORGANISATION).first()
    if organisation is None or NewsItem.objects.filter(organisation=organisation).exists():
        return []
    roadmap = Roadmap.objects.filter(organisation=organisation, slug=CURRENT_ROADMAP).first()
    if roadmap is None:
        return []
    for title, body, task_titles in NEWS:
        item = services.create_news(
            actor=DEMO,
            organisation=organisation,
            data=services.NewsInput(
                title=title,
                body=body,
                language="fi",
                roadmap=roadmap,
                tasks=list(Task.objects.filter(roadmap=roadmap, title__in=task_titles)),
            ),
        )
        services.set_published(actor=DEMO, item=item, published=True)
    return [f"{len(NEWS)} news items for {organisation.name}"]
