from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.agencies.models import Agency


def home(request: HttpRequest) -> HttpResponse:
    """The portal's front page: the agencies whose disclosure sections it hosts."""
    governments = Agency.objects.filter(parent__isnull=True).prefetch_related(
        "children"
    )
    return render(request, "portal/home.html", {"governments": governments})
