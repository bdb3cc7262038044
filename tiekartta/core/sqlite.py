"""SQLite gives the same answers as PostgreSQL where the project relies on it.

SQLite's built-in lower() folds only ASCII letters, so a unique index on lower(name) would
let "Älykäs kunta" and "ÄLYKÄS KUNTA" both in, which PostgreSQL refuses. Every SQLite
connection therefore gets a Unicode-aware lower() in place of the built-in one (SQLite lets an
application override its built-in functions). It is deterministic, as a function in an index
must be. An index built with the old lower() is rebuilt by core's migration 0001.
"""

from __future__ import annotations

from typing import Any


def unicode_lower(value: Any) -> Any:
    """What PostgreSQL's lower() does with text: every letter folded, not only ASCII."""
    if isinstance(value, str):
        return value.lower()
    if value is None:
        return None
    if isinstance(value, bytes):
        # lower() on a blob works on the bytes' text, as SQLite's own does for ASCII.
        return value.decode("utf-8", "surrogateescape").lower()
    return str(value).lower()


def install_unicode_lower(sender: Any, connection: Any, **kwargs: Any) -> None:
    """connection_created receiver."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function("lower", 1, unicode_lower, deterministic=True)
