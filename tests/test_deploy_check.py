"""`manage.py check --deploy --fail-level WARNING` passes with the production variables that
README.md's "Running in production" lists, exactly as listed there (a fresh random key for
its placeholder): the list cannot drift from what the check needs."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def readme_production_variables() -> dict[str, str]:
    readme = (BASE_DIR / "README.md").read_text()
    section = readme.split("\n## Running in production\n", 1)[1].split("\n## ", 1)[0]
    # The section's first plain ``` block (```sh is the command).
    blocks = re.findall(r"^```(\w*)\n(.*?)^```$", section, re.DOTALL | re.MULTILINE)
    plain = [text for language, text in blocks if not language]
    assert plain, "the section lists the variables in a plain ``` block"
    variables = {}
    for line in plain[0].splitlines():
        name, separator, value = line.partition("=")
        assert separator and re.fullmatch(r"[A-Z][A-Z0-9_]*", name), line
        variables[name] = value
    return variables


def deploy_check(variables: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The check in a fresh interpreter with only these of our variables set."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TIEKARTTA_", "DATABASE_"))
    }
    env.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_variables() -> dict[str, str]:
    variables = readme_production_variables()
    assert variables["DJANGO_SECRET_KEY"].startswith("<"), "a placeholder, not a key"
    variables["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    return variables


def test_the_readme_lists_the_security_settings() -> None:
    variables = readme_production_variables()
    assert variables["DJANGO_DEBUG"] == "0"
    assert variables["DJANGO_SECURE_SSL_REDIRECT"] == "1"
    assert int(variables["DJANGO_SECURE_HSTS_SECONDS"]) >= 31536000
    assert variables["DJANGO_SECURE_PROXY_SSL_HEADER"] == "X-Forwarded-Proto"


def test_the_deploy_check_passes_with_the_readme_s_production_variables() -> None:
    result = deploy_check(production_variables())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_the_deploy_check_fails_without_hsts() -> None:
    """The check does fail on a warning: the passing run above is not vacuous."""
    result = deploy_check({**production_variables(), "DJANGO_SECURE_HSTS_SECONDS": "0"})
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr
