from __future__ import annotations

from typing import Any

import factory

from gongkai.search.models import SearchEntry
from gongkai.search.services import search_index_upsert

from .agencies import AgencyFactory


class SearchEntryFactory(factory.Factory):
    """Entries go through ``search_index_upsert`` so the full-text index follows."""

    class Meta:
        model = SearchEntry

    agency = factory.SubFactory(AgencyFactory)
    kind = "catalogue_item"
    object_key = factory.Sequence(lambda n: f"tests.Item:{n}")
    url = factory.Sequence(lambda n: f"/items/{n}/")
    title = factory.Sequence(lambda n: f"测试文件第{n}号")
    body_text = ""

    @classmethod
    def _create(cls, model_class: type[SearchEntry], **kwargs: Any) -> SearchEntry:
        return search_index_upsert(**kwargs)

    @classmethod
    def _build(cls, model_class: type[SearchEntry], **kwargs: Any) -> SearchEntry:
        raise NotImplementedError(
            "Search entries exist only through the index service."
        )
