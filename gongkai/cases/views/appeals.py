"""Appeals: list, registration, decision (table 4)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import (
    agency_list_for_user,
    scope_queryset_for_user,
    user_has_agency_perm,
)
from gongkai.backoffice.views import forbidden_as_403

from ..forms import AppealDecideForm, AppealForm
from ..models import Appeal
from ..services import appeal_decide, appeal_register
from ..transitions import CaseActionRefused
from .common import page


@forbidden_as_403
def appeal_list(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.VIEW (appeals of the agencies the user may see)."""
    appeals = scope_queryset_for_user(
        Appeal.objects.select_related("agency", "application"), user=request.user
    )
    current = Paginator(appeals, 50).get_page(request.GET.get("p"))
    can_register = agency_list_for_user(user=request.user, perm=Perm.HANDLE).exists()
    return page(
        request,
        "appeal_list.html",
        _("Reconsideration and litigation"),
        page=current,
        can_register=can_register,
    )


@forbidden_as_403
def appeal_create(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.HANDLE on the agency the appeal is against."""
    agencies = agency_list_for_user(user=request.user, perm=Perm.HANDLE)
    if not agencies.exists():
        raise PermissionDenied(_("You may not record appeals."))
    form = AppealForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appeal_register(
                acting_user=request.user,
                agency=data["agency"],
                kind=data["kind"],
                filed_on=data["filed_on"],
                application=data["application"],
                reference=data["reference"],
                authority=data["authority"],
                appellant=data["appellant"],
                note=data["note"],
            )
        except CaseActionRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The appeal was recorded."))
            return redirect("cases:appeal_list")
    return page(request, "appeal_form.html", _("Record an appeal"), form=form)


@forbidden_as_403
def appeal_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.HANDLE on the appeal's agency."""
    visible = scope_queryset_for_user(Appeal.objects.all(), user=request.user)
    appeal = get_object_or_404(visible, pk=pk)
    if not user_has_agency_perm(
        user=request.user, agency=appeal.agency_id, perm=Perm.HANDLE
    ):
        raise PermissionDenied(_("You may not record appeals for this agency."))
    form = AppealDecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal_decide(acting_user=request.user, appeal=appeal, **form.cleaned_data)
        except CaseActionRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("cases:appeal_list")
    return page(
        request, "appeal_form.html", _("Record the decision"), form=form, appeal=appeal
    )
