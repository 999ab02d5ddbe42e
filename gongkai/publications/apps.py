from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "gongkai.publications"
    label = "publications"
    verbose_name = _("Proactive disclosure")

    def ready(self) -> None:
        from . import signals

        signals.connect()
