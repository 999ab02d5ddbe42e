from django.urls import include, path

from . import checker_views, views
from .report_views import report_urlpatterns

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("checker/", include(checker_views.urlpatterns)),
    *report_urlpatterns,
]
