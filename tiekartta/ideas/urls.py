from django.urls import path

from tiekartta.ideas import survey_views, views

app_name = "ideas"

STAFF = "o/<slug:org>/ideas/"

urlpatterns = [
    path(STAFF, views.idea_list, name="list"),
    path(STAFF + "new/", views.idea_create, name="create"),
    path(STAFF + "export/", views.idea_export, name="export"),
    path(STAFF + "survey/", survey_views.survey_upload, name="survey_upload"),
    path(
        STAFF + "survey/<int:upload>/columns/",
        survey_views.survey_choose_columns,
        name="survey_columns",
    ),
    path(STAFF + "survey/<int:upload>/", survey_views.survey_preview, name="survey_preview"),
    path(
        STAFF + "survey/<int:upload>/confirm/", survey_views.survey_confirm, name="survey_confirm"
    ),
    path(
        STAFF + "survey/<int:upload>/discard/", survey_views.survey_discard, name="survey_discard"
    ),
    path(STAFF + "<int:idea>/", views.idea_detail, name="detail"),
    path(STAFF + "<int:idea>/edit/", views.idea_edit, name="edit"),
    path(STAFF + "<int:idea>/status/", views.idea_status, name="status"),
    path(STAFF + "<int:idea>/accept/", views.idea_accept, name="accept"),
    path(STAFF + "<int:idea>/delete/", views.idea_delete, name="delete"),
]
