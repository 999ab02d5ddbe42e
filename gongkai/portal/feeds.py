"""RSS 2.0 and Atom feeds of an agency's newly published catalogue items."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.publications.models import CatalogueEntry

from .catalogue import public_entries
from .selectors import agency_public_get

FEED_ITEMS = 30


class AgencyFeed(Feed):
    """The newest published items of one agency (RSS 2.0)."""

    def get_object(self, request: HttpRequest, agency_id: int) -> Agency:  # type: ignore[override]
        return agency_public_get(agency_id=agency_id)

    def title(self, obj: Agency) -> str:
        return _("%(name)s · new publications") % {"name": obj.name}

    def link(self, obj: Agency) -> str:
        return reverse("portal:catalogue", args=[obj.pk])

    def description(self, obj: Agency) -> str:
        return _("Items newly published in the catalogue of %(name)s.") % {
            "name": obj.name
        }

    def items(self, obj: Agency) -> list[CatalogueEntry]:
        return list(
            public_entries(agency=obj)
            .select_related("page")
            .order_by("-published_on", "-id")[:FEED_ITEMS]
        )

    def item_title(self, item: CatalogueEntry) -> str:
        return item.title

    def item_description(self, item: CatalogueEntry) -> str:
        return _("Index number %(number)s") % {"number": item.index_number}

    def item_link(self, item: CatalogueEntry) -> str:
        # The instance is shared between requests: no request state is kept on it.
        return (item.page.get_url() or "") if item.page else ""

    def item_guid(self, item: CatalogueEntry) -> str:
        return item.index_number

    item_guid_is_permalink = False

    def item_pubdate(self, item: CatalogueEntry) -> datetime.datetime:
        published = item.page.first_published_at if item.page else None
        if published is not None:
            return published
        return timezone.make_aware(
            datetime.datetime.combine(item.published_on, datetime.time.min)
        )

    def item_categories(self, item: CatalogueEntry) -> list[Any]:
        return [item.get_category_display()]


class AgencyAtomFeed(AgencyFeed):
    """The same items as an Atom 1.0 feed."""

    feed_type = Atom1Feed

    def subtitle(self, obj: Agency) -> str:
        return self.description(obj)
