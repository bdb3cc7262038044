"""Language versions of what the organisation writes: storage, fallback, limits, forms and the
change of the primary language."""

from __future__ import annotations

import copy
import pickle

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.utils import translation

from tests.factories import (
    MetricFactory,
    OrganisationFactory,
    RoadmapFactory,
    TaskFactory,
    ThemeFactory,
)
from tiekartta.accounts.content_languages import set_content_languages
from tiekartta.accounts.models import AuditEvent, EventKind
from tiekartta.core.actors import Actor
from tiekartta.core.forms import LanguageVersionsMixin
from tiekartta.core.translations import (
    ContentLanguages,
    TranslatedText,
    count_missing,
    gaps_in_roadmap,
    text_in,
    using_languages,
)
from tiekartta.roadmap.models import Task

BILINGUAL = ContentLanguages("fi", ("sv",))
SYSTEM = Actor.system("test")


def test_a_version_in_the_readers_language_is_shown_with_its_language():
    task = Task(title="Kaupunkisovellus", translations={"sv": {"title": "Stadsappen"}})
    with using_languages(BILINGUAL), translation.override("sv"):
        title = text_in(task, "title")
    assert (title, title.lang, title.is_fallback) == ("Stadsappen", "sv", False)


def test_a_missing_version_falls_back_to_the_primary_text_marked_as_primary():
    task = Task(title="Kaupunkisovellus", translations={"sv": {"description": "x"}})
    with using_languages(BILINGUAL), translation.override("sv"):
        title = text_in(task, "title")
    assert (title, title.lang, title.is_fallback) == ("Kaupunkisovellus", "fi", True)


def test_a_version_in_a_language_the_organisation_does_not_use_is_not_shown():
    task = Task(title="Kaupunkisovellus", translations={"en": {"title": "City app"}})
    with using_languages(BILINGUAL), translation.override("en"):
        assert text_in(task, "title").lang == "fi"


def test_a_swedish_primary_organisation_shows_finnish_readers_its_finnish_versions():
    task = Task(title="Stadsappen", translations={"fi": {"title": "Kaupunkisovellus"}})
    with using_languages(ContentLanguages("sv", ("fi",))), translation.override("fi"):
        assert text_in(task, "title") == "Kaupunkisovellus"
    with using_languages(ContentLanguages("sv", ("fi",))), translation.override("sv"):
        assert text_in(task, "title") == "Stadsappen"


def test_a_copied_or_pickled_text_keeps_its_language():
    # Public pages are cached and projected with dataclasses.asdict, which deep-copies.
    text = TranslatedText("Kaupunkisovellus", "fi", is_fallback=True)
    pickled = pickle.loads(pickle.dumps(text))  # noqa: S301 (bytes this test made)
    for copied in (copy.deepcopy(text), pickled):
        assert (copied, copied.lang, copied.is_fallback) == ("Kaupunkisovellus", "fi", True)


def render(source: str, **context: object) -> str:
    return Template("{% load tiekartta %}" + source).render(Context(context))


def test_templates_mark_a_fallback_with_the_primary_language_and_a_version_with_none():
    task = Task(title="Kaupunkisovellus", translations={"sv": {"title": "Stadsappen"}})
    untranslated = Task(title="Asiointi <verkossa>")
    source = '{% with t=task|translated:"title" %}<h1{{ t|lang_attr }}>{{ t }}</h1>{% endwith %}'
    with using_languages(BILINGUAL), translation.override("sv"):
        assert render(source, task=task) == "<h1>Stadsappen</h1>"
        assert render(source, task=untranslated) == '<h1 lang="fi">Asiointi &lt;verkossa&gt;</h1>'
        assert (
            render('{{ task|translated:"title"|in_content_language }}', task=untranslated)
            == '<span lang="fi">Asiointi &lt;verkossa&gt;</span>'
        )
    with using_languages(BILINGUAL), translation.override("fi"):
        assert render(source, task=untranslated) == "<h1>Asiointi &lt;verkossa&gt;</h1>"


def test_plain_text_takes_the_organisations_primary_language_not_the_installations():
    with using_languages(ContentLanguages("sv")), translation.override("fi"):
        assert render("<p{{ name|lang_attr }}>{{ name }}</p>", name="Stadsappen") == (
            '<p lang="sv">Stadsappen</p>'
        )
        assert TranslatedText("x", "fi") == "x"


@pytest.mark.django_db
def test_versions_are_checked_against_the_fields_limits_in_full_clean():
    task = TaskFactory()
    task.translations = {"sv": {"title": "x" * 201}}
    with pytest.raises(ValidationError) as error, translation.override("en"):
        task.full_clean()
    assert "at most 200 characters" in str(error.value.message_dict["translations"])
    task.translations = {"xx": {"title": "x"}}
    with pytest.raises(ValidationError):
        task.full_clean()
    task.translations = {"sv": {"owner": "x"}}
    with pytest.raises(ValidationError):
        task.full_clean()


