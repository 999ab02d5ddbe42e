from django.urls import include, path

from . import checker_views, search_views, views
from .report_views import report_urlpatterns

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("checker/", include(checker_views.urlpatterns)),
    path("search/", search_views.search, name="search"),
    *report_urlpatterns,
]
