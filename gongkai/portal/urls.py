from django.urls import path

from . import views
from .report_views import report_urlpatterns

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    *report_urlpatterns,
]
