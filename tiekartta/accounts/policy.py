"""Who may do what: named capabilities, decided in one function, `allows`.

Every permission question in the app is "may this principal use this capability (on this
object)?". The answer comes from one table, `ROLE_GRANTS`, keyed by the membership's role, and
one rule for objects, ownership. Views ask through the decorators (`accounts.decorators.org_view`,
`roadmap.decorators.roadmap_view`) or `ctx.can(...)`; the older helpers
(`Membership.can_edit_all_tasks`, `roadmap.access.can_edit_task`, ...) are thin
wrappers around `allows`, so templates and other code keep working.

Capabilities
    Plain capabilities (`org.admin`, `review.run`, ...) are granted for everything in the
    organisation or not at all. Object-level ones (`task.edit`, `progress.record`,
    `metric.record`) may be granted for *own* objects only: an owner edits the tasks and records
    the metrics whose responsible person is their user. Asked without an object, an
    object-level capability means "for every such object" (which is what
    `can_edit_all_tasks` asks).

Principals
    `Principal` says who asks. Today it is built from a `Membership` (`Principal.for_membership`,
    or pass the membership to `allows` directly). The same type already holds an API token's
    scope (`Principal.for_token`, the capabilities granted outright) and an anonymous visitor
    (`Principal.anonymous()`, granted nothing yet); an identity provider's group maps onto a
    role (`Principal(kind=PrincipalKind.GROUP, role=...)`) and is decided from the same table.

Object rules
    `accounts` sits below `roadmap` and `metrics`, so it imports none of their models. Whether
    an object is the principal's own is decided by duck typing: an `owner_user_id` attribute,
    or an `owner` with a `user_id` (a roadmap Person). An app whose objects say it differently
    registers a rule for its model with `register_owner_rule(Model, rule)` in its
    `AppConfig.ready`.

Archived roadmaps
    An archived roadmap is a closed plan: read-only for everybody. Every capability that writes
    to a roadmap's content (`ROADMAP_WRITES`) is refused when the object, or the roadmap it is
    asked `within`, is archived (duck typing again: an `is_archived` attribute, or a `roadmap`
    that has one). Restoring the roadmap (`roadmap.archive`) is the one write left, the
    administrator's. `roadmap.decorators.roadmap_view` asks within the page's roadmap, so the
    views refuse and the templates, asking the same membership, offer no form or button.

Scoping is not decided here: a principal of another organisation never reaches an object,
because every lookup goes through the membership (`accounts.access.get_membership`, 404).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from tiekartta.accounts.models import Role

# The one answer to a write on an archived roadmap: the policy's refusal page and the
# services' ValidationError (roadmap.services.ensure_open) say the same.
ARCHIVED_MESSAGE = _("This roadmap is archived and read-only.")


class Capability(enum.StrEnum):
    # Reading: every member.
    ORG_READ = "org.read"  # the organisation's pages: people, change log, maturity overview
    ROADMAP_READ = "roadmap.read"  # a roadmap, its tasks, metrics, reviews, reports, exports
    # The administrator's.
    ORG_ADMIN = "org.admin"  # organisation settings (follow-up), the admin site's scope
    ROADMAP_ADMIN = "roadmap.admin"  # create and edit roadmaps
    ROADMAP_ARCHIVE = "roadmap.archive"  # archive and restore a roadmap
    MEMBERS_MANAGE = "members.manage"  # add, remove members and change roles
    TOKEN_MANAGE = "token.manage"  # noqa: S105  # nosec B105  # a capability, not a secret
    MATURITY_ASSESS = "maturity.assess"  # maturity viewpoints and assessments
    REPORT_FOREWORD = "report.foreword"  # the interim report's foreword
    PLAN_ADOPT = "plan.adopt"  # record an adoption or a revision's adoption (a decision)
    PLAN_RENEW = "plan.renew"  # renew a roadmap for the next period
    GROUP_MANAGE = "group.manage"  # the digital group's members and its calendar address
    # The accessibility statement, the feedback it invites and how long feedback is kept.
    ACCESSIBILITY_MANAGE = "accessibility.manage"
    # The digital group's (administrator and editors).
    STRUCTURE_EDIT = "structure.edit"  # themes and people
    TASK_MANAGE = "task.manage"  # create, delete and reorder tasks
    TASK_IMPORT = "task.import"  # import a task list
    REVIEW_RUN = "review.run"  # open, run and close review meetings
    METRIC_DEFINE = "metric.define"  # create, edit and delete metrics
    METRIC_IMPORT = "metric.import"  # import metric values from a file
    NEWS_MANAGE = "news.manage"  # write, publish and withdraw the public news
    IDEA_MANAGE = "idea.manage"  # write ideas, decide on them, import and export them
    PLAN_DRAFT = "plan.draft"  # prepare a revision of the plan as a draft
    MEETING_RUN = "meeting.run"  # the group's meetings: agenda, minutes, attendance, invitations
    # Object-level: the digital group any, an owner their own.
    TASK_EDIT = "task.edit"
    PROGRESS_RECORD = "progress.record"
    METRIC_RECORD = "metric.record"


class Grant(enum.Enum):
    NONE = "none"
    OWN = "own"  # only objects the principal owns
    ALL = "all"


OBJECT_CAPABILITIES = frozenset(
    {Capability.TASK_EDIT, Capability.PROGRESS_RECORD, Capability.METRIC_RECORD}
)

# What changes a roadmap or its content: refused inside an archived roadmap, whatever the role.
# Reading, restoring (roadmap.archive) and the organisation's own things (people, members,
# settings, maturity) are not about one roadmap and stay as the role says.
ROADMAP_WRITES = frozenset(
    {
        Capability.ROADMAP_ADMIN,
        Capability.REPORT_FOREWORD,
        Capability.PLAN_ADOPT,
        Capability.PLAN_DRAFT,
        Capability.STRUCTURE_EDIT,
        Capability.TASK_MANAGE,
        Capability.TASK_IMPORT,
        Capability.REVIEW_RUN,
        Capability.METRIC_DEFINE,
        Capability.METRIC_IMPORT,
        Capability.TASK_EDIT,
        Capability.PROGRESS_RECORD,
        Capability.METRIC_RECORD,
    }
)

_EVERY_MEMBER = {Capability.ORG_READ: Grant.ALL, Capability.ROADMAP_READ: Grant.ALL}
_DIGITAL_GROUP = {
    **_EVERY_MEMBER,
    Capability.STRUCTURE_EDIT: Grant.ALL,
    Capability.TASK_MANAGE: Grant.ALL,
    Capability.TASK_IMPORT: Grant.ALL,
    Capability.REVIEW_RUN: Grant.ALL,
    Capability.METRIC_DEFINE: Grant.ALL,
    Capability.METRIC_IMPORT: Grant.ALL,
    Capability.NEWS_MANAGE: Grant.ALL,
    Capability.IDEA_MANAGE: Grant.ALL,
    Capability.PLAN_DRAFT: Grant.ALL,
    Capability.MEETING_RUN: Grant.ALL,
    Capability.TASK_EDIT: Grant.ALL,
    Capability.PROGRESS_RECORD: Grant.ALL,
    Capability.METRIC_RECORD: Grant.ALL,
}

# The one table. A capability missing from a role's row is not granted.
ROLE_GRANTS: Mapping[str, Mapping[Capability, Grant]] = {
    Role.ADMIN: {capability: Grant.ALL for capability in Capability},
    Role.EDITOR: _DIGITAL_GROUP,
    Role.OWNER: {
        **_EVERY_MEMBER,
        Capability.TASK_EDIT: Grant.OWN,
        Capability.PROGRESS_RECORD: Grant.OWN,
        Capability.METRIC_RECORD: Grant.OWN,
    },
    Role.VIEWER: _EVERY_MEMBER,
}


class PrincipalKind(enum.StrEnum):
    MEMBER = "member"  # a user's membership in an organisation
    GROUP = "group"  # an identity provider's group mapped onto a role
    TOKEN = "token"  # noqa: S105  # nosec B105  # a kind of principal, not a secret
    ANONYMOUS = "anonymous"  # a visitor of the public site


@dataclass(frozen=True)
class Principal:
    kind: PrincipalKind
    organisation_id: int | None = None
    # Members and groups: a Role value, decided from ROLE_GRANTS.
    role: str = ""
    # Whose objects count as own (members); None owns nothing.
    user_id: int | None = None
    # Capabilities granted outright, whatever the role (an API token's scope).
    scopes: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def for_membership(cls, membership: Any) -> Principal:
        return cls(
            kind=PrincipalKind.MEMBER,
            organisation_id=membership.organisation_id,
            role=membership.role,
            user_id=membership.user_id,
        )

    @classmethod
    def for_token(cls, token: Any, scopes: frozenset[str] | set[str]) -> Principal:
        return cls(
            kind=PrincipalKind.TOKEN,
            organisation_id=token.organisation_id,
            scopes=frozenset(Capability(scope) for scope in scopes),
        )

    @classmethod
    def anonymous(cls) -> Principal:
        return cls(kind=PrincipalKind.ANONYMOUS)


def as_principal(who: Any) -> Principal:
    """A Principal as it is, a Membership (or anything with role, user_id and organisation_id)
    as a member, None as an anonymous visitor."""
    if isinstance(who, Principal):
        return who
    if who is None:
        return Principal.anonymous()
    return Principal.for_membership(who)


OwnerRule = Callable[[Any, int], bool]
_owner_rules: dict[type, OwnerRule] = {}


def register_owner_rule(model: type, rule: OwnerRule) -> None:
    """Let an app above accounts say when its object is a user's own: rule(obj, user_id)."""
    _owner_rules[model] = rule


