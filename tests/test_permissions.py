"""Who may do what: a role × action table, and 404 for outsiders on every URL."""

import datetime
from collections.abc import Sequence

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import World
from tests.factories import IdeaFactory, TaskFactory
from tiekartta.accessibility.models import FeedbackKind, FeedbackMessage
from tiekartta.accessibility.services import receive_feedback
from tiekartta.accounts.models import ApiToken, Invitation, Membership, Role
from tiekartta.accounts.services import create_api_token, invite_member
from tiekartta.core.actors import Actor
from tiekartta.group.models import GroupMember, Meeting
from tiekartta.ideas.models import Idea, SurveyImport, SurveyImportStatus, Workshop
from tiekartta.imports.models import ImportBatch, ImportKind
from tiekartta.maturity.models import Assessment, Score, Viewpoint
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.news.models import NewsItem
from tiekartta.news.services import NewsInput, create_news
from tiekartta.plans.models import DraftState, PlanVersion, RevisionDraft
from tiekartta.plans.services import Decision, adopt_roadmap, start_revision
from tiekartta.roadmap.models import Kind, Person, Task

ORG = "testikaupunki"
RM = "2026-2028"
READ, WRITE = "GET", "POST"
ALL = {"admin", "editor", "owner", "viewer"}

# (url name, kwargs, method) → the roles allowed; everyone else in the organisation gets 403.
ACTIONS = [
    ("roadmap:roadmap_list", {}, READ, {"admin", "editor", "owner", "viewer"}),
    ("roadmap:overview", {"roadmap": RM}, READ, {"admin", "editor", "owner", "viewer"}),
    ("roadmap:timeline", {"roadmap": RM}, READ, {"admin", "editor", "owner", "viewer"}),
    ("roadmap:theme_list", {"roadmap": RM}, READ, {"admin", "editor", "owner", "viewer"}),
    ("roadmap:person_list", {}, READ, {"admin", "editor", "owner", "viewer"}),
    ("activity:change_log", {}, READ, {"admin", "editor", "owner", "viewer"}),
    ("activity:change_log_csv", {}, READ, {"admin", "editor", "owner", "viewer"}),
    (
        "progress:task_detail",
        {"roadmap": RM, "task": "own"},
        READ,
        {"admin", "editor", "owner", "viewer"},
    ),
    ("roadmap:roadmap_create", {}, READ, {"admin"}),
    ("roadmap:roadmap_edit", {"roadmap": RM}, READ, {"admin"}),
    ("roadmap:roadmap_archive", {"roadmap": RM}, WRITE, {"admin"}),
    ("roadmap:theme_create", {"roadmap": RM}, READ, {"admin", "editor"}),
    ("roadmap:theme_edit", {"roadmap": RM, "theme": "theme"}, READ, {"admin", "editor"}),
    ("roadmap:theme_delete", {"roadmap": RM, "theme": "theme"}, READ, {"admin", "editor"}),
    ("roadmap:person_create", {}, READ, {"admin", "editor"}),
    ("roadmap:person_edit", {"person": "person"}, READ, {"admin", "editor"}),
    ("roadmap:person_delete", {"person": "person"}, READ, {"admin", "editor"}),
    ("roadmap:task_create", {"roadmap": RM}, READ, {"admin", "editor"}),
    ("roadmap:task_edit", {"roadmap": RM, "task": "own"}, READ, {"admin", "editor", "owner"}),
    ("roadmap:task_edit", {"roadmap": RM, "task": "others"}, READ, {"admin", "editor"}),
    ("roadmap:task_delete", {"roadmap": RM, "task": "own"}, READ, {"admin", "editor"}),
    ("roadmap:task_move", {"roadmap": RM, "task": "own"}, WRITE, {"admin", "editor"}),
    ("progress:my_tasks", {}, READ, ALL),
    ("progress:dashboard", {"roadmap": RM}, READ, ALL),
    ("progress:review_list", {"roadmap": RM}, READ, ALL),
    ("progress:review_detail", {"roadmap": RM, "review": "review"}, READ, ALL),
    ("progress:review_minutes", {"roadmap": RM, "review": "review"}, READ, ALL),
    ("progress:review_minutes_pdf", {"roadmap": RM, "review": "review"}, READ, ALL),
    ("progress:record", {"roadmap": RM, "task": "own"}, READ, {"admin", "editor", "owner"}),
    ("progress:record", {"roadmap": RM, "task": "others"}, READ, {"admin", "editor"}),
    ("progress:record", {"roadmap": RM, "task": "others"}, WRITE, {"admin", "editor"}),
    # A pilot task's experiment: whoever may edit the task.
    (
        "progress:experiment_edit",
        {"roadmap": RM, "task": "own_pilot"},
        READ,
        {"admin", "editor", "owner"},
    ),
    (
        "progress:experiment_edit",
        {"roadmap": RM, "task": "own_pilot"},
        WRITE,
        {"admin", "editor", "owner"},
    ),
    (
        "progress:experiment_edit",
        {"roadmap": RM, "task": "others_pilot"},
        READ,
        {"admin", "editor"},
    ),
    (
        "progress:experiment_edit",
        {"roadmap": RM, "task": "others_pilot"},
        WRITE,
        {"admin", "editor"},
    ),
    ("progress:review_create", {"roadmap": RM}, READ, {"admin", "editor"}),
    ("progress:review_details", {"roadmap": RM, "review": "review"}, READ, {"admin", "editor"}),
    ("progress:review_close", {"roadmap": RM, "review": "review"}, READ, {"admin", "editor"}),
    ("progress:settings", {}, READ, {"admin"}),
    ("reports:interim", {"roadmap": RM}, READ, ALL),
    ("group:group", {}, READ, ALL),
    ("group:calendar", {}, READ, ALL),
    ("group:member_create", {}, READ, {"admin"}),
    ("group:member_edit", {"member": "group_member"}, READ, {"admin"}),
    ("group:member_delete", {"member": "group_member"}, WRITE, {"admin"}),
    ("group:feed_address", {}, WRITE, {"admin"}),
    ("group:meeting_create", {}, READ, {"admin", "editor"}),
    ("group:meeting", {"meeting": "meeting"}, READ, ALL),
    ("group:meeting_edit", {"meeting": "meeting"}, READ, {"admin", "editor"}),
    ("group:meeting_minutes", {"meeting": "meeting"}, WRITE, {"admin", "editor"}),
    ("group:meeting_redraft", {"meeting": "meeting"}, WRITE, {"admin", "editor"}),
    ("group:meeting_invite", {"meeting": "meeting"}, WRITE, {"admin", "editor"}),
    ("group:meeting_cancel", {"meeting": "meeting"}, WRITE, {"admin", "editor"}),
    ("reports:interim_pdf", {"roadmap": RM}, READ, ALL),
    ("reports:interim_docx", {"roadmap": RM}, READ, ALL),
    ("reports:export_xlsx", {"roadmap": RM}, READ, ALL),
    ("reports:export_csv", {"roadmap": RM}, READ, ALL),
    ("reports:attachment_pdf", {"roadmap": RM}, READ, ALL),
    ("reports:attachment_xlsx", {"roadmap": RM}, READ, ALL),
    ("reports:foreword", {"roadmap": RM}, WRITE, {"admin"}),
    ("imports:tasks_upload", {"roadmap": RM}, READ, {"admin", "editor"}),
    ("imports:tasks_preview", {"roadmap": RM, "batch": "batch"}, READ, {"admin", "editor"}),
    ("imports:tasks_discard", {"roadmap": RM, "batch": "batch"}, WRITE, {"admin", "editor"}),
    ("imports:tasks_applying", {"roadmap": RM, "batch": "batch"}, READ, {"admin", "editor"}),
    ("imports:metric_values_upload", {"roadmap": RM}, READ, {"admin", "editor"}),
    ("imports:metric_values_upload", {"roadmap": RM}, WRITE, {"admin", "editor"}),
    (
        "imports:metric_values_preview",
        {"roadmap": RM, "batch": "metric_batch"},
        READ,
        {"admin", "editor"},
    ),
    (
        "imports:metric_values_preview",
        {"roadmap": RM, "batch": "metric_batch"},
        WRITE,
        {"admin", "editor"},
    ),
    (
        "imports:metric_values_discard",
        {"roadmap": RM, "batch": "metric_batch"},
        WRITE,
        {"admin", "editor"},
    ),
    ("metrics:overview", {"roadmap": RM}, READ, ALL),
    ("metrics:detail", {"roadmap": RM, "metric": "metric"}, READ, ALL),
    ("metrics:detail", {"roadmap": RM, "metric": "others_metric"}, READ, ALL),
    ("metrics:create", {"roadmap": RM}, READ, {"admin", "editor"}),
    ("metrics:create", {"roadmap": RM}, WRITE, {"admin", "editor"}),
    ("metrics:edit", {"roadmap": RM, "metric": "metric"}, READ, {"admin", "editor"}),
    ("metrics:edit", {"roadmap": RM, "metric": "metric"}, WRITE, {"admin", "editor"}),
    ("metrics:delete", {"roadmap": RM, "metric": "metric"}, READ, {"admin", "editor"}),
    ("metrics:record", {"roadmap": RM, "metric": "metric"}, READ, {"admin", "editor", "owner"}),
    ("metrics:record", {"roadmap": RM, "metric": "metric"}, WRITE, {"admin", "editor", "owner"}),
    ("metrics:record", {"roadmap": RM, "metric": "others_metric"}, WRITE, {"admin", "editor"}),
    (
        "metrics:value_edit",
        {"roadmap": RM, "metric": "metric", "value": "value"},
        READ,
        {"admin", "editor", "owner"},
    ),
    (
        "metrics:value_edit",
        {"roadmap": RM, "metric": "metric", "value": "value"},
        WRITE,
        {"admin", "editor", "owner"},
    ),
    (
        "metrics:value_edit",
        {"roadmap": RM, "metric": "others_metric", "value": "others_value"},
        READ,
        {"admin", "editor"},
    ),
    (
        "metrics:value_delete",
        {"roadmap": RM, "metric": "metric", "value": "value"},
        READ,
        {"admin", "editor", "owner"},
    ),
    (
        "metrics:value_delete",
        {"roadmap": RM, "metric": "others_metric", "value": "others_value"},
        WRITE,
        {"admin", "editor"},
    ),
    ("maturity:overview", {}, READ, ALL),
    ("maturity:assessment_detail", {"assessment": "assessment"}, READ, ALL),
    ("maturity:viewpoint_list", {}, READ, {"admin"}),
    ("maturity:viewpoint_create", {}, READ, {"admin"}),
    ("maturity:viewpoint_create", {}, WRITE, {"admin"}),
    ("maturity:viewpoint_edit", {"viewpoint": "viewpoint"}, READ, {"admin"}),
    ("maturity:viewpoint_edit", {"viewpoint": "viewpoint"}, WRITE, {"admin"}),
    ("maturity:viewpoint_delete", {"viewpoint": "viewpoint"}, READ, {"admin"}),
    ("maturity:viewpoint_delete", {"viewpoint": "viewpoint"}, WRITE, {"admin"}),
    ("maturity:assessment_create", {}, READ, {"admin"}),
    ("maturity:assessment_create", {}, WRITE, {"admin"}),
    ("maturity:assessment_edit", {"assessment": "assessment"}, READ, {"admin"}),
    ("maturity:assessment_edit", {"assessment": "assessment"}, WRITE, {"admin"}),
    ("maturity:assessment_delete", {"assessment": "assessment"}, READ, {"admin"}),
    ("maturity:assessment_delete", {"assessment": "assessment"}, WRITE, {"admin"}),
    ("accounts:member_list", {}, READ, {"admin"}),
    ("accounts:member_invite", {}, READ, {"admin"}),
    ("accounts:member_invite", {}, WRITE, {"admin"}),
    ("accounts:invitation_resend", {"invitation": "invitation"}, WRITE, {"admin"}),
    ("accounts:invitation_revoke", {"invitation": "invitation"}, WRITE, {"admin"}),
    ("accounts:member_edit", {"member": "member"}, READ, {"admin"}),
    ("accounts:member_remove", {"member": "member"}, READ, {"admin"}),
    ("api_tokens:token_list", {}, READ, {"admin"}),
    ("api_tokens:token_create", {}, READ, {"admin"}),
    ("api_tokens:token_create", {}, WRITE, {"admin"}),
    ("api_tokens:token_revoke", {"token": "token"}, READ, {"admin"}),
    ("api_tokens:token_revoke", {"token": "token"}, WRITE, {"admin"}),
    ("ideas:list", {}, READ, ALL),
    ("ideas:detail", {"idea": "idea"}, READ, ALL),
    ("ideas:create", {}, READ, {"admin", "editor"}),
    ("ideas:create", {}, WRITE, {"admin", "editor"}),
    ("ideas:edit", {"idea": "idea"}, READ, {"admin", "editor"}),
    ("ideas:edit", {"idea": "idea"}, WRITE, {"admin", "editor"}),
    ("ideas:status", {"idea": "idea"}, WRITE, {"admin", "editor"}),
    ("ideas:accept", {"idea": "idea"}, READ, {"admin", "editor"}),
    ("ideas:accept", {"idea": "idea"}, WRITE, {"admin", "editor"}),
    ("ideas:delete", {"idea": "idea"}, READ, {"admin", "editor"}),
    ("ideas:publicity", {"idea": "idea"}, WRITE, {"admin", "editor"}),
    ("ideas:export", {}, READ, {"admin", "editor"}),
    ("ideas:accept_many", {}, WRITE, {"admin", "editor"}),
    ("ideas:priorities", {}, READ, ALL),
    ("ideas:scoring", {}, READ, {"admin"}),
    ("ideas:scoring", {}, WRITE, {"admin"}),
    ("ideas:workshops", {}, READ, {"admin", "editor"}),
    ("ideas:workshop_open", {}, READ, {"admin", "editor"}),
    ("ideas:workshop_open", {}, WRITE, {"admin", "editor"}),
    ("ideas:workshop", {"workshop": "workshop"}, READ, {"admin", "editor"}),
    ("ideas:workshop_details", {"workshop": "workshop"}, WRITE, {"admin", "editor"}),
    ("ideas:workshop_write", {"workshop": "workshop"}, WRITE, {"admin", "editor"}),
    ("ideas:workshop_take_up", {"workshop": "workshop"}, WRITE, {"admin", "editor"}),
    (
        "ideas:workshop_score",
        {"workshop": "workshop", "idea": "idea"},
        WRITE,
        {"admin", "editor"},
    ),
    ("ideas:workshop_close", {"workshop": "workshop"}, READ, {"admin", "editor"}),
    ("ideas:workshop_delete", {"workshop": "workshop"}, READ, {"admin", "editor"}),
    ("ideas:survey_upload", {}, READ, {"admin", "editor"}),
    ("ideas:survey_upload", {}, WRITE, {"admin", "editor"}),
    ("ideas:survey_columns", {"upload": "upload"}, READ, {"admin", "editor"}),
    ("ideas:survey_preview", {"upload": "upload"}, READ, {"admin", "editor"}),
    ("ideas:survey_discard", {"upload": "upload"}, WRITE, {"admin", "editor"}),
    ("plans:versions", {"roadmap": RM}, READ, ALL),
    ("plans:adopt", {"roadmap": RM}, WRITE, {"admin"}),
    ("plans:compare", {"roadmap": RM}, READ, ALL),
    ("plans:compare_docx", {"roadmap": RM}, READ, ALL),
    ("plans:plan_timeline", {"roadmap": RM}, READ, ALL),
    ("plans:since_baseline", {"roadmap": RM}, READ, ALL),
    ("plans:task_versions", {"roadmap": RM, "task": "own"}, READ, ALL),
    ("plans:revision_start", {"roadmap": RM}, WRITE, {"admin", "editor"}),
    ("plans:draft", {"roadmap": RM, "draft": "draft"}, READ, ALL),
    ("plans:draft_task_new", {"roadmap": RM, "draft": "draft"}, READ, {"admin", "editor"}),
    ("plans:draft_task_new", {"roadmap": RM, "draft": "draft"}, WRITE, {"admin", "editor"}),
    (
        "plans:draft_task",
        {"roadmap": RM, "draft": "draft", "key": "own"},
        READ,
        {"admin", "editor"},
    ),
    (
        "plans:draft_task",
        {"roadmap": RM, "draft": "draft", "key": "own"},
        WRITE,
        {"admin", "editor"},
    ),
    (
        "plans:draft_drop",
        {"roadmap": RM, "draft": "draft", "key": "own"},
        WRITE,
        {"admin", "editor"},
    ),
    (
        "plans:draft_metric",
        {"roadmap": RM, "draft": "draft", "key": "draft_metric"},
        READ,
        {"admin", "editor"},
    ),
    (
        "plans:draft_metric",
        {"roadmap": RM, "draft": "draft", "key": "draft_metric"},
        WRITE,
        {"admin", "editor"},
    ),
    ("plans:draft_adopt", {"roadmap": RM, "draft": "draft"}, WRITE, {"admin"}),
    ("plans:draft_discard", {"roadmap": RM, "draft": "draft"}, WRITE, {"admin", "editor"}),
    ("plans:renew", {"roadmap": RM}, READ, {"admin"}),
    ("plans:renew", {"roadmap": RM}, WRITE, {"admin"}),
    ("reports:final", {"roadmap": RM}, READ, ALL),
    ("reports:final_pdf", {"roadmap": RM}, READ, ALL),
    ("reports:final_docx", {"roadmap": RM}, READ, ALL),
]


