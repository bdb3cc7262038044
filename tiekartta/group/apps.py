from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tiekartta.group"
    verbose_name = _("Digital group")
