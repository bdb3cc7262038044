from django.contrib.auth import views as auth_views
from django.urls import path

from tiekartta.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/link/<str:token>/", views.sign_in_with_link, name="sign_in_link"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="set_language"),
    path("o/<slug:org>/members/", views.member_list, name="member_list"),
    path("o/<slug:org>/members/new/", views.member_add, name="member_add"),
    path("o/<slug:org>/members/<int:member>/", views.member_edit, name="member_edit"),
    path("o/<slug:org>/members/<int:member>/remove/", views.member_remove, name="member_remove"),
]
