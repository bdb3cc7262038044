from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaturityConfig(AppConfig):
    name = "tiekartta.maturity"
    verbose_name = _("Digital maturity")
