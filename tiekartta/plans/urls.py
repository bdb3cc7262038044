from django.urls import path

from tiekartta.plans import renewal_views, revision_views, views

app_name = "plans"

P = "o/<slug:org>/r/<slug:roadmap>/plan/"
D = P + "revision/<int:draft>/"

urlpatterns = [
    path(P, views.versions, name="versions"),
    path(P + "adopt/", views.adopt, name="adopt"),
    path(P + "compare/", views.compare_versions, name="compare"),
    path(P + "compare.docx", views.compare_docx, name="compare_docx"),
    path(P + "timeline/", views.plan_timeline, name="plan_timeline"),
    path(P + "since-baseline/", views.baseline_summary, name="since_baseline"),
    path(P + "task/<int:task>/", views.task_versions, name="task_versions"),
    path(P + "revision/", views.revision_start, name="revision_start"),
    path(D, revision_views.draft_detail, name="draft"),
    path(D + "task/new/", revision_views.draft_task, name="draft_task_new"),
    path(D + "task/<str:key>/", revision_views.draft_task, name="draft_task"),
    path(D + "task/<str:key>/drop/", revision_views.draft_drop, name="draft_drop"),
    path(D + "metric/<str:key>/", revision_views.draft_metric, name="draft_metric"),
    path(D + "adopt/", revision_views.draft_adopt, name="draft_adopt"),
    path(D + "discard/", revision_views.draft_discard, name="draft_discard"),
    path(P + "renew/", renewal_views.renew, name="renew"),
]
