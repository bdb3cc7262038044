"""Reading the environment: the one reader of yes/no and whole-number variables, and the logs'
settings. Imports nothing of Django's but its exception, so that gunicorn's master process
(config/gunicorn_conf.py) reads its variables here without loading the application, which
would cost it some 17 MiB that it never uses."""

from __future__ import annotations

import os
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from tiekartta.core.logs import logging_config

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def env_bool(name: str, default: bool) -> bool:
    """The one reader of yes/no variables: 1/0, true/false, yes/no, on/off in any case.

    Unset or empty gives the default; anything else stops the start-up, so that a typo such as
    TIEKARTTA_EMAIL_TLS=ture cannot silently turn a setting off.
    """
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value: use 1/0, true/false, yes/no or on/off"
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise ImproperlyConfigured(f"{name}={value!r} must be a whole number of at least {minimum}")
    return number


def logging_from_env(*, debug: bool) -> dict[str, Any]:
    """Logs go to stderr: in production one JSON object per line (tiekartta.core.logs), with
    debug on plain lines; TIEKARTTA_LOG_FORMAT=json or text chooses, TIEKARTTA_LOG_LEVEL the
    level."""
    log_format = os.environ.get("TIEKARTTA_LOG_FORMAT", "text" if debug else "json").strip()
    if log_format not in {"json", "text"}:
        raise ImproperlyConfigured(f"TIEKARTTA_LOG_FORMAT={log_format!r} must be json or text")
    return logging_config(
        structured=log_format == "json", level=os.environ.get("TIEKARTTA_LOG_LEVEL", "INFO")
    )
