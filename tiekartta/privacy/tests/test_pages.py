"""The Data protection page: the retention periods, saved with a version and an audit event,
and the list of members and people whose data the administrator can download."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from conftest import World
from tests.factories import PersonFactory
from tiekartta.accounts.models import AuditEvent, EventKind
from tiekartta.privacy.models import RetentionSettings

URL = reverse("privacy:settings", kwargs={"org": "testikaupunki"})


def test_the_page_lists_members_and_people_without_an_account(world: World) -> None:
    PersonFactory(organisation=world.organisation, name="Konsultti Ilman Tunnusta")
    PersonFactory(organisation=world.outsider_organisation, name="Naapurin Henkilö")
    with translation.override("en"):
        response = world.client_for("admin").get(URL, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Retention periods" in text
    assert "editor-user" in text and "Konsultti Ilman Tunnusta" in text
    assert "Naapurin Henkilö" not in text and "outsider-user" not in text
    # A person linked to an account is listed once, as the member.
    assert "Tekninen johtaja" not in text
    assert f'value="{world.users["viewer"].pk}"' in text
    # The menu's settings group leads here.
    assert f'href="{URL}"' in text


def test_large_ids_are_posted_as_plain_numbers(world: World) -> None:
    """An English page writes 12345 as "12,345": the forms must not post that."""
    PersonFactory(pk=123456, organisation=world.organisation, name="Konsultti")
    with translation.override("en"):
        text = world.client_for("admin").get(URL, headers={"Accept-Language": "en"}).content
    assert b'value="123456"' in text


def test_saving_the_retention_periods(world: World) -> None:
    client = world.client_for("admin")
    response = client.post(URL, {"version": "", "import_days": "30", "removed_person_days": "60"})
    assert response.status_code == 302
    saved = RetentionSettings.objects.get(organisation=world.organisation)
    assert (saved.import_days, saved.removed_person_days, saved.version) == (30, 60, 1)
    again = client.post(URL, {"version": "1", "import_days": "20", "removed_person_days": "60"})
    assert again.status_code == 302
    saved.refresh_from_db()
    assert (saved.import_days, saved.version) == (20, 2)
    first, second = AuditEvent.objects.filter(kind=EventKind.RETENTION_SAVED).order_by("pk")
    assert first.actor == world.users["admin"]
    assert first.data == {"import_days": 30, "removed_person_days": 60}
    assert second.data["import_days"] == 20
    assert saved.history.first().history_user == world.users["admin"]


def test_a_form_from_before_another_save_is_a_conflict(world: World) -> None:
    client = world.client_for("admin")
    client.post(URL, {"version": "", "import_days": "30", "removed_person_days": "60"})
    # A second form opened on the defaults, before the first save.
    stale = client.post(URL, {"version": "", "import_days": "5", "removed_person_days": "60"})
    assert stale.status_code == 409
    assert RetentionSettings.objects.get(organisation=world.organisation).import_days == 30
    assert 'class="conflict-changes"' in stale.content.decode()


def test_periods_out_of_range_are_refused(world: World) -> None:
    client = world.client_for("admin")
    response = client.post(URL, {"version": "", "import_days": "0", "removed_person_days": "1"})
    assert response.status_code == 400
    assert not RetentionSettings.objects.exists()
    assert not AuditEvent.objects.filter(kind=EventKind.RETENTION_SAVED).exists()
