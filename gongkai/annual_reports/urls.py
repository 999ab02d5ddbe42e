from django.urls import path

from .views import editor, oversight

app_name = "annual_reports"

urlpatterns = [
    path("", editor.report_index, name="index"),
    path("import/", oversight.report_import, name="import"),
    path("supervision/", oversight.supervision, name="supervision"),
    path("aggregation/<int:pk>/<int:year>/", oversight.aggregation, name="aggregation"),
    path("trends/<int:pk>/", oversight.trends, name="trends"),
    path("<int:pk>/", editor.report_editor, name="editor"),
    path("<int:pk>/save/", editor.report_save, name="save"),
    path("<int:pk>/override/", editor.report_override, name="override"),
    path(
        "<int:pk>/clear-override/", editor.report_clear_override, name="clear_override"
    ),
    path("<int:pk>/acknowledge/", editor.report_acknowledge, name="acknowledge"),
    path("<int:pk>/redraft/<str:section>/", editor.report_redraft, name="redraft"),
    path("<int:pk>/approve/", editor.report_approve, name="approve"),
    path("<int:pk>/reopen/", editor.report_reopen, name="reopen"),
    path("<int:pk>/publish/", editor.report_publish, name="publish"),
    path("<int:pk>/new-version/", editor.report_new_version, name="new_version"),
    path("<int:pk>/history/<str:section>/", editor.report_history, name="history"),
    path("<int:pk>/preview/", editor.report_preview, name="preview"),
    path("<int:pk>/check/", oversight.published_check, name="check"),
]
