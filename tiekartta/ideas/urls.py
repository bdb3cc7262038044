from django.urls import path

from tiekartta.ideas import views

app_name = "ideas"

STAFF = "o/<slug:org>/ideas/"

urlpatterns = [
    path(STAFF, views.idea_list, name="list"),
    path(STAFF + "new/", views.idea_create, name="create"),
    path(STAFF + "export/", views.idea_export, name="export"),
    path(STAFF + "<int:idea>/", views.idea_detail, name="detail"),
    path(STAFF + "<int:idea>/edit/", views.idea_edit, name="edit"),
    path(STAFF + "<int:idea>/status/", views.idea_status, name="status"),
    path(STAFF + "<int:idea>/accept/", views.idea_accept, name="accept"),
    path(STAFF + "<int:idea>/delete/", views.idea_delete, name="delete"),
]
