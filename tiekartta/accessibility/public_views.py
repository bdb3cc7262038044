"""The public pages: the accessibility statement and the feedback form. No sign-in, no session:
nothing here writes to the session (no messages), so an anonymous visitor gets no session
cookie; the statement sets no cookie at all, the form only Django's CSRF cookie."""

from __future__ import annotations

import contextlib

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tiekartta.accessibility import services
from tiekartta.accessibility.forms import FeedbackForm
from tiekartta.accessibility.models import ANSWER_DAYS, FeedbackKind
from tiekartta.accessibility.public import (
    LANGUAGE_PARAMETER,
    chosen_language,
    in_page_language,
    render_public,
)
from tiekartta.accessibility.selectors import statement_of
from tiekartta.accounts.models import Organisation
from tiekartta.accounts.throttling import client_address
from tiekartta.core.forms import apply_validation_error

# A feedback form's fields fit in a few tens of kilobytes; anything bigger is refused before
# it is read into a form.
MAX_FEEDBACK_BODY = 64 * 1024


def _organisation(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


@require_safe
def statement(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = _organisation(org_slug)
    found = statement_of(organisation)
    language = chosen_language(request) or translation.get_language()
    texts = {}
    if found is not None:
        texts = {
            "description": found.text("description", language),
            "authority_name": found.text("authority_name", language),
            "issues": [
                {
                    "issue": issue,
                    "what": issue.text("what", language),
                    "workaround": issue.text("workaround", language),
                }
                for issue in found.issues.all()
            ],
        }
    return render_public(
        request,
        "accessibility/statement.html",
        {"statement": found, "answer_days": ANSWER_DAYS, **texts},
        organisation=organisation,
        cacheable=True,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@in_page_language  # the refusals are worded in the view, before the template
def feedback(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = _organisation(org_slug)
    status = 200
    if request.method == "POST":
        form, status = _receive(request, organisation)
        if form is None:
            return _to_thanks(request, organisation)
    else:
        kind = request.GET.get("kind", "")
        form = FeedbackForm(
            initial={
                "page": request.GET.get("page", "")[:500],
                "kind": kind if kind in FeedbackKind.values else "",
            }
        )
    return render_public(
        request,
        "accessibility/feedback.html",
        {"form": form, "answer_days": ANSWER_DAYS, "form_action": request.get_full_path()},
        organisation=organisation,
        cacheable=False,
        status=status,
    )


def _receive(request: HttpRequest, organisation: Organisation) -> tuple[FeedbackForm | None, int]:
    """The form to show again with its status, or None when the message was taken."""
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_FEEDBACK_BODY:
        # Not read into the form: shown empty, with the reason above it.
        form = FeedbackForm()
        form.refusal = _(
            "What you sent was too large to receive. Shorten the message to at most "
            "5,000 characters and send it again."
        )
        return form, 413
    form = FeedbackForm(request.POST)
    address = client_address(request) or ""
    if form.caught_in_honeypot():
        # Answered as a success, so that the robot learns nothing; nothing is stored.
        with contextlib.suppress(services.RateLimited):
            services.count_trapped_submission(address=address)
        return None, 302
    if not form.is_valid():
        return form, 400
    data = form.cleaned_data
    language = chosen_language(request) or translation.get_language()
    try:
        services.receive_feedback(
            organisation=organisation,
            kind=data["kind"],
            message=data["message"],
            name=data["name"],
            email=data["email"],
            page=data["page"],
            language=language,
            address=address,
        )
    except services.RateLimited:
        form.add_error(
            None,
            _(
                "Many messages have been sent from your address in the last hour, so this one "
                "was not received. Try again in an hour, or use the contact details in the "
                "accessibility statement."
            ),
        )
        return form, 429
    except ValidationError as error:
        apply_validation_error(form, error)
        return form, 400
    return None, 302


def _to_thanks(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    path = reverse("accessibility:feedback_sent", kwargs={"org_slug": organisation.slug})
    language = chosen_language(request) or translation.get_language()
    return HttpResponseRedirect(f"{path}?{urlencode({LANGUAGE_PARAMETER: language})}")


@require_safe
def feedback_sent(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = _organisation(org_slug)
    return render_public(
        request,
        "accessibility/feedback_sent.html",
        {"answer_days": ANSWER_DAYS},
        organisation=organisation,
        cacheable=True,
    )
