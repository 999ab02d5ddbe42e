"""Back-office screens for agencies, staff and the audit trail.

Every view names the permission it needs and reads through the gatekeeper selectors.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import (
    agency_get_for_user,
    agency_list_for_user,
    membership_list_for_agency,
    user_has_agency_perm,
)
from gongkai.agencies.services import agency_update
from gongkai.audit.selectors import audit_entry_list_for_user

from .forms import AgencySettingsForm, AuditFilterForm


def forbidden_as_403(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer a refused action with a 403 page in Chinese.

    Wagtail's admin would otherwise turn ``PermissionDenied`` into a redirect to the
    dashboard, which hides from the user (and from tests) that the action was refused.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            message = str(exc) or _("You do not have permission to do this.")
            return render(
                request,
                "backoffice/forbidden.html",
                {"message": message, "page_title": _("Not allowed")},
                status=403,
            )

    return wrapper


@forbidden_as_403
def agency_list(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.VIEW on each agency listed."""
    agencies = agency_list_for_user(user=request.user, perm=Perm.VIEW).select_related(
        "parent"
    )
    return render(
        request,
        "backoffice/agency_list.html",
        {"agencies": agencies, "page_title": _("Agencies")},
    )


@forbidden_as_403
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.VIEW on the agency."""
    agency = agency_get_for_user(user=request.user, agency_id=pk, perm=Perm.VIEW)
    return render(
        request,
        "backoffice/agency_detail.html",
        {
            "agency": agency,
            "memberships": membership_list_for_agency(agency=agency),
            "can_manage": user_has_agency_perm(
                user=request.user, agency=agency, perm=Perm.MANAGE
            ),
            "page_title": agency.name,
            "deadline_example": agency.statutory_report_deadline(2025),
        },
    )


@forbidden_as_403
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.MANAGE on the agency."""
    agency = agency_get_for_user(user=request.user, agency_id=pk, perm=Perm.MANAGE)
    form = AgencySettingsForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            if changes:
                agency_update(acting_user=request.user, agency=agency, **changes)
        except (PermissionDenied, ValidationError) as exc:
            form.add_error(None, str(exc) if isinstance(exc, PermissionDenied) else exc)
        else:
            messages.success(request, _("The agency's settings were saved."))
            return redirect("backoffice:agency_detail", pk=agency.pk)
    return render(
        request,
        "backoffice/agency_edit.html",
        {
            "agency": agency,
            "form": form,
            "page_title": _("Edit %(name)s") % {"name": agency.name},
        },
    )


@forbidden_as_403
def audit_list(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.AUDIT on the agencies whose entries are shown."""
    agencies = agency_list_for_user(user=request.user, perm=Perm.AUDIT)
    form = AuditFilterForm(request.GET or None, agencies=agencies)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entry_list_for_user(
        user=request.user,
        agency_id=filters["agency"].pk if filters.get("agency") else None,
        action=filters.get("action", ""),
        actor=filters.get("actor", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "backoffice/audit_list.html",
        {"form": form, "page": page, "page_title": _("Audit trail")},
    )