def pending_batch(world: World) -> ImportBatch:
    batch, _created = ImportBatch.objects.get_or_create(
        roadmap=world.roadmap,
        filename="tehtavat.csv",
        defaults={"content": b"Teht\xc3\xa4v\xc3\xa4;Vastuuhenkil\xc3\xb6\r\nA;B\r\n"},
    )
    return batch


def pending_metric_batch(world: World) -> ImportBatch:
    """A file of metric values: the metric import pages find no task list."""
    batch, _created = ImportBatch.objects.get_or_create(
        roadmap=world.roadmap,
        kind=ImportKind.METRIC_VALUES,
        filename="arvot.csv",
        defaults={"content": b"Mittari;Kausi;Arvo\r\nTuntematon;2026Q1;1\r\n"},
    )
    return batch


def api_token(world: World) -> ApiToken:
    token = ApiToken.objects.filter(organisation=world.organisation).first()
    if token is None:
        token, _secret = create_api_token(
            actor=None, organisation=world.organisation, name="Tietovarasto"
        )
    return token


def metric_of(world: World, person: Person, name: str) -> Metric:
    metric, _created = Metric.objects.get_or_create(
        roadmap=world.roadmap,
        name=name,
        defaults={
            "owner": person,
            "target_value": 60,
            "target_date": datetime.date(2028, 12, 31),
        },
    )
    return metric


