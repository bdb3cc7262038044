"""The interface knows no sessions: each request carries an organisation's API token."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from tiekartta.accounts.models import ApiToken
from tiekartta.accounts.services import authenticate_api_token


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer tk_…`. A missing, wrong or revoked token leaves the request
    unauthenticated, which the error handler answers with 401 and `WWW-Authenticate`."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return authenticate_api_token(token.strip())


def token_of(request: HttpRequest) -> ApiToken:
    """The token that authenticated the request; set by ninja before the endpoint runs."""
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    return token
