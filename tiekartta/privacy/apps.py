from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "tiekartta.privacy"
    label = "privacy"
    verbose_name = _("Data protection")
    default_auto_field = "django.db.models.BigAutoField"