def pending_invitation(world: World) -> Invitation:
    existing = Invitation.objects.pending().filter(organisation=world.organisation).first()
    if existing is not None:
        return existing
    invitation, _token = invite_member(
        actor=None, organisation=world.organisation, email="uusi@example.fi", role=Role.VIEWER
    )
    return invitation


def value_of(metric: Metric) -> MetricValue:
    value, _created = MetricValue.objects.get_or_create(
        metric=metric, period="2026Q1", defaults={"value": 30, "recorded_at": timezone.now()}
    )
    return value


def maturity_assessment(world: World) -> Assessment:
    """A viewpoint with a level in an assessment, so that deleting the viewpoint is refused."""
    viewpoint, _created = Viewpoint.objects.get_or_create(
        organisation=world.organisation, name="Tiedolla johtaminen"
    )
    assessment, _created = Assessment.objects.get_or_create(
        organisation=world.organisation,
        title="Lähtötaso",
        defaults={"assessed_on": datetime.date(2025, 11, 20)},
    )
    Score.objects.get_or_create(
        assessment=assessment, viewpoint=viewpoint, defaults={"current": 2, "target": 4}
    )
    return assessment


def feedback_message(world: World) -> FeedbackMessage:
    message = FeedbackMessage.objects.filter(organisation=world.organisation).first()
    if message is None:
        message = receive_feedback(
            organisation=world.organisation,
            kind=FeedbackKind.GENERAL,
            message="Palaute",
            language="fi",
            address="192.0.2.1",
        )
    return message


