"""The authorization policy: every capability × role written out once, and the views driven with
every persona against `allows`, so that the table and the pages cannot drift apart."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from conftest import BrowserLikeClient, World
from tests.test_permissions import ORG, RM, all_patterns, resolve_kwargs
from tiekartta.accounts.decorators import org_view
from tiekartta.accounts.models import Membership, Role
from tiekartta.accounts.policy import (
    Capability,
    Principal,
    PrincipalKind,
    allows,
    may_ever,
    owned_by,
    register_owner_rule,
)
from tiekartta.metrics.models import Metric
from tiekartta.roadmap.models import Task

ROLES = [Role.ADMIN, Role.EDITOR, Role.OWNER, Role.VIEWER]
ALL, OWN, NO = "all", "own", "-"

# The table: capability → (admin, editor, owner, viewer). "own": only the principal's own objects.
TABLE: dict[str, tuple[str, str, str, str]] = {
    "org.read": (ALL, ALL, ALL, ALL),
    "roadmap.read": (ALL, ALL, ALL, ALL),
    "org.admin": (ALL, NO, NO, NO),
    "roadmap.admin": (ALL, NO, NO, NO),
    "roadmap.archive": (ALL, NO, NO, NO),
    "members.manage": (ALL, NO, NO, NO),
    "token.manage": (ALL, NO, NO, NO),
    "maturity.assess": (ALL, NO, NO, NO),
    "report.foreword": (ALL, NO, NO, NO),
    "accessibility.manage": (ALL, NO, NO, NO),
    "structure.edit": (ALL, ALL, NO, NO),
    "task.manage": (ALL, ALL, NO, NO),
    "task.import": (ALL, ALL, NO, NO),
    "review.run": (ALL, ALL, NO, NO),
    "metric.define": (ALL, ALL, NO, NO),
    "metric.import": (ALL, ALL, NO, NO),
    "news.manage": (ALL, ALL, NO, NO),
    "idea.manage": (ALL, ALL, NO, NO),
    "plan.adopt": (ALL, NO, NO, NO),
    "plan.renew": (ALL, NO, NO, NO),
    "plan.draft": (ALL, ALL, NO, NO),
    "group.manage": (ALL, NO, NO, NO),
    "meeting.run": (ALL, ALL, NO, NO),
    "task.edit": (ALL, ALL, OWN, NO),
    "progress.record": (ALL, ALL, OWN, NO),
    "metric.record": (ALL, ALL, OWN, NO),
}

USER_ID = 7
OWN_OBJECT = SimpleNamespace(owner=SimpleNamespace(user_id=USER_ID))
OTHERS_OBJECT = SimpleNamespace(owner=SimpleNamespace(user_id=USER_ID + 1))
UNOWNED_OBJECT = SimpleNamespace(owner=SimpleNamespace(user_id=None))


def member(role: str) -> Principal:
    return Principal(kind=PrincipalKind.MEMBER, organisation_id=1, role=role, user_id=USER_ID)


def test_the_table_names_every_capability() -> None:
    assert set(TABLE) == {str(c) for c in Capability}


@pytest.mark.parametrize("capability", sorted(TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_capability_role_table(capability: str, role: str) -> None:
    grant = TABLE[capability][ROLES.index(role)]
    principal = member(role)
    assert allows(principal, capability) is (grant == ALL)
    assert allows(principal, capability, OWN_OBJECT) is (grant in {ALL, OWN})
    assert allows(principal, capability, OTHERS_OBJECT) is (grant == ALL)
    assert allows(principal, capability, UNOWNED_OBJECT) is (grant == ALL)
    assert may_ever(principal, capability) is (grant != NO)
    # A membership is decided the same way as its principal.
    membership = Membership(role=role, user_id=USER_ID, organisation_id=1)
    assert allows(membership, capability, OWN_OBJECT) is allows(principal, capability, OWN_OBJECT)
    assert membership.can(capability) is allows(principal, capability)


@pytest.mark.parametrize("role", ROLES)
def test_the_old_names_read_the_policy(role: str) -> None:
    membership = Membership(role=role, user_id=USER_ID, organisation_id=1)
    assert membership.is_admin is (role == Role.ADMIN)
    assert membership.can_edit_all_tasks is (role in {Role.ADMIN, Role.EDITOR})
    assert membership.can_manage_roadmaps is (role == Role.ADMIN)
    assert membership.can_manage_structure is (role in {Role.ADMIN, Role.EDITOR})


def test_unknown_capability_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        allows(member(Role.ADMIN), "task.fly")


def test_unknown_role_and_anonymous_visitor_get_nothing() -> None:
    for principal in (member("intern"), Principal.anonymous(), None):
        assert not any(allows(principal, c, OWN_OBJECT) for c in Capability)


def test_a_group_is_decided_by_its_role() -> None:
    group = Principal(kind=PrincipalKind.GROUP, organisation_id=1, role=Role.EDITOR)
    assert allows(group, "review.run")
    assert not allows(group, "members.manage")
    # A group has no user: as task owners its members own nothing through it.
    owners = Principal(kind=PrincipalKind.GROUP, organisation_id=1, role=Role.OWNER)
    assert not allows(owners, "task.edit", UNOWNED_OBJECT)


def test_a_token_has_exactly_its_scope() -> None:
    token = Principal.for_token(SimpleNamespace(organisation_id=1), {"metric.record"})
    assert allows(token, "metric.record", OTHERS_OBJECT)
    assert not allows(token, "metric.define")
    with pytest.raises(ValueError):
        Principal.for_token(SimpleNamespace(organisation_id=1), {"everything"})


def test_ownership_by_attribute_and_by_registered_rule() -> None:
    assert owned_by(SimpleNamespace(owner_user_id=USER_ID), USER_ID)
    assert not owned_by(SimpleNamespace(owner=None), USER_ID)
    assert not owned_by(OWN_OBJECT, None)

    class Shared:
        pass

    register_owner_rule(Shared, lambda obj, user_id: user_id == USER_ID)
    assert allows(member(Role.OWNER), "task.edit", Shared())
    assert not allows(member(Role.OWNER), "task.edit", object())


def test_object_capability_without_a_loader_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured):
        org_view("task.edit")


# The views --------------------------------------------------------------------------------------

READ, WRITE = "GET", "POST"
Lookup = Callable[[dict[str, Any]], Any] | None


def task_of(kwargs: dict[str, Any]) -> Any:
    return Task.objects.select_related("owner").get(pk=kwargs["task"])


def metric_of(kwargs: dict[str, Any]) -> Any:
    return Metric.objects.select_related("owner").get(pk=kwargs["metric"])


# (capability, url name, kwargs spec as in test_permissions, method, the object it is about).
# Every URL whose view declares a capability (`view.capability`) must be here with it.
URLS: list[tuple[str, str, dict[str, str], str, Lookup]] = [
    ("org.read", "roadmap:person_list", {}, READ, None),
    ("org.read", "roadmap:roadmap_list", {}, READ, None),
    ("org.read", "activity:change_log", {}, READ, None),
    ("org.read", "activity:change_log_csv", {}, READ, None),
    ("org.read", "progress:my_tasks", {}, READ, None),
    ("org.read", "maturity:overview", {}, READ, None),
    ("org.read", "maturity:assessment_detail", {"assessment": "assessment"}, READ, None),
    ("roadmap.read", "roadmap:overview", {"roadmap": RM}, READ, None),
    ("roadmap.read", "roadmap:timeline", {"roadmap": RM}, READ, None),
    ("roadmap.read", "roadmap:theme_list", {"roadmap": RM}, READ, None),
    ("roadmap.read", "progress:task_detail", {"roadmap": RM, "task": "others"}, READ, None),
    ("roadmap.read", "progress:dashboard", {"roadmap": RM}, READ, None),
    ("roadmap.read", "metrics:overview", {"roadmap": RM}, READ, None),
    ("roadmap.read", "metrics:detail", {"roadmap": RM, "metric": "others_metric"}, READ, None),
    ("roadmap.read", "progress:review_list", {"roadmap": RM}, READ, None),
    ("roadmap.read", "progress:review_detail", {"roadmap": RM, "review": "review"}, READ, None),
    ("roadmap.read", "progress:review_minutes", {"roadmap": RM, "review": "review"}, READ, None),
    (
        "roadmap.read",
        "progress:review_minutes_pdf",
        {"roadmap": RM, "review": "review"},
        READ,
        None,
    ),
    ("roadmap.read", "reports:interim", {"roadmap": RM}, READ, None),
    ("org.read", "group:group", {}, READ, None),
    ("org.read", "group:calendar", {}, READ, None),
    ("org.read", "group:meeting", {"meeting": "meeting"}, READ, None),
    ("group.manage", "group:member_create", {}, READ, None),
    ("group.manage", "group:member_edit", {"member": "group_member"}, READ, None),
    ("group.manage", "group:member_delete", {"member": "group_member"}, WRITE, None),
    ("group.manage", "group:feed_address", {}, WRITE, None),
    ("meeting.run", "group:meeting_create", {}, READ, None),
    ("meeting.run", "group:meeting_edit", {"meeting": "meeting"}, READ, None),
    ("meeting.run", "group:meeting_minutes", {"meeting": "meeting"}, WRITE, None),
    ("meeting.run", "group:meeting_redraft", {"meeting": "meeting"}, WRITE, None),
    ("meeting.run", "group:meeting_invite", {"meeting": "meeting"}, WRITE, None),
    ("meeting.run", "group:meeting_cancel", {"meeting": "meeting"}, WRITE, None),
    ("roadmap.read", "reports:interim_pdf", {"roadmap": RM}, READ, None),
    ("roadmap.read", "reports:interim_docx", {"roadmap": RM}, READ, None),
    ("roadmap.read", "reports:export_csv", {"roadmap": RM}, READ, None),
    ("roadmap.read", "reports:export_xlsx", {"roadmap": RM}, READ, None),
    ("roadmap.read", "reports:attachment_pdf", {"roadmap": RM}, READ, None),
    ("roadmap.read", "reports:attachment_xlsx", {"roadmap": RM}, READ, None),
    ("roadmap.read", "reports:final", {"roadmap": RM}, READ, None),
    ("roadmap.read", "reports:final_pdf", {"roadmap": RM}, READ, None),
    ("roadmap.read", "reports:final_docx", {"roadmap": RM}, READ, None),
    ("roadmap.read", "plans:versions", {"roadmap": RM}, READ, None),
    ("roadmap.read", "plans:compare", {"roadmap": RM}, READ, None),
    ("roadmap.read", "plans:compare_docx", {"roadmap": RM}, READ, None),
    ("roadmap.read", "plans:plan_timeline", {"roadmap": RM}, READ, None),
    ("roadmap.read", "plans:since_baseline", {"roadmap": RM}, READ, None),
    ("roadmap.read", "plans:task_versions", {"roadmap": RM, "task": "others"}, READ, None),
    ("roadmap.read", "plans:draft", {"roadmap": RM, "draft": "draft"}, READ, None),
    ("plan.adopt", "plans:adopt", {"roadmap": RM}, WRITE, None),
    ("plan.adopt", "plans:draft_adopt", {"roadmap": RM, "draft": "draft"}, WRITE, None),
    ("plan.renew", "plans:renew", {"roadmap": RM}, READ, None),
    ("plan.draft", "plans:revision_start", {"roadmap": RM}, WRITE, None),
    ("plan.draft", "plans:draft_task_new", {"roadmap": RM, "draft": "draft"}, READ, None),
    (
        "plan.draft",
        "plans:draft_task",
        {"roadmap": RM, "draft": "draft", "key": "own"},
        WRITE,
        None,
    ),
    (
        "plan.draft",
        "plans:draft_drop",
        {"roadmap": RM, "draft": "draft", "key": "own"},
        WRITE,
        None,
    ),
    (
        "plan.draft",
        "plans:draft_metric",
        {"roadmap": RM, "draft": "draft", "key": "draft_metric"},
        READ,
        None,
    ),
    ("plan.draft", "plans:draft_discard", {"roadmap": RM, "draft": "draft"}, WRITE, None),
    ("org.admin", "progress:settings", {}, READ, None),
    ("org.admin", "privacy:settings", {}, READ, None),
    ("org.admin", "privacy:person_export", {}, WRITE, None),
    ("roadmap.admin", "roadmap:roadmap_create", {}, READ, None),
    ("roadmap.admin", "roadmap:roadmap_edit", {"roadmap": RM}, READ, None),
    ("roadmap.archive", "roadmap:roadmap_archive", {"roadmap": RM}, WRITE, None),
    ("members.manage", "accounts:member_list", {}, READ, None),
    ("members.manage", "accounts:member_invite", {}, READ, None),
    ("members.manage", "accounts:invitation_resend", {"invitation": "invitation"}, WRITE, None),
    ("members.manage", "accounts:invitation_revoke", {"invitation": "invitation"}, WRITE, None),
    ("members.manage", "accounts:member_edit", {"member": "member"}, READ, None),
    ("members.manage", "accounts:member_remove", {"member": "member"}, READ, None),
    ("token.manage", "api_tokens:token_list", {}, READ, None),
    ("token.manage", "api_tokens:token_create", {}, WRITE, None),
    ("token.manage", "api_tokens:token_revoke", {"token": "token"}, READ, None),
    ("maturity.assess", "maturity:viewpoint_list", {}, READ, None),
    ("maturity.assess", "maturity:viewpoint_create", {}, WRITE, None),
    ("maturity.assess", "maturity:viewpoint_edit", {"viewpoint": "viewpoint"}, READ, None),
    ("maturity.assess", "maturity:viewpoint_delete", {"viewpoint": "viewpoint"}, WRITE, None),
    ("maturity.assess", "maturity:assessment_create", {}, READ, None),
    ("maturity.assess", "maturity:assessment_edit", {"assessment": "assessment"}, WRITE, None),
    ("maturity.assess", "maturity:assessment_delete", {"assessment": "assessment"}, READ, None),
    ("report.foreword", "reports:foreword", {"roadmap": RM}, WRITE, None),
    ("accessibility.manage", "accessibility:statement_edit", {}, READ, None),
    ("accessibility.manage", "accessibility:feedback_list", {}, READ, None),
    ("accessibility.manage", "accessibility:feedback_detail", {"message": "feedback"}, READ, None),
    ("accessibility.manage", "accessibility:feedback_settings", {}, WRITE, None),
    ("news.manage", "news:list", {}, READ, None),
    ("news.manage", "news:create", {}, READ, None),
    ("news.manage", "news:edit", {"news": "news"}, READ, None),
    ("news.manage", "news:publish", {"news": "news"}, WRITE, None),
    ("news.manage", "news:delete", {"news": "news"}, READ, None),
    ("news.manage", "news:embed_code", {}, READ, None),
    ("org.read", "ideas:list", {}, READ, None),
    ("org.read", "ideas:detail", {"idea": "idea"}, READ, None),
    ("idea.manage", "ideas:create", {}, READ, None),
    ("idea.manage", "ideas:export", {}, READ, None),
    ("idea.manage", "ideas:accept_many", {}, WRITE, None),
    ("org.read", "ideas:priorities", {}, READ, None),
    ("org.admin", "ideas:scoring", {}, READ, None),
    ("idea.manage", "ideas:workshops", {}, READ, None),
    ("idea.manage", "ideas:workshop_open", {}, READ, None),
    ("idea.manage", "ideas:workshop", {"workshop": "workshop"}, READ, None),
    ("idea.manage", "ideas:workshop_details", {"workshop": "workshop"}, WRITE, None),
    ("idea.manage", "ideas:workshop_write", {"workshop": "workshop"}, WRITE, None),
    ("idea.manage", "ideas:workshop_take_up", {"workshop": "workshop"}, WRITE, None),
    (
        "idea.manage",
        "ideas:workshop_score",
        {"workshop": "workshop", "idea": "idea"},
        WRITE,
        None,
    ),
    ("idea.manage", "ideas:workshop_close", {"workshop": "workshop"}, READ, None),
    ("idea.manage", "ideas:workshop_delete", {"workshop": "workshop"}, READ, None),
    ("idea.manage", "ideas:edit", {"idea": "idea"}, READ, None),
    ("idea.manage", "ideas:status", {"idea": "idea"}, WRITE, None),
    ("idea.manage", "ideas:accept", {"idea": "idea"}, READ, None),
    ("idea.manage", "ideas:delete", {"idea": "idea"}, READ, None),
    ("idea.manage", "ideas:publicity", {"idea": "idea"}, WRITE, None),
    ("idea.manage", "ideas:survey_upload", {}, READ, None),
    ("idea.manage", "ideas:survey_columns", {"upload": "upload"}, READ, None),
    ("idea.manage", "ideas:survey_preview", {"upload": "upload"}, READ, None),
    ("idea.manage", "ideas:survey_confirm", {"upload": "upload"}, WRITE, None),
    ("idea.manage", "ideas:survey_discard", {"upload": "upload"}, WRITE, None),
    ("structure.edit", "roadmap:theme_create", {"roadmap": RM}, WRITE, None),
    ("structure.edit", "roadmap:theme_edit", {"roadmap": RM, "theme": "theme"}, READ, None),
    ("structure.edit", "roadmap:theme_delete", {"roadmap": RM, "theme": "theme"}, READ, None),
    ("structure.edit", "roadmap:missing_translations", {"roadmap": RM}, READ, None),
    ("structure.edit", "roadmap:person_create", {}, WRITE, None),
    ("structure.edit", "roadmap:person_edit", {"person": "person"}, READ, None),
    ("structure.edit", "roadmap:person_delete", {"person": "person"}, READ, None),
    ("task.manage", "roadmap:task_create", {"roadmap": RM}, READ, None),
    ("task.manage", "roadmap:task_delete", {"roadmap": RM, "task": "own"}, READ, None),
    ("task.manage", "roadmap:task_move", {"roadmap": RM, "task": "own"}, WRITE, None),
    ("task.import", "imports:tasks_upload", {"roadmap": RM}, READ, None),
    ("task.import", "imports:tasks_preview", {"roadmap": RM, "batch": "batch"}, READ, None),
    ("task.import", "imports:tasks_discard", {"roadmap": RM, "batch": "batch"}, WRITE, None),
    ("task.import", "imports:tasks_applying", {"roadmap": RM, "batch": "batch"}, READ, None),
    ("review.run", "progress:review_create", {"roadmap": RM}, READ, None),
    ("review.run", "progress:review_details", {"roadmap": RM, "review": "review"}, WRITE, None),
    ("review.run", "progress:review_close", {"roadmap": RM, "review": "review"}, READ, None),
    ("metric.define", "metrics:create", {"roadmap": RM}, WRITE, None),
    ("metric.define", "metrics:edit", {"roadmap": RM, "metric": "metric"}, READ, None),
    ("metric.define", "metrics:delete", {"roadmap": RM, "metric": "metric"}, READ, None),
    ("metric.import", "imports:metric_values_upload", {"roadmap": RM}, READ, None),
    (
        "metric.import",
        "imports:metric_values_preview",
        {"roadmap": RM, "batch": "metric_batch"},
        READ,
        None,
    ),
    (
        "metric.import",
        "imports:metric_values_applying",
        {"roadmap": RM, "batch": "metric_batch"},
        READ,
        None,
    ),
    (
        "metric.import",
        "imports:metric_values_discard",
        {"roadmap": RM, "batch": "metric_batch"},
        WRITE,
        None,
    ),
    ("task.edit", "roadmap:task_edit", {"roadmap": RM, "task": "own"}, READ, task_of),
    ("task.edit", "roadmap:task_edit", {"roadmap": RM, "task": "others"}, READ, task_of),
    ("task.edit", "progress:experiment_edit", {"roadmap": RM, "task": "own_pilot"}, READ, task_of),
    (
        "task.edit",
        "progress:experiment_edit",
        {"roadmap": RM, "task": "others_pilot"},
        WRITE,
        task_of,
    ),
    ("progress.record", "progress:record", {"roadmap": RM, "task": "own"}, READ, task_of),
    ("progress.record", "progress:record", {"roadmap": RM, "task": "others"}, WRITE, task_of),
    ("metric.record", "metrics:record", {"roadmap": RM, "metric": "metric"}, WRITE, metric_of),
    (
        "metric.record",
        "metrics:record",
        {"roadmap": RM, "metric": "others_metric"},
        WRITE,
        metric_of,
    ),
    (
        "metric.record",
        "metrics:value_edit",
        {"roadmap": RM, "metric": "metric", "value": "value"},
        READ,
        metric_of,
    ),
    (
        "metric.record",
        "metrics:value_delete",
        {"roadmap": RM, "metric": "others_metric", "value": "others_value"},
        READ,
        metric_of,
    ),
]


def test_every_capability_has_a_representative_url() -> None:
    assert {row[0] for row in URLS} == {str(c) for c in Capability}


def test_every_guarded_view_is_in_the_matrix_with_its_capability() -> None:
    listed: dict[str, set[str]] = {}
    for capability, name, *_rest in URLS:
        listed.setdefault(name, set()).add(capability)
    guarded = {
        name: pattern.callback.capability
        for name, pattern in all_patterns()
        if hasattr(pattern.callback, "capability")
    }
    assert len(guarded) >= 40, guarded
    for name, capability in guarded.items():
        assert name in listed, f"{name} declares {capability} but is not in URLS"
        assert listed[name] == {capability}, (name, capability, listed[name])


@pytest.mark.parametrize(
    ("capability", "name", "spec", "method", "about"),
    URLS,
    ids=[f"{row[0]}-{row[1]}-{'-'.join(row[2].values())}-{row[3]}" for row in URLS],
)
def test_views_answer_as_the_policy_decides(
    world: World, capability: str, name: str, spec: dict[str, str], method: str, about: Lookup
) -> None:
    kwargs = resolve_kwargs(world, spec)
    path = reverse(name, kwargs=kwargs)
    obj = about(kwargs) if about is not None else None
    for persona in ["outsider", *ROLES]:
        membership = Membership.objects.filter(
            user=world.users[persona], organisation=world.organisation
        ).first()
        client = world.client_for(persona)
        response = (
            client.get(path)
            if method == READ
            else client.post(path, {"direction": "up", "archived": "0"})
        )
        status = response.status_code
        if membership is None:
            assert status == 404, (persona, status)
        elif allows(membership, capability, obj):
            # 400: allowed in, but the test posts no valid form.
            assert status in {200, 302, 400}, (persona, status)
        else:
            assert status == 403, (persona, status)


def test_anonymous_visitor_is_sent_to_sign_in(world: World) -> None:
    client = BrowserLikeClient()
    for _capability, name, spec, _method, _about in URLS:
        path = reverse(name, kwargs=resolve_kwargs(world, spec))
        response = client.get(path)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:login")), name


def test_a_revoked_role_takes_effect_at_once(world: World) -> None:
    membership = Membership.objects.get(user=world.users["editor"], organisation=world.organisation)
    client = world.client_for("editor")
    path = reverse("metrics:create", kwargs={"org": ORG, "roadmap": RM})
    assert client.get(path).status_code == 200
    membership.role = Role.VIEWER
    membership.save()
    assert client.get(path).status_code == 403
