from django.urls import path

from . import search_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search_views.search, name="search"),
]
