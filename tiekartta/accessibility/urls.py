from django.urls import path

from tiekartta.accessibility import public_views, views

app_name = "accessibility"

# Public pages name the organisation `org_slug`, not `org`: `org` is the signed-in site's
# argument, which every view turns into the visitor's membership (404 without one).
PUBLIC = "julkinen/<slug:org_slug>/"
STAFF = "o/<slug:org>/accessibility/"

urlpatterns = [
    path(PUBLIC + "saavutettavuus/", public_views.statement, name="statement"),
    path(PUBLIC + "palaute/", public_views.feedback, name="feedback"),
    path(PUBLIC + "palaute/kiitos/", public_views.feedback_sent, name="feedback_sent"),
    path(STAFF + "statement/", views.statement_edit, name="statement_edit"),
    path(STAFF + "feedback/", views.feedback_list_view, name="feedback_list"),
    path(STAFF + "feedback/<int:message>/", views.feedback_detail, name="feedback_detail"),
    path(STAFF + "feedback/settings/", views.feedback_settings, name="feedback_settings"),
]
