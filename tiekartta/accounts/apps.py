from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tiekartta.accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        # The receivers that record sign-ins and failed log-ins, and those that limit sessions
        # (in this order: a password sign-in after a link first clears the link's limits, then
        # the session's lifetime starts).
        from tiekartta.accounts import events, link_sessions, session_lifetime  # noqa: F401
