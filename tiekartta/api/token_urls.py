"""The administrator's pages for the organisation's API tokens."""

from django.urls import path

from tiekartta.api import views

app_name = "api_tokens"

urlpatterns = [
    path("o/<slug:org>/api-tokens/", views.token_list, name="token_list"),
    path("o/<slug:org>/api-tokens/new/", views.token_create, name="token_create"),
    path("o/<slug:org>/api-tokens/<int:token>/revoke/", views.token_revoke, name="token_revoke"),
]