def owned_by(obj: Any, user_id: int | None) -> bool:
    if user_id is None or obj is None:
        return False
    for model in type(obj).__mro__:
        if model in _owner_rules:
            return _owner_rules[model](obj, user_id)
    if hasattr(obj, "owner_user_id"):
        return bool(obj.owner_user_id == user_id)
    owner = getattr(obj, "owner", None)
    owner_user_id = getattr(owner, "user_id", None)
    return owner_user_id is not None and owner_user_id == user_id


def grant_of(who: Any, capability: Capability | str) -> Grant:
    """How far a capability reaches for the principal, before any object is looked at."""
    principal = as_principal(who)
    capability = Capability(capability)  # an unknown name is a programming error
    if capability in principal.scopes:
        return Grant.ALL
    if principal.kind in {PrincipalKind.MEMBER, PrincipalKind.GROUP}:
        return ROLE_GRANTS.get(principal.role, {}).get(capability, Grant.NONE)
    return Grant.NONE


def is_archived(thing: Any) -> bool:
    """Whether `thing` is an archived roadmap or belongs to one (its `roadmap` is archived)."""
    if thing is None:
        return False
    if getattr(thing, "is_archived", False) is True:
        return True
    return getattr(getattr(thing, "roadmap", None), "is_archived", False) is True


