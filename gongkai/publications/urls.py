"""Back-office URLs, mounted under /admin/gongkai/publications/ by wagtail_hooks."""

from django.urls import path

from .views import catalogue, documents, figures

app_name = "publications"

urlpatterns = [
    path("documents/", documents.document_list, name="document_list"),
    path("documents/add/", documents.document_add, name="document_add"),
    path("documents/<int:pk>/", documents.document_detail, name="document_detail"),
    path(
        "documents/<int:pk>/attribute/",
        documents.document_attribute,
        name="document_attribute",
    ),
    path(
        "documents/<int:pk>/repeal/",
        documents.document_repeal_view,
        name="document_repeal",
    ),
    path("figures/", figures.figures_list, name="figures_list"),
    path("figures/import/", figures.figures_import, name="figures_import"),
    path(
        "figures/<int:agency_id>/<int:year>/",
        figures.figures_edit,
        name="figures_edit",
    ),
    path("new-media/", figures.new_media_list, name="new_media_list"),
    path(
        "new-media/<int:pk>/figures/",
        figures.new_media_figures,
        name="new_media_figures",
    ),
    path("consultations/", catalogue.consultation_list, name="consultation_list"),
    path(
        "consultations/<int:page_id>/",
        catalogue.consultation_comments,
        name="consultation_comments",
    ),
    path(
        "items/<int:page_id>/withdraw/",
        catalogue.item_withdraw,
        name="item_withdraw",
    ),
    path("stats/", catalogue.stats_view, name="stats"),
    path("settings/", catalogue.settings_index, name="settings_index"),
    path(
        "settings/<int:agency_id>/",
        catalogue.agency_settings,
        name="agency_settings",
    ),
]
