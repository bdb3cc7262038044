"""A workshop in Chromium, run by keyboard: the editor opens it for a theme, writes ideas one
after another with Enter, scores them with the keyboard (each score saved on its own, the
average shown), closes it and reads its record; then ranks the ideas on the prioritisation
page, sees the quick win in the matrix and accepts two ideas into a new task, whose page shows
where it came from. axe-core checks every page on the way."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tiekartta.ideas.models import Idea, IdeaStatus, Score
from tiekartta.roadmap.models import Task

IDEAS = ("Digitukipiste kirjastoon", "Yhteinen asiakasrekisteri", "Chat verkkosivuille")
# (impact, effort, fit) by the editor
SCORES = {IDEAS[0]: "515", IDEAS[1]: "454", IDEAS[2]: "424"}


def test_a_workshop_is_run_by_keyboard_and_its_ideas_become_a_task(world: World, page: Any) -> None:
    log_in(page, "editor-user")
    page.goto("/o/testikaupunki/ideas/")
    page.get_by_role("link", name="Workshops").click()
    assert_accessible(page, "workshops, empty")
    page.get_by_role("link", name="Open a workshop").click()
    assert_accessible(page, "open a workshop")
    page.locator("#id_title").fill("Työpaja: digituki, syksy 2026")
    page.locator("#id_theme").select_option(
        label=f"{world.other_theme.name} ({world.roadmap.title})"
    )
    page.get_by_label(world.other_person.name).check()
    page.get_by_role("button", name="Open", exact=True).click()
    page.get_by_role("heading", name="Työpaja: digituki, syksy 2026").wait_for()

    # The title field has the focus: type, Enter, and the field is ready for the next one.
    title = page.locator("#id_title")
    for text in IDEAS:
        title.wait_for()
        assert page.evaluate("document.activeElement.id") == "id_title"
        page.keyboard.type(text)
        page.keyboard.press("Enter")
        page.get_by_role("heading", name=text, level=3).wait_for()
        page.get_by_text(f"Saved: “{text}”.").wait_for()
    assert Idea.objects.filter(event="Työpaja: digituki, syksy 2026").count() == 3
    assert_accessible(page, "workshop with ideas")

    # Each card's score by keyboard: Tab to the field, the digit picks the option, Enter saves.
    for text, digits in SCORES.items():
        card = page.locator("article.workshop-card", has=page.get_by_role("heading", name=text))
        card.get_by_label("Impact").focus()
        for position, digit in enumerate(digits):
            if position:
                page.keyboard.press("Tab")
            page.keyboard.type(digit)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        card = page.locator("article.workshop-card", has=page.get_by_role("heading", name=text))
        card.get_by_text("Score saved.").wait_for()
    first_card = page.locator(
        "article.workshop-card", has=page.get_by_role("heading", name=IDEAS[0])
    )
    assert "impact 5.0, effort 1.0, strategic fit 5.0 (1 person)" in first_card.inner_text()
    assert Score.objects.count() == 3

    page.get_by_role("link", name="Close the workshop").click()
    assert_accessible(page, "close the workshop")
    page.get_by_role("button", name="Close and keep the record").click()
    page.get_by_text("The workshop is closed and its record is kept.").wait_for()
    assert page.get_by_role("cell", name="Museonjohtaja").count() == 0  # attendees are a list
    assert page.get_by_text("Museonjohtaja").count() == 1
    assert_accessible(page, "workshop record")

    page.goto("/o/testikaupunki/ideas/priorities/")
    assert_accessible(page, "prioritisation")
    quick_wins = page.locator("table.matrix-table tr", has_text="Quick wins")
    assert IDEAS[0] in quick_wins.inner_text()
    assert page.locator("svg.matrix .matrix-point").count() == 3
    page.get_by_label(f"Choose “{IDEAS[0]}”").check()
    page.get_by_label(f"Choose “{IDEAS[2]}”").check()
    page.get_by_role("button", name="Accept the chosen ideas into a task").click()
    assert_accessible(page, "accept two ideas")
    assert page.locator("#id_new-quick_win").is_checked()
    page.locator("#id_new-theme").select_option(
        label=f"{world.other_theme.name} ({world.roadmap.title})"
    )
    page.locator("#id_new-title").fill("Digituki ja chat")
    page.locator("#id_new-owner").select_option(label=str(world.other_person))
    page.locator("#id_new-start").fill("2027Q1")
    page.locator("#id_new-due").fill("2027Q4")
    page.locator("#id_new-reason").fill("Toteutetaan yhdessä.")
    page.get_by_role("button", name="Create the task and accept").click()
    page.get_by_text("2 ideas were accepted into the task.").wait_for()
    page.get_by_role("heading", name="Where the task came from").wait_for()
    assert page.get_by_role("link", name=IDEAS[0]).count() == 1
    assert page.get_by_role("link", name=IDEAS[2]).count() == 1
    task = Task.objects.get(title="Digituki ja chat")
    assert task.quick_win and task.owner == world.other_person
    assert set(task.source_ideas.values_list("status", flat=True)) == {IdeaStatus.ACCEPTED}
