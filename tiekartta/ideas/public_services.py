"""The public idea form's writes: a resident's proposal, and the group's decision whether an idea
is shown on the public site.

A proposal arrives as a *new* idea from the public form, not public: the digital group reads it
and publishes it (or not). The resident follows it at an address with a secret key
(`Idea.follow_key`), without an account, so nothing about them is kept but what they wrote.

The rate limit counts proposals per client address in Django's cache, by a keyed hash of the
address (never the address itself), as the API's limit does: the ideas app sits below the
accessibility app, whose feedback limit has a table of its own, and may not reach it; the
cache is shared between gunicorn's workers where production sets TIEKARTTA_CACHE=database.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.actors import Actor
from tiekartta.core.locking import claimed
from tiekartta.ideas.models import Idea, IdeaSource, IdeaStatus
from tiekartta.ideas.services import _save
from tiekartta.roadmap.models import Theme

# Who writes what residents propose: nobody signed in. The change log names it, with the
# language the resident wrote in, so that the group can answer in it.
PUBLIC_FORM_LABEL = "Public idea form"
# The rate limit: at most this many proposals from one address within the window.
PROPOSAL_WINDOW = datetime.timedelta(hours=1)
FOLLOW_KEY_BYTES = 32  # 43 characters in URL-safe base64
CACHE_PREFIX = "tiekartta-idea-rate:"


def proposal_limit() -> int:
    return int(getattr(settings, "TIEKARTTA_IDEA_LIMIT_PER_HOUR", 5))


def public_form_actor(language: str = "") -> Actor:
    return Actor.system(f"{PUBLIC_FORM_LABEL} ({language})" if language else PUBLIC_FORM_LABEL)


class RateLimited(Exception):
    """The address has proposed as many ideas as the limit allows within the window."""


def _cache_key(address: str) -> str:
    """A keyed hash of the address: equal addresses meet, but the cache never holds one."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"idea:{address}".encode(), hashlib.sha256
    ).hexdigest()
    return CACHE_PREFIX + digest


def _recent(address: str, now: datetime.datetime) -> list[float]:
    """The times (POSIX seconds) of the address's proposals within the window."""
    since = (now - PROPOSAL_WINDOW).timestamp()
    stored = cache.get(_cache_key(address)) or []
    return [moment for moment in stored if isinstance(moment, float) and moment > since]


def _check_limit(address: str, now: datetime.datetime) -> list[float]:
    recent = _recent(address, now)
    if len(recent) >= proposal_limit():
        raise RateLimited
    return recent


def _count(address: str, recent: list[float], now: datetime.datetime) -> None:
    timeout = int(PROPOSAL_WINDOW.total_seconds())
    cache.set(_cache_key(address), [*recent, now.timestamp()], timeout)


def count_trapped_proposal(*, address: str, now: datetime.datetime | None = None) -> None:
    """A submission the honeypot caught: stored nowhere, but it counts against the address's
    limit, so that a robot gets nothing out of trying on. RateLimited when over it."""
    now = now or timezone.now()
    _count(address, _check_limit(address, now), now)


def _valid_language(language: str) -> str:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the site's languages.")})
    return language


def proposal_themes(organisation: Organisation) -> list[Theme]:
    """The themes a resident may choose: those of the organisation's published roadmaps that
    are not archived (the plan in force), in the roadmaps' and themes' display order."""
    return list(
        Theme.objects.filter(
            roadmap__organisation=organisation,
            roadmap__is_public=True,
            roadmap__is_archived=False,
        )
        .select_related("roadmap")
        .order_by("-roadmap__start_year", "roadmap__title", "-is_spearhead", "order", "name")
    )


@transaction.atomic
def propose_idea(
    *,
    organisation: Organisation,
    title: str,
    description: str,
    theme: Theme | None,
    submitter: str,
    address: str,
    language: str,
    now: datetime.datetime | None = None,
) -> Idea:
    """Store a resident's idea: new, from the public form, not public, with its follow key.
    RateLimited when the address has proposed too many ideas within the hour (nothing is
    stored); ValidationError for bad input (nothing is stored, and it does not count)."""
    now = now or timezone.now()
    recent = _check_limit(address, now)
    language = _valid_language(language)
    if theme is not None and theme not in proposal_themes(organisation):
        raise ValidationError({"theme": _("Choose a theme of the current roadmap.")})
    idea = Idea(
        organisation=organisation,
        title=title.strip(),
        description=description.strip(),
        theme=theme,
        submitter=submitter.strip(),
        source=IdeaSource.PUBLIC_FORM,
        # The source says where it came from, in each reader's language; an event written
        # now would be in one language only.
        event="",
        received_on=timezone.localdate(now),
        status=IdeaStatus.NEW,
        is_public=False,
        follow_key=secrets.token_urlsafe(FOLLOW_KEY_BYTES),
    )
    _save(idea, public_form_actor(language))
    _count(address, recent, now)
    return idea


@transaction.atomic
def publish_idea(
    *, actor: Actor, idea: Idea, public: bool, expected_version: int | None = None
) -> Idea:
    """Show the idea on the public site with its status and reason, or take it off.
    ConflictError if someone saved the idea after `expected_version`; ValidationError if it
    already is as asked (the form showed an old state)."""
    with claimed(idea, expected_version):
        if idea.is_public == public:
            message = (
                _("The idea is already on the public site.")
                if public
                else _("The idea is already off the public site.")
            )
            raise ValidationError({"is_public": message})
        idea.is_public = public
        _save(idea, actor)
    return idea
