"""The queue's rows in the Django admin: to read only.

django-tasks-db registers its task results in the admin; a row edited there (its status, its
arguments, when to run it) would change what the worker does behind the jobs' own state. The
registration is replaced by one that refuses every write whatever the library's next version
allows: no add, change or delete, for superusers too, and no bulk actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult


class ReadOnlyTaskResultAdmin(DBTaskResultAdmin):
    actions = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, ReadOnlyTaskResultAdmin)
