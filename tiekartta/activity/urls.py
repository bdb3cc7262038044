from django.urls import path

from tiekartta.activity import views

app_name = "activity"

urlpatterns = [
    path("o/<slug:org>/changes/", views.change_log, name="change_log"),
    path("o/<slug:org>/changes.csv", views.change_log_csv, name="change_log_csv"),
]
