from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("tiekartta.accounts.urls")),
    path("", include("tiekartta.core.urls")),
    path("", include("tiekartta.roadmap.urls")),
    path("", include("tiekartta.progress.urls")),
    path("", include("tiekartta.imports.urls")),
    path("", include("tiekartta.reports.urls")),
    path("", include("tiekartta.api.token_urls")),
    path("api/v1/", include("tiekartta.api.urls")),
    path("", include("tiekartta.maturity.urls")),
    path("", include("tiekartta.metrics.urls")),
    path("", include("tiekartta.activity.urls")),
    path("", include("tiekartta.accessibility.urls")),
    path("", include("tiekartta.news.urls")),
]
