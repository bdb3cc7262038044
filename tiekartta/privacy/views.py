"""The organisation administrator's Data protection page: the retention periods, and a copy
of one member's or person's data (the right of access, GDPR art. 15) with the organisation's
rows only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.models import Membership
from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error
from tiekartta.core.locking import ConflictError
from tiekartta.privacy import services
from tiekartta.privacy.forms import RetentionSettingsForm
from tiekartta.privacy.models import RetentionSettings
from tiekartta.privacy.selectors import Subject
from tiekartta.roadmap.models import Person


@org_view("org.admin")
def settings_page(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    current = RetentionSettings.for_organisation(ctx.organisation)
    form = RetentionSettingsForm(request.POST or None, instance=current)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.save_retention_settings(
                actor=ctx.actor,
                organisation=ctx.organisation,
                expected_version=form.expected_version,
                import_days=form.cleaned_data["import_days"],
                removed_person_days=form.cleaned_data["removed_person_days"],
            )
        except ConflictError:
            form.show_conflict(RetentionSettings.for_organisation(ctx.organisation))
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The retention periods were saved."))
            return redirect("privacy:settings", org=ctx.org)
    status = 409 if conflict else 400 if request.method == "POST" else 200
    members = (
        Membership.objects.filter(organisation=ctx.organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    people = Person.objects.filter(organisation=ctx.organisation, user__isnull=True)
    return render(
        request,
        "privacy/settings.html",
        page_context(ctx.membership, form=form, conflict=conflict, members=members, people=people),
        status=status,
    )


def _subject(request: HttpRequest, ctx: OrgContext) -> tuple[Subject, str] | None:
    """Whom the export is about, only among the organisation's members and people (404 for
    anyone else); None when the form names nobody."""
    user_id, person_id = request.POST.get("user", ""), request.POST.get("person", "")
    if user_id.isdigit():
        membership = get_object_or_404(
            Membership.objects.select_related("user"),
            organisation=ctx.organisation,
            user_id=int(user_id),
        )
        return Subject(user=membership.user), membership.user.get_username()
    if person_id.isdigit():
        person = get_object_or_404(Person, organisation=ctx.organisation, pk=int(person_id))
        subject = Subject(user=person.user, email=person.email, person_ids={person.pk})
        return subject, f"person-{person.pk}"
    return None


@org_view("org.admin")
@require_POST
def person_export(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    found = _subject(request, ctx)
    if found is None:
        return HttpResponseBadRequest(_("Choose the member or the person."))
    subject, name = found
    content = services.export_person_data(
        actor=ctx.actor, subject=subject, organisation=ctx.organisation
    )
    filename = f"{ctx.organisation.slug}-personal-data-{slugify(name) or 'person'}.json"
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
