from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tiekartta.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from tiekartta.core import lookups
        from tiekartta.core.sqlite import install_unicode_lower

        lookups.register()
        connection_created.connect(install_unicode_lower, dispatch_uid="tiekartta_unicode_lower")
