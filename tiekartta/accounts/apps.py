from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tiekartta.accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        # The receivers that record sign-ins and failed log-ins.
        from tiekartta.accounts import events  # noqa: F401
