"""The demo: built from the seed, people by role only, and safe to load twice."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from tiekartta.accounts.models import Membership, Organisation, User
from tiekartta.roadmap.demo import DEMO_PASSWORD
from tiekartta.roadmap.models import Person, Roadmap, Status, Task, Theme

SEED_SURNAMES = [
    "Vanhahonko",
    "Norrbo",
    "Köykkä",
    "Hatanpää",
    "Heinänen",
    "Kähkönen",
    "Syrjälä",
    "Vaajasaari",
    "Virolainen",
    "Puputti",
    "Rajamäki",
    "Vainionpää",
    "Aho-Mantila",
    "Eronen",
    "Kuusimäki",
    "Yrjänä",
]


@pytest.mark.django_db
def test_demo_loads_once_and_again_adds_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo")
    counts = [
        model.objects.count()
        for model in (Organisation, User, Membership, Person, Roadmap, Theme, Task)
    ]
    call_command("load_demo")
    assert [
        model.objects.count()
        for model in (Organisation, User, Membership, Person, Roadmap, Theme, Task)
    ] == counts
    output = capsys.readouterr().out
    assert "already loaded" in output and "demo-outsider" in output

    kankaanpaa = Organisation.objects.get(slug="kankaanpaa-demo")
    assert kankaanpaa.is_demo
    old = Roadmap.objects.get(organisation=kankaanpaa, slug="2023-2025")
    new = Roadmap.objects.get(organisation=kankaanpaa, slug="2026-2028")
    assert old.is_archived and not new.is_archived
    assert old.tasks.count() >= 30
    spearheads = list(old.themes.filter(is_spearhead=True).values_list("name", flat=True))
    assert sorted(spearheads) == ["Asiakkaiden sähköiset palvelut", "Tiedolla johtaminen"]
    unfinished = old.tasks.filter(status__in=[Status.IN_PROGRESS, Status.POSTPONED])
    assert unfinished.exists()
    assert all(task.carried_over_to.filter(roadmap=new).count() == 1 for task in unfinished)
    assert (
        new.tasks.filter(predecessors__isnull=False).exists()
        or old.tasks.filter(predecessors__isnull=False).exists()
    )
    # Every demo user can sign in with the documented password and sees only its organisation.
    for username in ("demo-admin", "demo-editor", "demo-owner", "demo-viewer", "demo-outsider"):
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    assert (
        Membership.objects.get(user__username="demo-outsider").organisation.slug
        == "esimerkkila-demo"
    )
    owner = User.objects.get(username="demo-owner")
    assert Task.objects.filter(owner__user=owner, roadmap=new).count() >= 4


def test_demo_names_no_real_person() -> None:
    data = (Path(settings.BASE_DIR) / "tiekartta" / "roadmap" / "demo_data.py").read_text()
    for surname in SEED_SURNAMES:
        assert surname.lower() not in data.lower(), surname


@pytest.mark.django_db
def test_demo_pages_render_and_are_marked_as_demo() -> None:
    call_command("load_demo")
    client = Client()
    client.force_login(User.objects.get(username="demo-viewer"))
    page = client.get("/o/kankaanpaa-demo/r/2026-2028/").content.decode()
    assert "demo-banner" in page
    assert client.get("/o/kankaanpaa-demo/r/2023-2025/timeline/").status_code == 200
