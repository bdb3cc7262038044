from django.contrib import admin
from django.urls import include, path

from tiekartta.public import views as public_views

urlpatterns = [
    path("admin/", admin.site.urls),
    # The front page: the public sites for a visitor, the organisations for a signed-in user.
    path("", public_views.front, name="front"),
    path("", include("tiekartta.accounts.urls")),
    path("", include("tiekartta.core.urls")),
    path("", include("tiekartta.roadmap.urls")),
    path("", include("tiekartta.progress.urls")),
    path("", include("tiekartta.imports.urls")),
    path("", include("tiekartta.reports.urls")),
    path("", include("tiekartta.api.token_urls")),
    path("api/v1/", include("tiekartta.api.urls")),
    path("avoin-data/v1/", include("tiekartta.opendata.urls")),
    path("", include("tiekartta.maturity.urls")),
    path("", include("tiekartta.metrics.urls")),
    path("", include("tiekartta.activity.urls")),
    path("", include("tiekartta.accessibility.urls")),
    path("", include("tiekartta.privacy.urls")),
    path("", include("tiekartta.ideas.urls")),
    path("", include("tiekartta.plans.urls")),
    path("", include("tiekartta.group.urls")),
    path("", include("tiekartta.news.urls")),  # before public: its fixed addresses too
    # After accessibility: its fixed addresses under /julkinen/<org>/ come before a roadmap's.
    path("", include("tiekartta.public.urls")),
]


handler500 = "tiekartta.core.views.server_error"
