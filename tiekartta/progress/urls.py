from django.urls import path

from tiekartta.progress import experiment_views, review_views, task_page, views

app_name = "progress"

R = "o/<slug:org>/r/<slug:roadmap>/"
REVIEW = R + "reviews/<int:review>/"

urlpatterns = [
    path("o/<slug:org>/my-tasks/", views.my_tasks, name="my_tasks"),
    path("o/<slug:org>/follow-up/settings/", views.follow_up_settings, name="settings"),
    path(R + "dashboard/", views.dashboard, name="dashboard"),
    path(R + "tasks/<int:task>/", task_page.task_detail, name="task_detail"),
    path(R + "tasks/<int:task>/progress/", views.record_progress, name="record"),
    path(
        R + "tasks/<int:task>/experiment/",
        experiment_views.experiment_edit,
        name="experiment_edit",
    ),
    path(R + "reviews/", review_views.review_list, name="review_list"),
    path(R + "reviews/new/", review_views.review_create, name="review_create"),
    path(REVIEW, review_views.review_detail, name="review_detail"),
    path(REVIEW + "details/", review_views.review_details, name="review_details"),
    path(REVIEW + "close/", review_views.review_close, name="review_close"),
    path(REVIEW + "minutes/", review_views.review_minutes, name="review_minutes"),
    path(REVIEW + "minutes.pdf", review_views.review_minutes_pdf, name="review_minutes_pdf"),
]
