from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


def _entry_deleted(sender: Any, using: str, **kwargs: Any) -> None:
    # Entries also go when their agency is deleted (a cascade that bypasses the
    # index services): cached results must not outlive them.
    from .cache import search_index_changed

    search_index_changed(using=using)


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "gongkai_search"
    verbose_name = _("Search")

    def ready(self) -> None:
        post_delete.connect(
            _entry_deleted,
            sender=self.get_model("SearchEntry"),
            dispatch_uid="gongkai_search_entry_deleted",
        )
