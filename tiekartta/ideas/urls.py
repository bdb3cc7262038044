from django.urls import path

from tiekartta.ideas import (
    accept_views,
    moderation_views,
    priority_views,
    survey_views,
    views,
    workshop_views,
)

app_name = "ideas"

STAFF = "o/<slug:org>/ideas/"

urlpatterns = [
    path(STAFF, views.idea_list, name="list"),
    path(STAFF + "new/", views.idea_create, name="create"),
    path(STAFF + "export/", views.idea_export, name="export"),
    path(STAFF + "accept/", accept_views.accept_ideas, name="accept_many"),
    path(STAFF + "priorities/", priority_views.priority_list, name="priorities"),
    path(STAFF + "scoring/", priority_views.scoring_settings, name="scoring"),
    path(STAFF + "workshops/", workshop_views.workshop_list, name="workshops"),
    path(STAFF + "workshops/new/", workshop_views.workshop_open, name="workshop_open"),
    path(STAFF + "workshops/<int:workshop>/", workshop_views.workshop_detail, name="workshop"),
    path(
        STAFF + "workshops/<int:workshop>/details/",
        workshop_views.workshop_details,
        name="workshop_details",
    ),
    path(
        STAFF + "workshops/<int:workshop>/ideas/",
        workshop_views.workshop_write_idea,
        name="workshop_write",
    ),
    path(
        STAFF + "workshops/<int:workshop>/take-up/",
        workshop_views.workshop_take_up,
        name="workshop_take_up",
    ),
    path(
        STAFF + "workshops/<int:workshop>/ideas/<int:idea>/score/",
        workshop_views.workshop_score,
        name="workshop_score",
    ),
    path(
        STAFF + "workshops/<int:workshop>/close/",
        workshop_views.workshop_close,
        name="workshop_close",
    ),
    path(
        STAFF + "workshops/<int:workshop>/delete/",
        workshop_views.workshop_delete,
        name="workshop_delete",
    ),
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
    path(STAFF + "<int:idea>/accept/", accept_views.accept_idea, name="accept"),
    path(STAFF + "<int:idea>/delete/", views.idea_delete, name="delete"),
    path(STAFF + "<int:idea>/publicity/", moderation_views.idea_publish, name="publicity"),
]
