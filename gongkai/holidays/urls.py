from django.urls import path

from . import views

app_name = "holidays"

urlpatterns = [
    path("", views.year_list, name="year_list"),
    path("years/add/", views.year_create, name="year_create"),
    path("import/", views.csv_import, name="csv_import"),
    path("<int:year>/", views.year_detail, name="year_detail"),
    path("<int:year>/edit/", views.year_edit, name="year_edit"),
    path("<int:year>/publish/", views.year_publish, name="year_publish"),
    path("<int:year>/unpublish/", views.year_unpublish, name="year_unpublish"),
    path("<int:year>/days/add/", views.day_add, name="day_add"),
    path("days/<int:pk>/edit/", views.day_edit, name="day_edit"),
    path("days/<int:pk>/delete/", views.day_delete, name="day_delete"),
]
