"""The sitemap: the portal's own pages, every agency's section pages, and every
published catalogue item (paginated by Django at 50,000 URLs per file)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.publications.models import CatalogueEntry

from .catalogue import public_path, site_root_paths

AGENCY_PAGES = (
    "agency_home",
    "agency_guide",
    "proactive",
    "catalogue",
    "consultations",
    "apply",
)


class PortalSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["home", "search", "track"]

    def location(self, item: str) -> str:
        return reverse(f"portal:{item}")


class AgencySitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[tuple[int, str]]:
        ids = Agency.objects.order_by("pk").values_list("pk", flat=True)
        return [(pk, name) for pk in ids for name in AGENCY_PAGES]

    def location(self, item: tuple[int, str]) -> str:
        return reverse(f"portal:{item[1]}", args=[item[0]])


class CatalogueSitemap(Sitemap):
    """Published catalogue items, by their page's public path."""

    changefreq = "monthly"

    def items(self) -> Any:
        self._roots = site_root_paths()
        return (
            CatalogueEntry.objects.filter(page__live=True)
            .order_by("pk")
            .values_list("page__url_path", "published_on")
        )

    def location(self, item: tuple[str, datetime.date]) -> str:
        return public_path(item[0], self._roots)

    def lastmod(self, item: tuple[str, datetime.date]) -> datetime.date:
        return item[1]


SITEMAPS = {
    "portal": PortalSitemap,
    "agencies": AgencySitemap,
    "catalogue": CatalogueSitemap,
}
