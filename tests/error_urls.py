"""The site's addresses plus one that fails, for the 500 page's test."""

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler500  # noqa: F401 (the site's error pages, as in production)
from config.urls import urlpatterns as site_urlpatterns


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a failure for the error page's test")


def database_away(request: HttpRequest) -> HttpResponse:
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


urlpatterns = [path("fail/", fail), path("database-away/", database_away), *site_urlpatterns]
