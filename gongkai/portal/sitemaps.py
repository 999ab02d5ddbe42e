"""The sitemap: the portal's own pages, every agency's section pages, and every
published catalogue item (paginated by Django at 50,000 URLs per file)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from wagtail.models import Site

from gongkai.agencies.models import Agency
from gongkai.publications.models import CatalogueEntry

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


def _root_prefix() -> str:
    """The url_path of the default site's root page (stripped from page paths)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.url_path if site is not None else "/"


class CatalogueSitemap(Sitemap):
    """Published catalogue items, by their page's public path."""

    changefreq = "monthly"

    def items(self) -> Any:
        self._prefix = _root_prefix()
        return (
            CatalogueEntry.objects.filter(page__live=True)
            .order_by("pk")
            .values_list("page__url_path", "published_on")
        )

    def location(self, item: tuple[str, datetime.date]) -> str:
        path = item[0]
        if path.startswith(self._prefix):
            path = "/" + path[len(self._prefix) :]
        return path

    def lastmod(self, item: tuple[str, datetime.date]) -> datetime.date:
        return item[1]


SITEMAPS = {
    "portal": PortalSitemap,
    "agencies": AgencySitemap,
    "catalogue": CatalogueSitemap,
}
