from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualReportsConfig(AppConfig):
    name = "gongkai.annual_reports"
    label = "annual_reports"
    verbose_name = _("Annual reports")

    def ready(self) -> None:
        from gongkai.core.stored_files import delete_files_with

        from .models import ReportFile

        delete_files_with(ReportFile)
