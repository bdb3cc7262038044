"""Django's SQLite backend with PostgreSQL's integer column ranges.

SQLite stores any integer up to 64 bits in any integer column, so Django bounds an
IntegerField there by 2**63 while PostgreSQL's integer column ends at 2147483647 (a smallint at
32767): a theme order of 2147483648 was stored on SQLite and refused on PostgreSQL. With the
ranges of PostgreSQL (Django's base ranges), every IntegerField's validators, and the lookups
that answer "nothing" for a number past the column, give the same answer on both databases.
"""

from __future__ import annotations

from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.backends.sqlite3 import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def integer_field_range(self, internal_type: str) -> tuple[int, int]:
        return BaseDatabaseOperations.integer_field_range(self, internal_type)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
