"""Reads about the catalogue, for the public portal's listings and the back office."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet

from ..models import CatalogueEntry, DisclosureIndexPage


def catalogue_entry_list(
    *,
    agency: Any,
    live_only: bool = True,
    kind: str | None = None,
    category: str | None = None,
    topic: str | None = None,
    year: int | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[CatalogueEntry]:
    """An agency's catalogue, newest first, filtered by the catalogue's facets.

    ``live_only`` keeps entries whose page is currently published (withdrawn and
    deleted items keep their entry and 索引号 but are not listed to the public).
    """
    qs = CatalogueEntry.objects.filter(agency=agency).select_related("page")
    if live_only:
        qs = qs.filter(page__live=True)
    filters: dict[str, Any] = {
        "kind": kind,
        "category": category,
        "topic": topic,
        "published_on__year": year,
        "published_on__gte": since,
        "published_on__lte": until,
    }
    return qs.filter(**{k: v for k, v in filters.items() if v}).order_by(
        "-published_on", "-id"
    )


def disclosure_section_for(*, agency: Any) -> DisclosureIndexPage | None:
    """The agency's section page, if it has one."""
    return DisclosureIndexPage.objects.filter(agency=agency).first()
