from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "tiekartta.progress"
    verbose_name = _("Follow-up")
