from django.urls import path

from . import guide_admin

app_name = "portal_admin"

urlpatterns = [
    path("guides/", guide_admin.guide_agency_list, name="guide_list"),
    path("guides/<int:agency_id>/", guide_admin.guide_edit, name="guide_edit"),
]