def news_item(world: World) -> NewsItem:
    item = NewsItem.objects.filter(organisation=world.organisation).first()
    if item is None:
        item = create_news(
            actor=world.users["admin"],
            organisation=world.organisation,
            data=NewsInput(title="Tiedote", body="Teksti", language="fi"),
        )
    return item


def idea_of(world: World) -> Idea:
    idea = Idea.objects.filter(organisation=world.organisation).first()
    if idea is None:
        idea = IdeaFactory(organisation=world.organisation)
    return idea


def workshop_of(world: World) -> Workshop:
    """An open workshop with the organisation's idea on its list (to score)."""
    from tiekartta.ideas.models import Voting
    from tiekartta.ideas.workshops import open_workshop

    found = Workshop.objects.filter(organisation=world.organisation).first()
    if found is None:
        found = open_workshop(
            actor=Actor.for_user(world.users["admin"]),
            organisation=world.organisation,
            title="Työpaja",
            held_on=datetime.date(2026, 11, 5),
            voting=Voting.SCORES,
        )
        found.ideas.add(idea_of(world))
    return found


def pending_survey(world: World) -> SurveyImport:
    from tiekartta.ideas.tests.test_survey_import import ANSWERS, microsoft_forms

    upload = SurveyImport.objects.filter(
        organisation=world.organisation, status=SurveyImportStatus.PENDING
    ).first()
    if upload is None:
        upload = SurveyImport.objects.create(
            organisation=world.organisation,
            filename="kysely.xlsx",
            content=microsoft_forms(ANSWERS),
            choices={"source": "resident_survey", "event": "", "received_on": "2022-09-30"},
        )
    return upload


