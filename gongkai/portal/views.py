from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import agency_governments


def home(request: HttpRequest) -> HttpResponse:
    """The portal's front page: the agencies whose disclosure sections it hosts."""
    return render(request, "portal/home.html", {"governments": agency_governments()})
