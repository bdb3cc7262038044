from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tiekartta.news"
    verbose_name = _("News")

    def ready(self) -> None:
        # No public page links the feeds and embeds yet: the leak test walks them from here.
        from tiekartta.news.public_urls import public_addresses
        from tiekartta.public.crawl import register_public_urls

        register_public_urls(public_addresses)
