from django.urls import path

from tiekartta.roadmap import structure_views, task_views, translation_views, views

app_name = "roadmap"

R = "o/<slug:org>/r/<slug:roadmap>/"

urlpatterns = [
    path("o/<slug:org>/", views.roadmap_list, name="roadmap_list"),
    path("o/<slug:org>/roadmaps/new/", views.roadmap_create, name="roadmap_create"),
    path(R, views.overview, name="overview"),
    path(R + "edit/", views.roadmap_edit, name="roadmap_edit"),
    path(R + "archive/", views.roadmap_archive, name="roadmap_archive"),
    path(R + "timeline/", views.timeline, name="timeline"),
    path(R + "themes/", structure_views.theme_list, name="theme_list"),
    path(
        R + "translations/missing/",
        translation_views.missing_translations,
        name="missing_translations",
    ),
    path(R + "themes/new/", structure_views.theme_create, name="theme_create"),
    path(R + "themes/<int:theme>/edit/", structure_views.theme_edit, name="theme_edit"),
    path(R + "themes/<int:theme>/delete/", structure_views.theme_delete, name="theme_delete"),
    path(R + "tasks/new/", task_views.task_create, name="task_create"),
    path(R + "tasks/<int:task>/edit/", task_views.task_edit, name="task_edit"),
    path(R + "tasks/<int:task>/delete/", task_views.task_delete, name="task_delete"),
    path(R + "tasks/<int:task>/move/", task_views.task_move, name="task_move"),
    path("o/<slug:org>/people/", structure_views.person_list, name="person_list"),
    path("o/<slug:org>/people/new/", structure_views.person_create, name="person_create"),
    path("o/<slug:org>/people/<int:person>/edit/", structure_views.person_edit, name="person_edit"),
    path(
        "o/<slug:org>/people/<int:person>/delete/",
        structure_views.person_delete,
        name="person_delete",
    ),
]
