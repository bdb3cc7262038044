from django.urls import URLPattern, path

from tiekartta.imports import views

app_name = "imports"

R = "o/<slug:org>/r/<slug:roadmap>/"


def import_paths(prefix: str, kind: str, name: str) -> list[URLPattern]:
    """The upload, preview, import-in-progress and discard pages of one kind of import under
    `prefix`, named `name`_upload, `name`_preview, `name`_applying and `name`_discard in the
    including app's namespace (which the kind's Importer.url_name gives with `name`)."""
    extra = {"kind": kind}
    pages = views.import_pages(kind)
    return [
        path(prefix, pages.upload, extra, name=f"{name}_upload"),
        path(prefix + "<int:batch>/", pages.preview, extra, name=f"{name}_preview"),
        path(prefix + "<int:batch>/importing/", pages.applying, extra, name=f"{name}_applying"),
        path(prefix + "<int:batch>/discard/", pages.discard, extra, name=f"{name}_discard"),
    ]


urlpatterns = [
    *import_paths(R + "import/", "tasks", "tasks"),
    *import_paths(R + "metrics/import/", "metric_values", "metric_values"),
]
