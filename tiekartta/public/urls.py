from django.urls import path

from tiekartta.public import idea_views, views

app_name = "public"

# `org`, as the signed-in site names it, but these views never look for a membership: the
# organisation and roadmap must only be published (404 otherwise).
SITE = "julkinen/<slug:org>/"
ROADMAP = SITE + "<slug:roadmap>/"
# Before ROADMAP: "ideat" would otherwise be read as a roadmap's short name.
IDEAS = SITE + "ideat/"

urlpatterns = [
    path(SITE, views.organisation_site, name="organisation"),
    path(IDEAS, idea_views.idea_list, name="ideas"),
    path(IDEAS + "uusi/", idea_views.idea_propose, name="idea_propose"),
    path(IDEAS + "kiitos/<str:key>/", idea_views.idea_sent, name="idea_sent"),
    path(IDEAS + "seuraa/<str:key>/", idea_views.idea_follow, name="idea_follow"),
    path(ROADMAP, views.roadmap_page, name="roadmap"),
    path(ROADMAP + "aikajana/", views.timeline_page, name="timeline"),
    path(ROADMAP + "mittarit/", views.metrics_page, name="metrics"),
    path(ROADMAP + "tehtava/<int:task>/", views.task_page, name="task"),
]
