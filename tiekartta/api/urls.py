"""/api/v1/: the interface's endpoints and, for any other address below it, a JSON 404."""

from django.urls import path, re_path

from tiekartta.api.api import api
from tiekartta.api.errors import guarded, unknown_address

# Not named app_name: include() would take a module-level app_name as this module's own.
_patterns, _app, _namespace = api.urls

urlpatterns = [
    path("", (guarded(_patterns), _app, _namespace)),
    re_path(r"", unknown_address),
]
