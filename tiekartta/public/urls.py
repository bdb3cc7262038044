from django.urls import path

from tiekartta.public import views

app_name = "public"

# `org`, as the signed-in site names it, but these views never look for a membership: the
# organisation and roadmap must only be published (404 otherwise).
SITE = "julkinen/<slug:org>/"
ROADMAP = SITE + "<slug:roadmap>/"

urlpatterns = [
    path(SITE, views.organisation_site, name="organisation"),
    path(ROADMAP, views.roadmap_page, name="roadmap"),
    path(ROADMAP + "aikajana/", views.timeline_page, name="timeline"),
    path(ROADMAP + "mittarit/", views.metrics_page, name="metrics"),
    path(ROADMAP + "tehtava/<int:task>/", views.task_page, name="task"),
]
