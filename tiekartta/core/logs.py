"""Structured logs: one JSON object per line, for production (journald, a log shipper).

`JsonFormatter` writes the time (UTC, ISO 8601), level, logger, message, the exception if any,
and the record's simple extra fields (Django's `status_code`, for instance). For gunicorn's
access log it writes the request's fields instead of the combined-log line. The settings and
gunicorn's configuration (config/gunicorn.conf.py) both take their logging from
`logging_config`, so that the server's own lines and the application's read alike.

Imports nothing from Django: gunicorn's master process loads it before any settings.
"""

from __future__ import annotations

import datetime
import json
import logging
from typing import Any

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys()
    | {"message", "asctime", "taskName"}
)
_SIMPLE = (str, int, float, bool, type(None))

# gunicorn's access-log atoms (see its documentation) and the names they get here. The query
# string is left out: search words are the user's own, and nothing secret travels in a URL.
ACCESS_FIELDS = {
    "m": "method",
    "U": "path",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "h": "remote_address",
    "a": "user_agent",
}
NUMERIC = frozenset({"status", "bytes", "duration_ms"})


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry["message"] = "request"
            for atom, name in ACCESS_FIELDS.items():
                value = record.args.get(atom, "-")
                entry[name] = _number(value) if name in NUMERIC else value
        else:
            entry["message"] = record.getMessage()
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key not in entry and isinstance(value, _SIMPLE):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _number(value: Any) -> Any:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def logging_config(*, structured: bool, level: str) -> dict[str, Any]:
    """A dictConfig with one handler on stderr: JSON lines when `structured`, else plain text
    for a developer's terminal."""
    formatter: dict[str, Any] = (
        {"()": "tiekartta.core.logs.JsonFormatter"}
        if structured
        else {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"tiekartta": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "tiekartta",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {},
    }
