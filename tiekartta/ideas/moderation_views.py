"""Moderation of the public site's ideas: the digital group (idea.manage) publishes an idea with
its status and reason, or takes it off. An idea from the public form arrives unpublished and
waits for this decision."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import unsaved_copy
from tiekartta.core.locking import ConflictError
from tiekartta.ideas import public_services
from tiekartta.ideas.models import Idea
from tiekartta.ideas.views import get_idea


class PublicityForm(forms.Form):
    public = forms.TypedChoiceField(
        choices=[("1", gettext_lazy("Publish")), ("0", gettext_lazy("Hide"))],
        coerce=lambda value: value == "1",
    )
    version = forms.IntegerField(min_value=1)


def _refused(
    request: HttpRequest, ctx: OrgContext, item: Idea, message: str, status: int
) -> HttpResponse:
    return render(
        request,
        "ideas/moderation_refused.html",
        page_context(ctx.membership, idea=item, message=message),
        status=status,
    )


@org_view("idea.manage")
@require_POST
def idea_publish(request: HttpRequest, ctx: OrgContext, idea: int) -> HttpResponse:
    item = get_idea(ctx, idea)
    form = PublicityForm(request.POST)
    if not form.is_valid():
        return _refused(
            request, ctx, item, _("Choose whether the idea is published or hidden."), 400
        )
    public = form.cleaned_data["public"]
    try:
        public_services.publish_idea(
            actor=ctx.actor,
            idea=unsaved_copy(item),
            public=public,
            expected_version=form.cleaned_data["version"],
        )
    except ConflictError:
        return _refused(
            request,
            ctx,
            item,
            _("Someone else changed the idea meanwhile. Check it and try again."),
            409,
        )
    except ValidationError as error:
        return _refused(request, ctx, item, " ".join(error.messages), 400)
    messages.success(
        request,
        _("The idea is shown on the public site.")
        if public
        else _("The idea was taken off the public site."),
    )
    return redirect("ideas:detail", org=ctx.org, idea=item.pk)
