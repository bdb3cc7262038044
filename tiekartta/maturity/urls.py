from django.urls import path

from tiekartta.maturity import views

app_name = "maturity"

M = "o/<slug:org>/maturity/"
VIEWPOINT = M + "viewpoints/<int:viewpoint>/"
ASSESSMENT = M + "assessments/<int:assessment>/"

urlpatterns = [
    path(M, views.overview, name="overview"),
    path(M + "viewpoints/", views.viewpoint_list, name="viewpoint_list"),
    path(M + "viewpoints/new/", views.viewpoint_create, name="viewpoint_create"),
    path(VIEWPOINT + "edit/", views.viewpoint_edit, name="viewpoint_edit"),
    path(VIEWPOINT + "delete/", views.viewpoint_delete, name="viewpoint_delete"),
    path(M + "assessments/new/", views.assessment_create, name="assessment_create"),
    path(ASSESSMENT, views.assessment_detail, name="assessment_detail"),
    path(ASSESSMENT + "edit/", views.assessment_edit, name="assessment_edit"),
    path(ASSESSMENT + "delete/", views.assessment_delete, name="assessment_delete"),
]
