from django.urls import path

from tiekartta.news import feeds, public_views, views

app_name = "news"

# Public pages name the organisation `org_slug` (see accessibility/urls.py); the staff's `org`.
PUBLIC = "julkinen/<slug:org_slug>/"
STAFF = "o/<slug:org>/news/"

urlpatterns = [
    path(PUBLIC + "tiedotteet/", public_views.news_list, name="public_list"),
    path(PUBLIC + "tiedotteet/<int:news>/", public_views.news_detail, name="public_detail"),
    path(PUBLIC + "feed.atom", feeds.feed, name="feed"),
    path(PUBLIC + "<slug:roadmap_slug>/feed.atom", feeds.feed, name="roadmap_feed"),
    path(PUBLIC + "upotus/", public_views.embed, name="embed"),
    path(PUBLIC + "<slug:roadmap_slug>/upotus/", public_views.roadmap_embed, name="roadmap_embed"),
    path(STAFF, views.news_list, name="list"),
    path(STAFF + "new/", views.news_create, name="create"),
    path(STAFF + "<int:news>/", views.news_edit, name="edit"),
    path(STAFF + "<int:news>/publish/", views.news_publish, name="publish"),
    path(STAFF + "<int:news>/delete/", views.news_delete, name="delete"),
    path(STAFF + "embed/", views.embed_code, name="embed_code"),
]
