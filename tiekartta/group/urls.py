from django.urls import path

from tiekartta.group import views

app_name = "group"

G = "o/<slug:org>/group/"
M = G + "meetings/<int:meeting>/"

urlpatterns = [
    path(G, views.group_page, name="group"),
    path(G + "members/new/", views.member_create, name="member_create"),
    path(G + "members/<int:member>/edit/", views.member_edit, name="member_edit"),
    path(G + "members/<int:member>/delete/", views.member_delete, name="member_delete"),
    path(G + "calendar/", views.calendar_page, name="calendar"),
    path(G + "calendar/address/", views.feed_address, name="feed_address"),
    path(G + "meetings/new/", views.meeting_create, name="meeting_create"),
    path(M, views.meeting_detail, name="meeting"),
    path(M + "edit/", views.meeting_edit, name="meeting_edit"),
    path(M + "minutes/", views.meeting_minutes, name="meeting_minutes"),
    path(M + "redraft/", views.meeting_action, {"action": "redraft"}, name="meeting_redraft"),
    path(M + "invite/", views.meeting_action, {"action": "invite"}, name="meeting_invite"),
    path(M + "cancel/", views.meeting_action, {"action": "cancel"}, name="meeting_cancel"),
    path("ical/<slug:org>/<str:token>.ics", views.feed, name="feed"),
]
