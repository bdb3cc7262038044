"""The demo is bilingual: Kankaanpää writes in Finnish and Swedish, and its public texts have
Swedish versions, except the few summaries left untranslated on purpose."""

import pytest
from django.core.management import call_command

from tiekartta.accounts.models import Organisation
from tiekartta.core.translations import gaps_in_roadmap, text_in, using_languages
from tiekartta.metrics.models import Metric
from tiekartta.roadmap.demo_sv import UNTRANSLATED_SUMMARIES
from tiekartta.roadmap.models import Roadmap, Task, Theme

LIMITS = {"title": 200, "name": 120}


@pytest.mark.django_db
def test_the_demo_writes_kankaanpaa_in_finnish_and_swedish() -> None:
    call_command("load_demo")
    kankaanpaa = Organisation.objects.get(slug="kankaanpaa-demo")
    assert (kankaanpaa.primary_language, kankaanpaa.translation_languages) == ("fi", ["sv"])
    other = Organisation.objects.get(slug="esimerkkila-demo")
    assert other.translation_languages == []
    assert not Task.objects.filter(roadmap__organisation=other).exclude(translations={}).exists()

    public = list(Roadmap.objects.filter(organisation=kankaanpaa, is_public=True))
    assert sorted(r.slug for r in public) == ["2023-2025", "2026-2028"]
    for roadmap in public:
        assert roadmap.translations["sv"].keys() == {"title", "description"}
        for theme in Theme.objects.filter(roadmap=roadmap):
            assert theme.translations["sv"].keys() == {"name", "description"}
            assert len(theme.translations["sv"]["name"]) <= LIMITS["name"]
        for task in Task.objects.filter(roadmap=roadmap, is_public=True):
            sv = task.translations["sv"]
            assert sv["title"] and len(sv["title"]) <= LIMITS["title"], task.title
            assert sv["description"], task.title
        for metric in Metric.objects.filter(roadmap=roadmap, is_public=True):
            assert metric.translations["sv"].keys() == {"name", "description"}
    assert Metric.objects.filter(roadmap__in=public, is_public=True).exists()

    # Every text has its Swedish version but the summaries left out on purpose: they are
    # exactly what the list of missing translations shows.
    gaps = {
        (roadmap.slug, gap.name, gap.missing)
        for roadmap in public
        for gap in gaps_in_roadmap(roadmap.pk, kankaanpaa.content_languages)
    }
    assert gaps == {
        (slug, title, (("public_summary", ("sv",)),)) for slug, title in UNTRANSLATED_SUMMARIES
    }
    summarised = Task.objects.filter(roadmap__in=public).exclude(public_summary="")
    assert summarised.count() > len(UNTRANSLATED_SUMMARIES)

    # On the Swedish page an untranslated summary falls back to the Finnish one, marked so.
    slug, title = sorted(UNTRANSLATED_SUMMARIES)[0]
    task = Task.objects.get(roadmap__organisation=kankaanpaa, roadmap__slug=slug, title=title)
    with using_languages(kankaanpaa.content_languages):
        summary = text_in(task, "public_summary", "sv")
        assert (summary, summary.lang, summary.is_fallback) == (task.public_summary, "fi", True)
        assert text_in(task, "title", "sv").lang == "sv"


@pytest.mark.django_db
def test_loading_the_demo_again_adds_no_swedish_twice_and_keeps_the_languages() -> None:
    call_command("load_demo")
    before = {task.pk: task.translations for task in Task.objects.all()}
    history = Task.history.count()
    call_command("load_demo")
    assert {task.pk: task.translations for task in Task.objects.all()} == before
    assert Task.history.count() == history
    kankaanpaa = Organisation.objects.get(slug="kankaanpaa-demo")
    assert kankaanpaa.translation_languages == ["sv"]