def pilot_of(world: World, person: Person, title: str) -> Task:
    """A pilot task (only a pilot has an experiment to write) of the person."""
    task = Task.objects.filter(roadmap=world.roadmap, title=title).first()
    if task is None:
        task = TaskFactory(theme=world.theme, owner=person, title=title, kind=Kind.PILOT)
    return task


def open_draft_of(world: World) -> RevisionDraft:
    """The roadmap adopted and a revision being drafted, its plan with the owner's metric."""
    metric_of(world, world.owner_person, "Oma mittari")
    draft = RevisionDraft.objects.filter(roadmap=world.roadmap, state=DraftState.OPEN).first()
    if draft is None:
        actor = Actor.for_user(world.users["admin"])
        if not PlanVersion.objects.filter(roadmap=world.roadmap).exists():
            adopt_roadmap(
                actor=actor,
                roadmap=world.roadmap,
                decision=Decision(
                    decided_on=datetime.date(2026, 2, 2), decision_body="Kaupunginhallitus"
                ),
            )
        draft = start_revision(actor=actor, roadmap=world.roadmap, title="Päivitys")
    return draft


def group_member_of(world: World) -> GroupMember:
    from tiekartta.group import services as group_services

    found = GroupMember.objects.filter(organisation=world.organisation).first()
    if found is None:
        found = group_services.add_member(
            actor=Actor.for_user(world.users["admin"]),
            organisation=world.organisation,
            data=group_services.MemberInput(
                person=world.other_person, role="member", term_start=datetime.date(2026, 1, 1)
            ),
        )
    return found


