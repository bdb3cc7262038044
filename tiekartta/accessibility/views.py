"""The administrator's pages: the statement, the feedback list, answering, the retention."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accessibility import services
from tiekartta.accessibility.forms import (
    AnswerForm,
    FeedbackSettingsForm,
    IssueFormSet,
    StatementForm,
    issue_initial,
    issues_of,
)
from tiekartta.accessibility.models import (
    ANSWER_DAYS,
    NEAR_DEADLINE_DAYS,
    AccessibilityStatement,
    FeedbackMessage,
    FeedbackSettings,
)
from tiekartta.accessibility.selectors import (
    FILTERS,
    Deadline,
    feedback_counts,
    feedback_list,
    statement_of,
)
from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error
from tiekartta.core.locking import ConflictError

MAIL_ERRORS = (OSError,)  # smtplib.SMTPException is an OSError


def get_feedback(ctx: OrgContext, pk: int) -> FeedbackMessage:
    """A message of the organisation in the URL; another organisation's is 404."""
    return get_object_or_404(
        FeedbackMessage.objects.select_related("answered_by", "organisation"),
        pk=pk,
        organisation=ctx.organisation,
    )


@org_view("accessibility.manage")
def statement_edit(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    organisation = ctx.organisation
    current = statement_of(organisation)
    instance = current or AccessibilityStatement(organisation=organisation)
    data = request.POST if request.method == "POST" else None
    form = StatementForm(data, instance=instance)
    issues = IssueFormSet(data, initial=issue_initial(current), prefix="issues")
    conflict = False
    if request.method == "POST" and form.is_valid() and issues.is_valid():
        try:
            services.save_statement(
                actor=ctx.actor,
                organisation=organisation,
                expected_version=form.cleaned_data.get("version"),
                data=form.to_input(issues_of(issues)),
            )
        except ConflictError:
            # The form keeps what this user typed, so nothing is lost; they can compare and retry.
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The accessibility statement was saved."))
            return redirect("accessibility:statement_edit", org=ctx.org)
    status = 409 if conflict else 400 if request.method == "POST" else 200
    return render(
        request,
        "accessibility/statement_form.html",
        page_context(
            ctx.membership, form=form, issues=issues, statement=current, conflict=conflict
        ),
        status=status,
    )


@org_view("accessibility.manage")
def feedback_list_view(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    today = timezone.localdate()
    chosen = request.GET.get("show", "open")
    if chosen not in FILTERS:
        chosen = "open"
    rows = [
        (message, Deadline.of(message, today))
        for message in feedback_list(ctx.organisation, chosen, today)
    ]
    return render(
        request,
        "accessibility/feedback_list.html",
        page_context(
            ctx.membership,
            rows=rows,
            chosen=chosen,
            counts=feedback_counts(ctx.organisation, today),
            near_days=NEAR_DEADLINE_DAYS,
            answer_days=ANSWER_DAYS,
        ),
    )


@org_view("accessibility.manage")
def feedback_detail(request: HttpRequest, ctx: OrgContext, message: int) -> HttpResponse:
    feedback = get_feedback(ctx, message)
    today = timezone.localdate()
    form = AnswerForm(request.POST or None)
    if not feedback.email:
        del form.fields["send_email"]
    conflict = False
    status = 200
    if request.method == "POST":
        status = 400
        if feedback.is_answered:
            conflict = True
            status = 409
        elif form.is_valid():
            try:
                services.answer_feedback(
                    actor=ctx.actor, feedback=feedback, answer=form.cleaned_data["answer"]
                )
            except ConflictError:
                conflict, status = True, 409
                feedback = get_feedback(ctx, message)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The answer was recorded."))
                if form.cleaned_data.get("send_email"):
                    _email(request, feedback)
                return redirect("accessibility:feedback_detail", org=ctx.org, message=feedback.pk)
    return render(
        request,
        "accessibility/feedback_detail.html",
        page_context(
            ctx.membership,
            feedback=feedback,
            form=form,
            conflict=conflict,
            deadline=Deadline.of(feedback, today),
        ),
        status=status,
    )


def _email(request: HttpRequest, feedback: FeedbackMessage) -> None:
    try:
        services.email_answer(feedback=feedback)
    except MAIL_ERRORS:
        messages.error(
            request,
            _(
                "The answer is recorded, but the e-mail could not be sent. Send it yourself "
                "to %(address)s."
            )
            % {"address": feedback.email},
        )
    else:
        messages.success(
            request, _("The answer was e-mailed to %(address)s.") % {"address": feedback.email}
        )


@org_view("accessibility.manage")
def feedback_settings(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    current = FeedbackSettings.for_organisation(ctx.organisation)
    form = FeedbackSettingsForm(request.POST or None, instance=current)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.save_feedback_settings(
                actor=ctx.actor,
                organisation=ctx.organisation,
                expected_version=form.cleaned_data.get("version"),
                retention_days=form.cleaned_data["retention_days"],
            )
        except ConflictError:
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The feedback settings were saved."))
            return redirect("accessibility:feedback_list", org=ctx.org)
    status = 409 if conflict else 400 if request.method == "POST" else 200
    return render(
        request,
        "accessibility/feedback_settings.html",
        page_context(ctx.membership, form=form, conflict=conflict),
        status=status,
    )
