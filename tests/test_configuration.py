"""Settings from the environment, the Makefile's demo run and the declared requirements."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool

BASE_DIR = Path(__file__).resolve().parent.parent


def load_settings(expression: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """Import config.settings in a fresh interpreter with only the given variables of ours set."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TIEKARTTA_"))
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", f"import config.settings as s; print({expression})"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        ("True", True),
        ("YES", True),
        ("on", True),
        (" yes ", True),
        ("0", False),
        ("false", False),
        ("FALSE", False),
        ("no", False),
        ("Off", False),
    ],
)
def test_env_bool_reads_the_usual_spellings(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: bool
) -> None:
    monkeypatch.setenv("TIEKARTTA_SOME_FLAG", value)
    assert env_bool("TIEKARTTA_SOME_FLAG", not expected) is expected


def test_env_bool_unset_or_empty_gives_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIEKARTTA_SOME_FLAG", raising=False)
    assert env_bool("TIEKARTTA_SOME_FLAG", True) is True
    monkeypatch.setenv("TIEKARTTA_SOME_FLAG", "")
    assert env_bool("TIEKARTTA_SOME_FLAG", False) is False


@pytest.mark.parametrize("value", ["maybe", "2", "tru", "y", "enabled", "-1"])
def test_env_bool_refuses_anything_else_naming_variable_and_value(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("TIEKARTTA_SOME_FLAG", value)
    with pytest.raises(ImproperlyConfigured) as raised:
        env_bool("TIEKARTTA_SOME_FLAG", True)
    assert "TIEKARTTA_SOME_FLAG" in str(raised.value)
    assert repr(value) in str(raised.value)


def test_settings_read_booleans_only_through_env_bool() -> None:
    source = (BASE_DIR / "config" / "settings.py").read_text()
    assert not re.search(r"""os\.environ\.get\([^)]*\)\s*(==|!=|in)\s""", source)


@pytest.mark.parametrize(("value", "expected"), [("true", "True"), ("yes", "True"), ("0", "False")])
def test_email_tls_accepts_words(value: str, expected: str) -> None:
    result = load_settings("s.EMAIL_USE_TLS", DJANGO_DEBUG="1", TIEKARTTA_EMAIL_TLS=value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_a_bad_boolean_stops_loading_the_settings() -> None:
    result = load_settings("s.EMAIL_USE_TLS", DJANGO_DEBUG="1", TIEKARTTA_EMAIL_TLS="maybe")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "TIEKARTTA_EMAIL_TLS='maybe'" in result.stderr


def test_a_bad_debug_value_stops_loading_the_settings() -> None:
    result = load_settings("s.DEBUG", DJANGO_DEBUG="ja", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_DEBUG='ja'" in result.stderr


def test_debug_is_off_by_default() -> None:
    result = load_settings(
        "s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE", DJANGO_SECRET_KEY="x" * 50
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False True True"


def test_the_embed_s_framing_sites_come_from_the_environment() -> None:
    result = load_settings(
        "s.TIEKARTTA_EMBED_FRAME_ANCESTORS",
        DJANGO_SECRET_KEY="x" * 50,
        TIEKARTTA_EMBED_FRAME_ANCESTORS="https://www.example.fi https://intra.example.fi",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['https://www.example.fi', 'https://intra.example.fi']"


def test_a_bad_embed_framing_site_stops_loading_the_settings() -> None:
    result = load_settings(
        "s.TIEKARTTA_EMBED_FRAME_ANCESTORS",
        DJANGO_SECRET_KEY="x" * 50,
        TIEKARTTA_EMBED_FRAME_ANCESTORS="'unsafe-inline'; script-src *",
    )
    assert result.returncode != 0
    assert "TIEKARTTA_EMBED_FRAME_ANCESTORS" in result.stderr


def test_production_without_a_secret_key_refuses_to_start() -> None:
    result = load_settings("s.SECRET_KEY")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_on_starts_with_the_development_key() -> None:
    result = load_settings("s.DEBUG, s.SECRET_KEY", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True dev-only-insecure-key-tiekartta"


def test_the_test_settings_need_no_environment() -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TIEKARTTA_"))
    }
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings_test as s; print(s.DEBUG)"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_make_run_turns_debug_on() -> None:
    """`make run` with every command replaced by one that prints DJANGO_DEBUG."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    result = subprocess.run(
        ["make", "-s", "run", "STAMP_RUN=", "PY=sh -c 'echo DJANGO_DEBUG=$$DJANGO_DEBUG'"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    printed = [line for line in result.stdout.splitlines() if line.startswith("DJANGO_DEBUG=")]
    assert printed and set(printed) == {"DJANGO_DEBUG=1"}


def _third_party_imports() -> set[str]:
    names: set[str] = set()
    for package in ("config", "tiekartta"):
        for path in (BASE_DIR / package).rglob("*.py"):
            if {"tests", "migrations"} & set(path.relative_to(BASE_DIR).parts):
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names.add(node.module.split(".")[0])
    return {
        name
        for name in names
        if name not in sys.stdlib_module_names and name not in {"config", "tiekartta"}
    }


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# Imported directly, installed by a pinned package that requires exactly one version of it.
COMES_WITH = {"pydantic_core": "pydantic"}


def test_every_imported_package_is_pinned_in_requirements() -> None:
    pinned = {}
    for line in (BASE_DIR / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pinned[_normalise(re.sub(r"\[.*\]", "", name))] = version
    distributions = packages_distributions()
    missing = []
    for module in sorted(_third_party_imports()):
        candidates = {_normalise(d) for d in distributions.get(module, [module])}
        if module in COMES_WITH:
            candidates.add(COMES_WITH[module])
        if not candidates & pinned.keys():
            missing.append(f"{module} ({', '.join(sorted(candidates))})")
    assert not missing, "imported but not in requirements.txt: " + "; ".join(missing)
    assert all(version for version in pinned.values()), "every requirement is pinned with =="
