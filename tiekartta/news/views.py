"""The digital group's news pages: the list, writing, publishing, deleting, and the code to
embed the public view on the town's own website."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error, reloaded, unsaved_copy
from tiekartta.core.locking import ConflictError
from tiekartta.news import services
from tiekartta.news.forms import NewsForm
from tiekartta.news.models import NewsItem
from tiekartta.roadmap.publicity import public_roadmaps


def get_news(ctx: OrgContext, pk: int) -> NewsItem:
    """An item of the organisation in the URL; another organisation's is 404."""
    return get_object_or_404(NewsItem, pk=pk, organisation=ctx.organisation)


@org_view("news.manage")
def news_list(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    items = (
        NewsItem.objects.filter(organisation=ctx.organisation)
        .select_related("roadmap", "author")
        .order_by("published_at", "-created_at")  # drafts (no time) first, then the newest
    )
    drafts = [item for item in items if not item.is_published]
    published = sorted(
        (item for item in items if item.is_published),
        key=lambda item: item.published_at,  # type: ignore[arg-type, return-value]
        reverse=True,
    )
    return render(
        request,
        "news/list.html",
        page_context(ctx.membership, drafts=drafts, published=published),
    )


@org_view("news.manage")
def news_create(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    return _news_form(request, ctx, None)


@org_view("news.manage")
def news_edit(request: HttpRequest, ctx: OrgContext, news: int) -> HttpResponse:
    return _news_form(request, ctx, news)


def _news_form(request: HttpRequest, ctx: OrgContext, pk: int | None) -> HttpResponse:
    item = get_news(ctx, pk) if pk is not None else NewsItem(organisation=ctx.organisation)
    form = NewsForm(request.POST or None, instance=item, organisation=ctx.organisation)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            if pk is None:
                item = services.create_news(
                    actor=ctx.actor, organisation=ctx.organisation, data=form.to_input()
                )
            else:
                services.update_news(
                    actor=ctx.actor,
                    item=unsaved_copy(item),
                    data=form.to_input(),
                    expected_version=form.expected_version,
                )
        except ConflictError:
            item = reloaded(item)
            form.show_conflict(item)
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The news item was saved."))
            return redirect("news:list", org=ctx.org)
    status = 409 if conflict else 400 if request.method == "POST" else 200
    return render(
        request,
        "news/form.html",
        page_context(ctx.membership, form=form, item=item if pk else None, conflict=conflict),
        status=status,
    )


@org_view("news.manage")
@require_POST
def news_publish(request: HttpRequest, ctx: OrgContext, news: int) -> HttpResponse:
    item = get_news(ctx, news)
    publish = request.POST.get("publish") == "1"
    version = request.POST.get("version", "")
    try:
        services.set_published(
            actor=ctx.actor,
            item=item,
            published=publish,
            expected_version=int(version) if version.isdigit() else 0,
        )
    except ConflictError:
        messages.error(
            request, _("Someone else changed the news item meanwhile. Check it and try again.")
        )
    else:
        messages.success(
            request,
            _("The news item was published.") if publish else _("The news item was withdrawn."),
        )
    return redirect("news:list", org=ctx.org)


@org_view("news.manage")
def news_delete(request: HttpRequest, ctx: OrgContext, news: int) -> HttpResponse:
    item = get_news(ctx, news)
    if request.method == "POST":
        services.delete_news(actor=ctx.actor, item=item)
        messages.success(request, _("The news item was deleted."))
        return redirect("news:list", org=ctx.org)
    return render(request, "news/delete.html", page_context(ctx.membership, item=item))


@org_view("news.manage")
def embed_code(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    """The `<iframe>` to paste on the town's website, for the organisation and each public
    roadmap, with a preview."""
    organisation = ctx.organisation
    embeds = [
        {
            "label": _("The latest public roadmap"),
            "url": settings.TIEKARTTA_BASE_URL
            + reverse("news:embed", kwargs={"org_slug": organisation.slug}),
        }
    ] + [
        {
            "label": roadmap.title,
            "url": settings.TIEKARTTA_BASE_URL
            + reverse(
                "news:roadmap_embed",
                kwargs={"org_slug": organisation.slug, "roadmap_slug": roadmap.slug},
            ),
        }
        for roadmap in public_roadmaps(organisation)
    ]
    for embed in embeds:
        # The preview loads the same page from this site, whatever its address.
        embed["path"] = embed["url"].removeprefix(settings.TIEKARTTA_BASE_URL)
        # Escaped: the organisation's name goes into an attribute of HTML people paste.
        embed["snippet"] = format_html(
            '<iframe src="{}" title="{}" width="100%" height="480" style="border:0" '
            'loading="lazy"></iframe>',
            embed["url"],
            _("%(organisation)s: digital roadmap") % {"organisation": organisation.name},
        )
    return render(
        request,
        "news/embed_code.html",
        page_context(
            ctx.membership,
            embeds=embeds if len(embeds) > 1 else [],
            feed_url=settings.TIEKARTTA_BASE_URL
            + reverse("news:feed", kwargs={"org_slug": organisation.slug}),
        ),
    )
