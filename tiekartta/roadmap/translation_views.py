"""The texts of a roadmap that lack a version in one of the organisation's languages.

The list is for the digital group, who write and translate the roadmap's texts (the
`structure.edit` capability: the administrator and the editors). An owner edits only their own
tasks and a viewer nothing, so neither gets the list: the dashboard's count is not shown to them
either. The texts come from `core.translations.gaps_in_roadmap` (one query per registered model:
the roadmap, themes, tasks and, registered by the metrics app, metrics), whatever their number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import capfirst

from tiekartta.accounts.pages import page_context
from tiekartta.core.translations import (
    ContentLanguages,
    Gap,
    gaps_in_roadmap,
    language_name,
    language_name_in_prose,
)
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view

# Texts on one page of the list: a roadmap translated for the first time lacks hundreds.
GAPS_PER_PAGE = 50


@dataclass
class Lack:
    field: str  # the field's name, capitalised ("Public summary")
    languages: list[tuple[str, str]]  # code and the language's own name ("sv", "svenska")


@dataclass
class Row:
    name: str
    edit_url: str  # "" when the reader may not open the form
    lacks: list[Lack]


@dataclass
class Group:
    kind: str
    rows: list[Row] = field(default_factory=list)


def _row(gap: Gap, ctx: RoadmapContext) -> Row:
    meta = gap.entry.model._meta
    needs = gap.entry.edit_capability
    return Row(
        name=gap.name,
        edit_url=(
            gap.entry.edit_url(ctx.org, ctx.roadmap.slug, gap.pk)
            if not needs or ctx.can(needs)
            else ""
        ),
        lacks=[
            Lack(
                str(capfirst(meta.get_field(name).verbose_name)),  # type: ignore[union-attr]
                [(code, language_name(code)) for code in codes],
            )
            for name, codes in gap.missing
        ],
    )


def _grouped(gaps: list[Gap], counts: dict[type, int], ctx: RoadmapContext) -> list[Group]:
    """A page's texts by kind, in the registry's order (roadmap, themes, tasks, metrics)."""
    groups: dict[type, Group] = {}
    for gap in gaps:
        model = gap.entry.model
        if model not in groups:
            meta = model._meta
            name = meta.verbose_name if counts[model] == 1 else meta.verbose_name_plural
            groups[model] = Group(str(capfirst(name)))
        groups[model].rows.append(_row(gap, ctx))
    return list(groups.values())


@roadmap_view("structure.edit")
def missing_translations(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    languages = ctx.organisation.content_languages
    # `?language=sv` narrows the list to one language; an unknown one shows them all.
    chosen = request.GET.get("language", "")
    if chosen not in languages.others:
        chosen = ""
    asked = ContentLanguages(languages.primary, (chosen,)) if chosen else languages
    gaps = gaps_in_roadmap(ctx.roadmap.pk, asked)
    counts: dict[type, int] = {}
    for gap in gaps:
        counts[gap.entry.model] = counts.get(gap.entry.model, 0) + 1
    page = Paginator(gaps, GAPS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "roadmap/missing_translations.html",
        page_context(
            ctx.membership,
            ctx.roadmap,
            org_languages=languages,
            choices=[(code, language_name(code)) for code in languages.others],
            chosen=chosen,
            primary_name=language_name_in_prose(languages.primary),
            page=page,
            groups=_grouped(list(page.object_list), counts, ctx),
            text_count=sum(gap.text_count for gap in gaps),
        ),
    )
