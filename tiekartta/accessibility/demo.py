"""The demo's accessibility statement for Kankaanpää, and two residents' messages: one
answered, one near its deadline (so that the feedback list and `remind_feedback` have
something to show). Everything goes through the services. Safe to run again."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tiekartta.accessibility import services
from tiekartta.accessibility.models import (
    AccessibilityStatement,
    AssessmentMethod,
    Compliance,
    FeedbackKind,
    FeedbackMessage,
)
from tiekartta.accounts.models import Membership, Organisation, Role
from tiekartta.core.actors import Actor

DEMO = Actor.system("Demo")
DEMO_ORGANISATION = "kankaanpaa-demo"

STATEMENT = services.StatementInput(
    compliance=Compliance.PARTIAL,
    assessed_on=datetime.date(2026, 11, 16),
    assessment_method=AssessmentMethod.SELF,
    description_fi=(
        "Seloste koskee kaupungin digitiekartan julkisia sivuja. Sivut on arvioitu "
        "näppäimistöllä, NVDA-ruudunlukijalla ja axe-tarkistimella."
    ),
    description_sv=(
        "Utlåtandet gäller stadens offentliga sidor om den digitala färdplanen. Sidorna har "
        "bedömts med tangentbord, skärmläsaren NVDA och granskningsverktyget axe."
    ),
    feedback_contact="Tietohallintojohtaja\ndigitiekartta@kankaanpaa.example\n02 000 0000",
    issues=[
        services.IssueInput(
            what_fi=(
                "Aikajanan tehtäväpalkit vaativat kapealla näytöllä vaakasuuntaista vieritystä."
            ),
            what_sv="Tidslinjens uppgiftsstaplar kräver vågrät rullning på en smal skärm.",
            criterion="1.4.10",
            workaround_fi="Samat tiedot ovat luettelona yleisnäkymässä.",
            workaround_sv="Samma uppgifter finns som lista i översikten.",
            fix_expected=datetime.date(2027, 3, 31),
        ),
        services.IssueInput(
            what_fi="Väliraportin PDF-tiedoston kaavioiden tekstivastine on vain lyhyt kuvaus.",
            what_sv="Diagrammen i mellanrapportens PDF-fil har bara en kort textbeskrivning.",
            criterion="1.1.1",
            workaround_fi="Kaavioiden luvut ovat raportissa myös taulukkona.",
            workaround_sv="Diagrammens siffror finns också som tabell i rapporten.",
            fix_expected=datetime.date(2027, 6, 30),
        ),
    ],
)


def add_demo_accessibility(now: datetime.datetime | None = None) -> list[str]:
    organisation = Organisation.objects.filter(slug=DEMO_ORGANISATION).first()
    if organisation is None:
        return []
    added = []
    if not AccessibilityStatement.objects.filter(organisation=organisation).exists():
        services.save_statement(
            actor=DEMO, organisation=organisation, expected_version=None, data=STATEMENT
        )
        added.append(f"{organisation.name}: accessibility statement")
    if not FeedbackMessage.objects.filter(organisation=organisation).exists():
        _add_feedback(organisation, now or timezone.now())
        added.append(f"{organisation.name}: feedback messages")
    return added


def _add_feedback(organisation: Organisation, now: datetime.datetime) -> None:
    answered = services.receive_feedback(
        organisation=organisation,
        kind=FeedbackKind.GENERAL,
        message="Olisi hyvä nähdä, mitkä tehtävät koskevat kirjastoa.",
        language="fi",
        address="demo",
        page=f"/julkinen/{organisation.slug}/saavutettavuus/",
        now=now - datetime.timedelta(days=40),
    )
    admin = (
        Membership.objects.filter(organisation=organisation, role=Role.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    services.answer_feedback(
        actor=Actor.for_user(admin.user) if admin else DEMO,
        feedback=answered,
        answer=(
            "Kiitos! Tehtävät voi rajata vastuuyksikön mukaan, ja lisäämme kirjaston suodattimeen."
        ),
        now=now - datetime.timedelta(days=33),
    )
    services.receive_feedback(
        organisation=organisation,
        kind=FeedbackKind.ACCESSIBILITY,
        message="Aikajanaa on vaikea lukea puhelimella, palkit menevät ruudun ulkopuolelle.",
        name="Asukas",
        language="fi",
        address="demo",
        now=now - datetime.timedelta(days=12),
    )