def meeting_of(world: World) -> Meeting:
    from tiekartta.group import services as group_services

    found = Meeting.objects.filter(organisation=world.organisation).first()
    if found is None:
        found = group_services.schedule_meeting(
            actor=Actor.for_user(world.users["admin"]),
            organisation=world.organisation,
            data=group_services.MeetingInput(
                kind="review",
                title="Seurantakokous",
                date=datetime.date(2026, 12, 10),
                roadmap=world.roadmap,
            ),
        )
    return found


def resolve_kwargs(world: World, spec: dict[str, str]) -> dict[str, object]:
    values: dict[str, object] = {"org": ORG}
    # Created only for the URLs that name them.
    lazy = {
        "metric_batch": lambda: pending_metric_batch(world).pk,
        "token": lambda: api_token(world).pk,
        "invitation": lambda: pending_invitation(world).pk,
        # A metric whose responsible person is the owner persona, and one of someone else.
        "metric": lambda: metric_of(world, world.owner_person, "Oma mittari").pk,
        "others_metric": lambda: metric_of(world, world.other_person, "Muiden mittari").pk,
        "value": lambda: value_of(metric_of(world, world.owner_person, "Oma mittari")).pk,
        "others_value": lambda: value_of(metric_of(world, world.other_person, "Muiden mittari")).pk,
        "assessment": lambda: maturity_assessment(world).pk,
        "viewpoint": lambda: maturity_assessment(world).scores.get().viewpoint_id,
        "feedback": lambda: feedback_message(world).pk,
        "news": lambda: news_item(world).pk,
        "idea": lambda: idea_of(world).pk,
        "upload": lambda: pending_survey(world).pk,
        "workshop": lambda: workshop_of(world).pk,
        "group_member": lambda: group_member_of(world).pk,
        "meeting": lambda: meeting_of(world).pk,
        # Pilot tasks of the owner persona and of someone else.
        "own_pilot": lambda: pilot_of(world, world.owner_person, "Oma kokeilu").pk,
        "others_pilot": lambda: pilot_of(world, world.other_person, "Muiden kokeilu").pk,
        # A revision being drafted, and the key of the owner's metric in its plan.
        "draft": lambda: open_draft_of(world).pk,
        "draft_metric": lambda: str(metric_of(world, world.owner_person, "Oma mittari").pk),
    }
    lookup = {
        "own": world.own_task.pk,
        "others": world.others_task.pk,
        "theme": world.other_theme.pk,
        "person": world.other_person.pk,
        "member": Membership.objects.get(user__username="viewer-user").pk,
        "review": world.review.pk,
        "batch": pending_batch(world).pk,
    }
    for key, value in spec.items():
        values[key] = lazy[value]() if value in lazy else lookup.get(value, value)
    return values


