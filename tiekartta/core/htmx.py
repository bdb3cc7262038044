from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx made the request (django-htmx's middleware sets `request.htmx`)."""
    return bool(getattr(request, "htmx", False))
