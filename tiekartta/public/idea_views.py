"""The public idea pages: the published ideas with what was decided, the form on which a
resident proposes one, the thank-you page with the address to follow it at, and that follow
page.

No sign-in and no session, as the feedback form (accessibility.public_views): nothing here
writes to the session, so the form sets only Django's CSRF cookie and the other pages none.
The list is a public page like the others (shared caches may keep it, `caching`); the form, the
thank-you page and the follow page are never kept, and the last two, whose address holds the
follow key, tell search engines to leave them alone and send no referrer.
"""

from __future__ import annotations

import contextlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tiekartta.accessibility.public import LANGUAGE_PARAMETER, chosen_language, render_public
from tiekartta.accounts.models import Organisation
from tiekartta.accounts.throttling import client_address
from tiekartta.core.forms import apply_validation_error
from tiekartta.core.translations import using_languages
from tiekartta.ideas import public_selectors, public_services
from tiekartta.public import pages
from tiekartta.public.caching import conditional_public_page, cookieless_not_found
from tiekartta.public.idea_forms import IdeaProposalForm
from tiekartta.roadmap.models import Theme

IDEAS_PER_PAGE = 50
# The form's fields fit in a few tens of kilobytes; anything bigger is refused unread.
MAX_PROPOSAL_BODY = 64 * 1024


def _language(request: HttpRequest) -> str:
    return chosen_language(request) or translation.get_language() or "fi"


def _with_public_site(slug: str) -> Organisation:
    """The organisation, if it has a published roadmap (404 otherwise, as its public site)."""
    return get_object_or_404(
        Organisation.objects.filter(roadmaps__is_public=True).distinct(), slug=slug
    )


def _ideas_path(organisation: Organisation) -> str:
    return reverse("public:ideas", kwargs={"org": organisation.slug})


def _secret_page(response: HttpResponse) -> HttpResponse:
    """A page whose address holds a follow key: not indexed, and the address is not sent on
    as a referrer (not even to this site's own style sheets)."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _feedback_from_ideas(organisation: Organisation, language: str) -> str:
    """The footer's feedback link naming the ideas list as its page, not the follow address:
    the key must not reach the feedback messages that the staff read."""
    path = reverse("accessibility:feedback", kwargs={"org_slug": organisation.slug})
    page = f"{_ideas_path(organisation)}?{urlencode({LANGUAGE_PARAMETER: language})}"
    return f"{path}?{urlencode({LANGUAGE_PARAMETER: language, 'page': page})}"


@require_safe
@conditional_public_page
def idea_list(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    paginator: Paginator[Any] = Paginator(
        public_selectors.public_ideas(organisation), IDEAS_PER_PAGE
    )
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = public_selectors.project_all(page.object_list)
    return render_public(
        request,
        "public/ideas.html",
        {
            "page": page,
            "page_query": pages.query_without(request, "page"),
            **pages.feed_context(organisation),
        },
        organisation=organisation,
        cacheable=True,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@cookieless_not_found
def idea_propose(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _with_public_site(org)
    language = _language(request)
    # The view's own words (the refusals) in the page's language, as the template's.
    with translation.override(language), using_languages(organisation.content_languages):
        themes = public_services.proposal_themes(organisation)
        status = 200
        if request.method == "POST":
            form, status, key = _receive(request, organisation, themes, language)
            if form is None:
                path = reverse("public:idea_sent", kwargs={"org": organisation.slug, "key": key})
                return HttpResponseRedirect(f"{path}?{urlencode({LANGUAGE_PARAMETER: language})}")
        else:
            form = IdeaProposalForm(themes=themes)
        return render_public(
            request,
            "public/idea_form.html",
            {
                "form": form,
                "form_action": request.get_full_path(),
                "ideas_url": f"{_ideas_path(organisation)}?{urlencode({'lang': language})}",
            },
            organisation=organisation,
            cacheable=False,
            status=status,
        )


def _receive(
    request: HttpRequest, organisation: Organisation, themes: list[Theme], language: str
) -> tuple[IdeaProposalForm | None, int, str]:
    """(the form to show again, its status, "") or (None, 302, the follow key) when taken."""
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_PROPOSAL_BODY:
        # Not read into the form: shown empty, with the reason above it.
        form = IdeaProposalForm(themes=themes)
        form.refusal = _(
            "What you sent was too large to receive. Shorten the description to at most "
            "10,000 characters and send it again."
        )
        return form, 413, ""
    form = IdeaProposalForm(request.POST, themes=themes)
    address = client_address(request) or ""
    if form.caught_in_honeypot():
        # Answered as a success, with an address that leads nowhere, so that the robot
        # learns nothing; nothing is stored, but the attempt counts against the limit.
        with contextlib.suppress(public_services.RateLimited):
            public_services.count_trapped_proposal(address=address)
        return None, 302, secrets.token_urlsafe(public_services.FOLLOW_KEY_BYTES)
    if not form.is_valid():
        return form, 400, ""
    data = form.cleaned_data
    try:
        idea = public_services.propose_idea(
            organisation=organisation,
            title=data["title"],
            description=data["description"],
            theme=data["theme"],
            submitter=data["submitter"],
            address=address,
            language=language,
        )
    except public_services.RateLimited:
        form.add_error(
            None,
            _(
                "Many ideas have been sent from your address in the last hour, so this one was "
                "not received. Try again in an hour."
            ),
        )
        return form, 429, ""
    except ValidationError as error:
        apply_validation_error(form, error)
        return form, 400, ""
    return None, 302, str(idea.follow_key)


@require_safe
@cookieless_not_found
def idea_sent(request: HttpRequest, org: str, key: str) -> HttpResponse:
    """Thanks, and the address to follow the idea at. It only repeats the key of its own
    address (no look-up), so that it reads the same to a robot caught in the honeypot."""
    organisation = _with_public_site(org)
    if not public_selectors.is_follow_key(key):
        raise Http404
    language = _language(request)
    follow_path = reverse("public:idea_follow", kwargs={"org": organisation.slug, "key": key})
    follow_url = request.build_absolute_uri(
        f"{follow_path}?{urlencode({LANGUAGE_PARAMETER: language})}"
    )
    response = render_public(
        request,
        "public/idea_sent.html",
        {
            "follow_url": follow_url,
            "ideas_url": f"{_ideas_path(organisation)}?{urlencode({'lang': language})}",
            "feedback_url": _feedback_from_ideas(organisation, language),
        },
        organisation=organisation,
        cacheable=False,
    )
    return _secret_page(response)


@require_safe
@cookieless_not_found
def idea_follow(request: HttpRequest, org: str, key: str) -> HttpResponse:
    """The idea with its status, decisions and task, for whoever holds the key: shown whether
    or not the group published it, and while the organisation has a public site or not."""
    organisation = get_object_or_404(Organisation, slug=org)
    language = _language(request)
    with translation.override(language), using_languages(organisation.content_languages):
        followed = public_selectors.followed_idea(organisation, key)
        if followed is None:
            raise Http404
        context: dict[str, Any] = {
            "followed": followed,
            "idea": followed.idea,
            "has_public_site": organisation.roadmaps.filter(is_public=True).exists(),
            "ideas_url": f"{_ideas_path(organisation)}?{urlencode({'lang': language})}",
            "feedback_url": _feedback_from_ideas(organisation, language),
        }
    response = render_public(
        request, "public/idea_follow.html", context, organisation=organisation, cacheable=False
    )
    return _secret_page(response)
