from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "tiekartta.opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        # The leak test walks every open-data file with the public pages.
        from tiekartta.opendata.public_urls import public_addresses
        from tiekartta.public.crawl import register_public_urls

        register_public_urls(public_addresses)
