from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gongkai.cases"
    label = "cases"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from gongkai.core.stored_files import delete_files_with

        from .models import Attachment, CaseLetter

        delete_files_with(Attachment, CaseLetter)
