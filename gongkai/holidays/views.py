"""Back-office screens for the working-day calendar.

Permissions: every agency staff member (anyone holding Perm.VIEW somewhere) may view
the calendar; only system administrators (superusers) change it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_ids_for_user
from gongkai.backoffice.views import forbidden_as_403

from . import services
from .forms import (
    WORKDAY,
    CalendarCsvForm,
    CalendarDayEditForm,
    CalendarDayForm,
    CalendarYearEditForm,
    CalendarYearForm,
)
from .models import CalendarDay
from .selectors import (
    calendar_day_list,
    calendar_month_grid,
    calendar_year_get,
    calendar_year_list,
)


def can_view_calendar(user: Any) -> bool:
    """Staff of any agency, and system administrators."""
    return bool(
        getattr(user, "is_superuser", False)
        or agency_ids_for_user(user=user, perm=Perm.VIEW)
    )


def can_edit_calendar(user: Any) -> bool:
    """System administrators only."""
    return bool(getattr(user, "is_active", False) and user.is_superuser)


def _require_view(request: HttpRequest) -> None:
    if not can_view_calendar(request.user):
        raise PermissionDenied(
            _("Only agency staff may view the working-day calendar.")
        )


def _require_edit(request: HttpRequest) -> None:
    if not can_edit_calendar(request.user):
        raise PermissionDenied(
            _("Only system administrators may change the working-day calendar.")
        )


def _page(
    request: HttpRequest, template: str, title: str, **context: Any
) -> HttpResponse:
    context.update(page_title=title, header_title=title)
    context.setdefault("can_edit", can_edit_calendar(request.user))
    return render(request, f"holidays/{template}", context)


def _data(request: HttpRequest) -> Any:
    """The posted data (possibly empty) for a POST, None otherwise (unbound form)."""
    return request.POST if request.method == "POST" else None


def _files(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None


def _attempt(form: Any, action: Callable[[], Any]) -> bool:
    """Run a service; put its refusal on the form. True if it succeeded."""
    try:
        action()
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


@forbidden_as_403
def year_list(request: HttpRequest) -> HttpResponse:
    """Permission: staff (view)."""
    _require_view(request)
    return _page(
        request, "year_list.html", _("Working-day calendar"), years=calendar_year_list()
    )


@forbidden_as_403
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    """Permission: staff (view)."""
    _require_view(request)
    calendar_year = calendar_year_get(year=year)
    return _page(
        request,
        "year_detail.html",
        _("Working-day calendar %(year)s") % {"year": year},
        calendar_year=calendar_year,
        months=calendar_month_grid(year=year),
        days=calendar_day_list(year=year),
    )


@forbidden_as_403
def year_create(request: HttpRequest) -> HttpResponse:
    """Permission: system administrator."""
    _require_edit(request)
    form = CalendarYearForm(_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.calendar_year_create(
                acting_user=request.user,
                year=data["year"],
                source=data["source"],
                notes=data["notes"],
            ),
        ):
            messages.success(request, _("The year was added as a draft."))
            return redirect("holidays:year_detail", year=data["year"])
    return _page(request, "form.html", _("Add a year"), form=form)


@forbidden_as_403
def year_edit(request: HttpRequest, year: int) -> HttpResponse:
    """Permission: system administrator."""
    _require_edit(request)
    calendar_year = calendar_year_get(year=year)
    initial = {"source": calendar_year.source, "notes": calendar_year.notes}
    form = CalendarYearEditForm(_data(request), initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(
            form,
            lambda: services.calendar_year_update(
                acting_user=request.user,
                calendar_year=calendar_year,
                **form.cleaned_data,
            ),
        )
    ):
        messages.success(request, _("The year was saved."))
        return redirect("holidays:year_detail", year=year)
    return _page(
        request,
        "form.html",
        _("Edit the year %(year)s") % {"year": year},
        form=form,
        back_year=year,
    )


def _change_status(
    request: HttpRequest, year: int, service: Callable[..., Any], done: str
) -> HttpResponse:
    _require_edit(request)
    calendar_year = calendar_year_get(year=year)
    try:
        service(acting_user=request.user, calendar_year=calendar_year)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("holidays:year_detail", year=year)


@forbidden_as_403
@require_POST
def year_publish(request: HttpRequest, year: int) -> HttpResponse:
    """Permission: system administrator."""
    return _change_status(
        request,
        year,
        services.calendar_year_publish,
        _("The year is published: deadlines may now be computed into it."),
    )


@forbidden_as_403
@require_POST
def year_unpublish(request: HttpRequest, year: int) -> HttpResponse:
    """Permission: system administrator."""
    return _change_status(
        request,
        year,
        services.calendar_year_unpublish,
        _(
            "The year is back to draft: deadlines into it are refused until it is published again."
        ),
    )


@forbidden_as_403
def day_add(request: HttpRequest, year: int) -> HttpResponse:
    """Permission: system administrator."""
    _require_edit(request)
    calendar_year_get(year=year)
    form = CalendarDayForm(_data(request), year=year)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.calendar_day_add(
                acting_user=request.user,
                day=data["date"],
                is_workday=form.is_workday,
                name=data["name"],
            ),
        ):
            messages.success(request, _("The day was added."))
            return redirect("holidays:year_detail", year=year)
    return _page(
        request,
        "form.html",
        _("Add a day to %(year)s") % {"year": year},
        form=form,
        back_year=year,
    )


@forbidden_as_403
def day_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: system administrator."""
    _require_edit(request)
    day = get_object_or_404(CalendarDay, pk=pk)
    initial = {"kind": WORKDAY if day.is_workday else "off", "name": day.name}
    form = CalendarDayEditForm(_data(request), initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(
            form,
            lambda: services.calendar_day_update(
                acting_user=request.user,
                calendar_day=day,
                is_workday=form.is_workday,
                name=form.cleaned_data["name"],
            ),
        )
    ):
        messages.success(request, _("The day was saved."))
        return redirect("holidays:year_detail", year=day.date.year)
    return _page(
        request,
        "form.html",
        _("Edit %(date)s") % {"date": day.date.isoformat()},
        form=form,
        back_year=day.date.year,
    )


@forbidden_as_403
def day_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: system administrator."""
    _require_edit(request)
    day = get_object_or_404(CalendarDay, pk=pk)
    if request.method == "POST":
        services.calendar_day_delete(acting_user=request.user, calendar_day=day)
        messages.success(
            request, _("The day was removed; it follows the weekend rule again.")
        )
        return redirect("holidays:year_detail", year=day.date.year)
    return _page(
        request,
        "confirm_delete.html",
        _("Remove %(date)s") % {"date": day.date.isoformat()},
        day=day,
    )


@forbidden_as_403
def csv_import(request: HttpRequest) -> HttpResponse:
    """Permission: system administrator."""
    _require_edit(request)
    form = CalendarCsvForm(_data(request), _files(request))
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.calendar_csv_import(
                acting_user=request.user, content=form.cleaned_data["file"].read()
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                _(
                    "Import done: %(created)s days added, %(updated)s changed, "
                    "%(unchanged)s already as in the file."
                )
                % {
                    "created": len(result.created),
                    "updated": len(result.updated),
                    "unchanged": len(result.unchanged),
                },
            )
            return redirect("holidays:year_list")
    return _page(
        request, "import.html", _("Import days from CSV"), form=form, errors=errors
    )
