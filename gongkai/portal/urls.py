from django.urls import path

from . import agency_views, apply_views, search_views, track_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("agency/<int:agency_id>/", agency_views.agency_home, name="agency_home"),
    path(
        "agency/<int:agency_id>/guide/", agency_views.agency_guide, name="agency_guide"
    ),
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
]
