"""Case lists: the agency queue, my cases, bulk assignment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_list_for_user, scope_queryset_for_user
from gongkai.backoffice.views import forbidden_as_403

from ..forms import BulkAssignForm, CaseFilterForm, handlers_of
from ..models import Application
from ..selectors import (
    CaseClock,
    CaseFilters,
    case_calendar,
    case_clock,
    case_list_for_user,
    mask_id_number,
)
from ..selectors.cases import ASSIGNED_ME, case_ids, case_rows
from ..services import case_assign_bulk
from ..transitions import CaseActionRefused
from .common import assigning_agency_ids, page

PAGE_SIZE = 50


def _filters(form: CaseFilterForm) -> CaseFilters:
    if not form.is_valid():
        return CaseFilters()
    data = form.cleaned_data
    return CaseFilters(
        agency_id=data["agency"].pk if data.get("agency") else None,
        status=data.get("status") or "",
        due=data.get("due") or "",
        outcome=data.get("outcome") or "",
        applicant_type=data.get("applicant_type") or "",
        year=data.get("year"),
        assigned=data.get("assigned") or "",
        query=data.get("q") or "",
    )


def _rows(
    request: HttpRequest, cases: Any, calendar: Any, today: Any
) -> dict[str, Any]:
    """One page of cases with their clocks (deadlines computed on read)."""
    current = Paginator(case_ids(cases), PAGE_SIZE).get_page(request.GET.get("p"))
    rows = [
        row_display(case, case_clock(case, calendar, today))
        for case in case_rows(list(current.object_list))
    ]
    assign_ids = assigning_agency_ids(request.user)
    return {
        "page": current,
        "rows": rows,
        "assignees": handlers_of(assign_ids) if assign_ids else None,
        "query_string": _without_page(request),
        "base_url": reverse("cases:queue"),
    }


def clock_badge(clock: CaseClock) -> str:
    """The short state of a deadline shown next to the due date."""
    if clock.overdue:
        return _("overdue")
    if clock.applicant_lapsed:
        return _("applicant's period passed")
    if clock.answered_late:
        return _("answered late")
    return ""


def clock_due(clock: CaseClock) -> str:
    if clock.error:
        return _("cannot compute")
    if clock.deadline is None:
        return ""
    return clock.deadline.due.isoformat()


def row_display(case: Application, clock: CaseClock) -> dict[str, Any]:
    """Everything one table row prints, computed once (rendering is the cost of a
    list page, not the queries)."""
    assignee = case.assigned_to
    left = clock.working_days_left
    return {
        "pk": case.pk,
        "tracking_number": case.tracking_number,
        "is_demo": case.is_demo,
        "duplicate": case.possible_duplicate_of_id is not None,
        "received_on": case.received_on.isoformat(),
        "agency": case.agency.display_short_name,
        "applicant": case.applicant_name,
        "id_masked": mask_id_number(case.id_number),
        "applicant_type": case.get_applicant_type_display(),
        "status": case.get_status_display(),
        "outcome": case.get_outcome_display() if case.outcome else "—",
        "assignee": (assignee.get_full_name() or assignee.get_username())
        if assignee
        else "—",
        "due": clock_due(clock),
        "badge": clock_badge(clock),
        "left": _("%(n)s working days left") % {"n": left}
        if left is not None and left >= 0
        else "",
    }


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("p", None)
    return params.urlencode()


def _list_context(request: HttpRequest, filters: CaseFilters) -> dict[str, Any]:
    calendar = case_calendar()
    today = timezone.localdate()
    cases = case_list_for_user(
        user=request.user, filters=filters, calendar=calendar, today=today
    )
    return _rows(request, cases, calendar, today)


@forbidden_as_403
def case_queue(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.VIEW (the cases of every agency the user may see)."""
    agencies = agency_list_for_user(user=request.user, perm=Perm.VIEW)
    form = CaseFilterForm(request.GET or None, agencies=agencies)
    context = _list_context(request, _filters(form))
    return page(
        request,
        "queue.html",
        _("Application queue"),
        form=form,
        many_agencies=len(agencies) > 1,
        **context,
    )


@forbidden_as_403
def my_cases(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.VIEW; lists the open cases assigned to the user."""
    context = _list_context(request, CaseFilters(assigned=ASSIGNED_ME, open_only=True))
    return page(request, "mine.html", _("My cases"), **context)


@require_POST
@forbidden_as_403
def case_bulk_assign(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.HANDLE or Perm.APPROVE in the agency of every selected case
    (checked by the service; one refusal refuses the lot)."""
    visible = scope_queryset_for_user(Application.objects.all(), user=request.user)
    form = BulkAssignForm(
        request.POST,
        cases=visible,
        assignees=handlers_of(assigning_agency_ids(request.user)),
    )
    if not form.is_valid():
        messages.error(request, _("Choose the cases and the clerk to assign them to."))
    else:
        try:
            count = case_assign_bulk(
                acting_user=request.user,
                cases=form.cleaned_data["cases"],
                assignee=form.cleaned_data["assignee"],
            )
        except CaseActionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("%(count)d cases were assigned.") % {"count": count}
            )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return redirect(target or "cases:queue")