@pytest.mark.django_db
def test_the_database_keeps_versions_within_limits_on_every_backend():
    task = TaskFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(translations={"sv": {"title": "x" * 201}})
    Task.objects.filter(pk=task.pk).update(translations={"sv": {"title": "x" * 200}})
    assert Task.objects.filter(translations__sv__title__icontains="xxx").count() == 1


class TitleForm(LanguageVersionsMixin, forms.Form):
    translated_fields = ("title",)
    title = forms.CharField(label="Title", max_length=200)
    kind = forms.CharField(required=False)

    def __init__(self, *args: object, translations: dict | None = None, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.add_language_versions(ContentLanguages("fi", ("sv", "en")), translations)


def test_a_form_puts_each_version_after_its_text_marked_with_its_language():
    with translation.override("en"):
        form = TitleForm(translations={"sv": {"title": "Stadsappen"}, "se": {"title": "?"}})
    assert list(form.fields) == ["title", "title__sv", "title__en", "kind"]
    assert form.fields["title"].label == "Title (suomi)"
    assert form.fields["title__sv"].label == "Title (svenska)"
    assert form.fields["title__sv"].widget.attrs["lang"] == "sv"
    assert form["title__sv"].initial == "Stadsappen"
    assert not form.fields["title__en"].required
    assert form.fields["title__en"].max_length == 200


def test_a_form_returns_the_versions_and_keeps_those_it_does_not_show():
    form = TitleForm(
        {"title": "Kaupunkisovellus", "title__sv": " Stadsappen ", "title__en": ""},
        translations={"en": {"title": "Old"}, "se": {"title": "Gávpot"}},
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_translations() == {"sv": {"title": "Stadsappen"}, "se": {"title": "Gávpot"}}


def test_a_version_over_the_limit_is_refused_next_to_its_field():
    form = TitleForm({"title": "Kaupunkisovellus", "title__sv": "x" * 201})
    assert not form.is_valid()
    assert list(form.errors) == ["title__sv"]


@pytest.mark.django_db
def test_missing_translations_are_listed_per_text_in_constant_queries(django_assert_num_queries):
    roadmap = RoadmapFactory(title="Digitiekartta", translations={"sv": {"title": "Digital"}})
    theme = ThemeFactory(roadmap=roadmap, name="Asiointi")
    TaskFactory(roadmap=roadmap, theme=theme, title="A", translations={"sv": {"title": "A"}})
    for _ in range(5):
        TaskFactory(roadmap=roadmap, theme=theme, public_summary="Valmis")
    MetricFactory(roadmap=roadmap, name="Käyttäjät", translations={"sv": {"name": "Användare"}})
    with django_assert_num_queries(4):
        gaps = gaps_in_roadmap(roadmap.pk, BILINGUAL)
    # The theme's name, and each of five tasks' title and summary.
    assert count_missing(roadmap.pk, BILINGUAL) == 1 + 5 * 2
    assert {gap.entry.model.__name__ for gap in gaps} == {"Theme", "Task"}
    assert gaps_in_roadmap(roadmap.pk, ContentLanguages("fi")) == []


@pytest.mark.django_db
def test_changing_the_primary_language_needs_every_text_translated_then_swaps_them():
    organisation = OrganisationFactory(translation_languages=["sv"])
    roadmap = RoadmapFactory(organisation=organisation, title="Digitiekartta")
    task = TaskFactory(roadmap=roadmap, title="Kaupunkisovellus", description="Sovellus")
    task.translations = {"sv": {"title": "Stadsappen"}}
    task.save()
    with pytest.raises(ValidationError) as error, translation.override("en"):
        set_content_languages(
            actor=SYSTEM, organisation=organisation, primary="sv", languages=["fi"]
        )
    assert "have no Swedish version" in str(error.value)
    Task.objects.filter(pk=task.pk).update(
        translations={"sv": {"title": "Stadsappen", "description": "Appen"}}
    )
    theme = task.theme
    theme.translations = {"sv": {"name": "Tema"}}
    theme.save()
    roadmap.translations = {"sv": {"title": "Digital färdplan"}}
    roadmap.save()
    organisation.refresh_from_db()
    set_content_languages(actor=SYSTEM, organisation=organisation, primary="sv", languages=["fi"])
    task.refresh_from_db()
    organisation.refresh_from_db()
    assert (task.title, task.description) == ("Stadsappen", "Appen")
    assert task.translations == {"fi": {"title": "Kaupunkisovellus", "description": "Sovellus"}}
    assert organisation.content_languages == ContentLanguages("sv", ("fi",))
    event = AuditEvent.objects.get(kind=EventKind.ORGANISATION_CHANGED, organisation=organisation)
    assert event.data["primary_language"] == ["fi", "sv"]
