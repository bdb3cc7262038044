from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "tiekartta.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Every printed document (the reports here, the review minutes) hyphenates Finnish.
        from tiekartta.reports import hyphenation

        hyphenation.register()
        # The worker builds the long documents (tiekartta.jobs).
        from tiekartta.reports import jobs

        jobs.register_runners()
