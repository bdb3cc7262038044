from django.urls import path

from tiekartta.privacy import views

app_name = "privacy"

STAFF = "o/<slug:org>/data-protection/"

urlpatterns = [
    path(STAFF, views.settings_page, name="settings"),
    path(STAFF + "export/", views.person_export, name="person_export"),
]
