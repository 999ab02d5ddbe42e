from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from . import (
    agency_views,
    apply_views,
    catalogue_views,
    checker_views,
    feeds,
    search_views,
    sitemaps,
    track_views,
    views,
)
from .report_views import report_urlpatterns

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("agency/<int:agency_id>/", agency_views.agency_home, name="agency_home"),
    path(
        "agency/<int:agency_id>/guide/", agency_views.agency_guide, name="agency_guide"
    ),
    path(
        "agency/<int:agency_id>/proactive/", catalogue_views.proactive, name="proactive"
    ),
    path(
        "agency/<int:agency_id>/catalogue/", catalogue_views.catalogue, name="catalogue"
    ),
    path(
        "agency/<int:agency_id>/consultations/",
        catalogue_views.consultations,
        name="consultations",
    ),
    path("agency/<int:agency_id>/feed/rss/", feeds.AgencyFeed(), name="feed_rss"),
    path("agency/<int:agency_id>/feed/atom/", feeds.AgencyAtomFeed(), name="feed_atom"),
    path("agency/<int:agency_id>/apply/", apply_views.apply, name="apply"),
    path("apply/done/", apply_views.apply_done, name="apply_done"),
    path("search/", search_views.search, name="search"),
    path("track/", track_views.track, name="track"),
    path("track/<str:tracking_number>/", track_views.track_status, name="track_status"),
    path(
        "track/<str:tracking_number>/letter/",
        track_views.track_letter,
        name="track_letter",
    ),
    path(
        "track/<str:tracking_number>/letter.pdf",
        track_views.track_letter_pdf,
        name="track_letter_pdf",
    ),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap_section",
    ),
    path("checker/", include(checker_views.urlpatterns)),
    *report_urlpatterns,
]
