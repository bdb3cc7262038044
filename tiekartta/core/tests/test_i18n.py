"""The interface is complete in Finnish and Swedish: a new untranslated string fails here."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LANGUAGES = ["fi", "sv"]


def catalogue(language: str) -> Path:
    return Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> polib.POFile:
    """What makemessages finds in the code today, extracted from a scratch copy of the code.

    makemessages writes next to any locale folder it sees, so it runs on a copy in which the
    only catalogue is a scratch one; the committed catalogues are never touched.
    """
    scratch = tmp_path_factory.mktemp("extract")
    base = Path(settings.BASE_DIR)
    for package in ("config", "tiekartta"):
        shutil.copytree(
            base / package,
            scratch / package,
            ignore=shutil.ignore_patterns("__pycache__", "tests", "static", "migrations"),
        )
    cwd = os.getcwd()
    os.chdir(scratch)
    try:
        with override_settings(LOCALE_PATHS=[scratch / "locale"]):
            call_command("makemessages", locale=["fi"], verbosity=0)
    finally:
        os.chdir(cwd)
    return polib.pofile(str(scratch / "locale" / "fi" / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_in_the_code_is_translated(extracted: polib.POFile, language: str) -> None:
    committed = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(catalogue(language)))}
    problems = []
    for entry in extracted:
        found = committed.get((entry.msgctxt, entry.msgid))
        if found is None:
            problems.append(f"missing: {entry.msgid!r}")
        elif not found.translated() or "fuzzy" in found.flags:
            problems.append(f"untranslated or fuzzy: {entry.msgid!r}")
    assert len(extracted) > 200
    assert not problems, f"{language}: run `make messages` and translate:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_source(language: str) -> None:
    po = polib.pofile(str(catalogue(language)))
    mo = polib.mofile(str(catalogue(language).with_suffix(".mo")))
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in po.translated_entries()
    }
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo
    }
    assert source == {k: v for k, v in compiled.items() if k[1]}, "run `make messages` to compile"


def test_pages_render_in_each_language(world: object) -> None:
    from conftest import World

    assert isinstance(world, World)
    client = world.client_for("viewer")
    path = "/o/testikaupunki/r/2026-2028/timeline/"
    expected = {"fi": "Aikajana", "sv": "Tidslinje", "en": "Timeline"}
    for language, word in expected.items():
        client.post("/language/", {"language": language, "next": path})
        page = client.get(path).content.decode()
        assert f'<html lang="{language}">' in page and word in page
