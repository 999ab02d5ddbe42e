"""An agency's disclosure section: its home and its guide (Art. 12)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .catalogue import latest_entries
from .guide import agency_contacts, guide_for_agency
from .selectors import agency_departments, agency_public_get


def agency_home(request: HttpRequest, agency_id: int) -> HttpResponse:
    """Home of an agency's 政府信息公开 section; a government's lists its departments."""
    agency = agency_public_get(agency_id=agency_id)
    return render(
        request,
        "portal/agency/home.html",
        {
            "agency": agency,
            "departments": agency_departments(agency=agency),
            "contacts": agency_contacts(agency),
            "latest": latest_entries(agency=agency),
            "section": "home",
        },
    )


def agency_guide(request: HttpRequest, agency_id: int) -> HttpResponse:
    """The agency's 政府信息公开指南 (Art. 12): generated from its settings,
    sections rewritten by the agency shown in its own words."""
    agency = agency_public_get(agency_id=agency_id)
    return render(
        request,
        "portal/agency/guide.html",
        {
            "agency": agency,
            "guide": guide_for_agency(agency=agency),
            "section": "guide",
        },
    )
