from django.urls import path

from tiekartta.metrics import views

app_name = "metrics"

R = "o/<slug:org>/r/<slug:roadmap>/metrics/"
METRIC = R + "<int:metric>/"

urlpatterns = [
    path(R, views.overview, name="overview"),
    path(R + "new/", views.metric_create, name="create"),
    path(METRIC, views.metric_detail, name="detail"),
    path(METRIC + "edit/", views.metric_edit, name="edit"),
    path(METRIC + "delete/", views.metric_delete, name="delete"),
    path(METRIC + "values/", views.record_value, name="record"),
    path(METRIC + "values/<int:value>/", views.value_edit, name="value_edit"),
    path(METRIC + "values/<int:value>/delete/", views.value_delete, name="value_delete"),
]