def _in_archived(who: Any, capability: Capability, obj: Any, within: Any) -> bool:
    if within is None:
        within = getattr(who, "within", None)
    return capability in ROADMAP_WRITES and (is_archived(obj) or is_archived(within))


def _role_allows(who: Any, capability: Capability, obj: Any) -> bool:
    grant = grant_of(who, capability)
    if grant is Grant.ALL:
        return True
    if grant is Grant.OWN:
        return owned_by(obj, as_principal(who).user_id)
    return False


def allows(who: Any, capability: Capability | str, obj: Any = None, *, within: Any = None) -> bool:
    """May `who` (a Principal or a Membership) use `capability`, on `obj` when given?

    Without an object, an object-level capability is asked for every such object, so an owner
    is refused; with one, an owner is allowed on their own objects. `within` is the roadmap the
    question is asked in (a membership scoped by `roadmap_view` carries it): no write to an
    archived roadmap is allowed."""
    capability = Capability(capability)  # an unknown name is a programming error
    if _in_archived(who, capability, obj, within):
        return False
    return _role_allows(who, capability, obj)


def refused_as_archived(
    who: Any, capability: Capability | str, obj: Any = None, *, within: Any = None
) -> bool:
    """Whether `allows` refuses only because the roadmap is archived (the role would allow it),
    so that the refusal can say so instead of a bare 403."""
    capability = Capability(capability)
    return _in_archived(who, capability, obj, within) and _role_allows(who, capability, obj)


def may_ever(who: Any, capability: Capability | str) -> bool:
    """Whether the principal has the capability for at least some objects (menus, links)."""
    return grant_of(who, capability) is not Grant.NONE
