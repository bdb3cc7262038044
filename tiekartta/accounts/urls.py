from django.contrib.auth import views as auth_views
from django.urls import path

from tiekartta.accounts import invitation_views, views

app_name = "accounts"

# One-time tokens (sign-in links, invitations, verifications) are never part of a URL: the
# links carry them after #, and the pages post them.
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/link/", views.sign_in_with_link, name="sign_in_link"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="set_language"),
    path("account/", invitation_views.account, name="account"),
    path("account/verify/", invitation_views.verify_email, name="verify_email"),
    path("invitations/", invitation_views.invitation_open, name="invitation_open"),
    path("invitations/accept/", invitation_views.invitation_accept, name="invitation_accept"),
    path("o/<slug:org>/members/", views.member_list, name="member_list"),
    path("o/<slug:org>/members/invite/", views.member_invite, name="member_invite"),
    path(
        "o/<slug:org>/members/invitations/<int:invitation>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "o/<slug:org>/members/invitations/<int:invitation>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("o/<slug:org>/members/<int:member>/", views.member_edit, name="member_edit"),
    path("o/<slug:org>/members/<int:member>/remove/", views.member_remove, name="member_remove"),
]
