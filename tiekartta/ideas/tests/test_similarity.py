"""Similar ideas by the stems of their words: inflected Finnish forms meet, unrelated ideas do
not, and 2,000 answers compare quickly enough for an import's preview."""

from __future__ import annotations

import time

from conftest import World
from tests.factories import IdeaFactory
from tiekartta.ideas.models import IdeaStatus
from tiekartta.ideas.selectors import similar_to
from tiekartta.ideas.similarity import most_similar, similar_pairs, stems


def test_inflected_forms_share_their_stems() -> None:
    assert stems("Sähköinen ajanvaraus") & stems("sähköiseen ajanvaraukseen") == {
        "sähköi",
        "ajanva",
    }
    assert stems("ja tai ei on") == frozenset()


def test_similar_pairs_finds_the_same_wish_in_other_words() -> None:
    texts = {
        1: "Sähköinen ajanvaraus terveysasemalle",
        2: "Terveysaseman ajanvaraus sähköiseksi",
        3: "Kirjaston aukioloajat pidemmiksi",
        4: "Vesimittarin lukemat automaattisesti",
    }
    pairs = similar_pairs(texts)
    assert [(match.key, match.other) for match in pairs] == [(1, 2)]
    assert pairs[0].score >= 0.5


def test_against_gives_each_text_its_closest_existing_idea() -> None:
    existing = {"a": "Kaupunkisovellus tapahtumille", "b": "Kirjaston e-kirjat"}
    new = {10: "Sovellus, jossa kaupunkisovellus näyttää tapahtumat", 11: "Uimahallin aukiolot"}
    pairs = similar_pairs(new, against=existing)
    assert [(match.key, match.other) for match in pairs] == [(10, "a")]


def test_two_thousand_answers_compare_in_well_under_a_second() -> None:
    words = ["ajanvaraus", "lomake", "maksu", "sovellus", "kirjasto", "digituki", "opastus"]
    texts = {
        n: f"{words[n % 7]} {words[(n * 3) % 7]} numero{n} asia{n % 50} paikka{n % 13}"
        for n in range(2000)
    }
    started = time.perf_counter()
    similar_pairs(texts)
    assert time.perf_counter() - started < 1.0


def test_most_similar_ranks_and_limits() -> None:
    found = most_similar(
        "Sähköinen ajanvaraus kirjastoon",
        [(1, "Kirjaston sähköinen ajanvaraus"), (2, "Ajanvaraus kirjastoon"), (3, "Uimahalli")],
    )
    assert [match.other for match in found] == [1, 2]


def test_the_idea_page_suggests_similar_ideas_of_the_organisation_only(world: World) -> None:
    idea = IdeaFactory(organisation=world.organisation, title="Sähköinen ajanvaraus kirjastoon")
    twin = IdeaFactory(organisation=world.organisation, title="Kirjaston sähköinen ajanvaraus")
    IdeaFactory(
        organisation=world.organisation,
        title="Kirjastoon sähköinen ajanvaraus",
        status=IdeaStatus.MERGED,
        merged_into=twin,
    )
    IdeaFactory(organisation=world.outsider_organisation, title="Sähköinen ajanvaraus kirjastoon")
    assert [other for other, _score in similar_to(idea)] == [twin]
    page = world.client_for("viewer").get(f"/o/testikaupunki/ideas/{idea.pk}/").content.decode()
    assert "Similar ideas" in page and twin.title in page