@pytest.mark.parametrize("role", ["admin", "editor", "owner", "viewer"])
@pytest.mark.parametrize(("name", "spec", "method", "allowed"), ACTIONS)
def test_role_action_table(
    world: World, role: str, name: str, spec: dict[str, str], method: str, allowed: set[str]
) -> None:
    client = world.client_for(role)
    path = reverse(name, kwargs=resolve_kwargs(world, spec))
    response = (
        client.get(path)
        if method == READ
        else client.post(path, {"direction": "up", "archived": "0"})
    )
    if role in allowed:
        # 400: allowed in, but the test posts no valid form.
        assert response.status_code in {200, 302, 400}, (name, role, response.status_code)
    else:
        assert response.status_code == 403, (name, role, response.status_code)


def all_patterns() -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []

    def walk(patterns: Sequence[object], namespace: str) -> None:
        for item in patterns:
            if isinstance(item, URLResolver):
                ns = f"{namespace}{item.namespace}:" if item.namespace else namespace
                walk(item.url_patterns, ns)
            elif isinstance(item, URLPattern) and item.name:
                found.append((namespace + item.name, item))

    walk(get_resolver().url_patterns, "")
    return found


def test_outsider_gets_404_on_every_organisation_url(world: World) -> None:
    """Every URL that names an organisation, walked from the URLconf so new ones are covered."""
    client = world.client_for("outsider")
    values = resolve_kwargs(
        world,
        {
            "roadmap": RM,
            "task": "own",
            "theme": "theme",
            "person": "person",
            "member": "member",
            "review": "review",
            "batch": "batch",
            "token": "token",
            "invitation": "invitation",
            "metric": "metric",
            "value": "value",
            "assessment": "assessment",
            "viewpoint": "viewpoint",
            "message": "feedback",
            "news": "news",
            "idea": "idea",
            "upload": "upload",
            "workshop": "workshop",
            "draft": "draft",
            "key": "own",
            "meeting": "meeting",
        },
    )
    checked = []
    for name, pattern in all_patterns():
        params = set(pattern.pattern.converters)
        if "org" not in params or name.startswith("public:"):
            # The public site is everyone's: it has its own 404 and 405 tests.
            continue
        path = reverse(name, kwargs={key: values[key] for key in params})
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code == 404, (name, method, response.status_code)
        checked.append(name)
    assert len(checked) >= 69, checked
    # The outsider's own organisation still works: the 404s are about scope, not a broken client.
    own = reverse("roadmap:overview", kwargs={"org": "naapurikunta", "roadmap": "2024-2026"})
    assert client.get(own).status_code == 200


def test_objects_of_another_organisation_are_404_even_inside_own_urls(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    foreign_task = reverse(
        "progress:task_detail", kwargs={"org": ORG, "roadmap": RM, "task": world.outsider_task.pk}
    )
    assert client.get(foreign_task).status_code == 404
    foreign_member = Membership.objects.get(user__username="outsider-user")
    assert (
        client.get(
            reverse("accounts:member_edit", kwargs={"org": ORG, "member": foreign_member.pk})
        ).status_code
        == 404
    )
    foreign_roadmap = reverse("roadmap:overview", kwargs={"org": ORG, "roadmap": "2024-2026"})
    assert client.get(foreign_roadmap).status_code == 404
