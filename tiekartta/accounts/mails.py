"""The mails that carry one-time tokens. The token goes after `#` in the link: browsers never
send the fragment to the server, so it appears in no access log; the page it opens posts the
token (static/js/token-from-fragment.js) or lets the reader paste it."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from tiekartta.accounts.models import EmailVerification, Invitation


def token_url(view_name: str, token: str) -> str:
    return f"{settings.TIEKARTTA_BASE_URL}{reverse(view_name)}#{token}"


def send_invitation(invitation: Invitation, token: str) -> None:
    """In the inviter's language, which is the one active during their request."""
    context = {
        "invitation": invitation,
        "url": token_url("accounts:invitation_open", token),
        "token": token,
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])


def send_verification(verification: EmailVerification, token: str) -> None:
    context = {
        "verification": verification,
        "url": token_url("accounts:verify_email", token),
        "token": token,
        "hours": settings.TIEKARTTA_EMAIL_VERIFICATION_HOURS,
    }
    subject = render_to_string("accounts/email/verification_subject.txt", context).strip()
    body = render_to_string("accounts/email/verification_body.txt", context)
    send_mail(subject, body, None, [verification.email])
