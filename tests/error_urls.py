"""The site's addresses plus one that fails, for the 500 page's test."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a failure for the error page's test")


urlpatterns = [path("fail/", fail), *site_urlpatterns]
