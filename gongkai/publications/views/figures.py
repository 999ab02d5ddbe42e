"""Back office: yearly figures (table 2), their import, and new-media accounts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import (
    agency_get_for_user,
    agency_list_for_user,
    scope_queryset_for_user,
)
from gongkai.backoffice.views import forbidden_as_403

from ..forms import (
    ImportForm,
    NewMediaAccountForm,
    NewMediaFiguresForm,
    YearlyFiguresForm,
)
from ..models import FigureItem, NewMediaAccount, YearlyFigure
from ..selectors.stats import plain_decimal
from ..services.figures import (
    new_media_account_save,
    new_media_figures_set,
    yearly_figure_set,
)
from ..services.imports import ImportRejected, yearly_figures_import
from .helpers import add_validation_errors, int_or_none, run_service


@forbidden_as_403
def figures_list(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.VIEW on each agency listed."""
    figures = scope_queryset_for_user(
        YearlyFigure.objects.select_related("agency", "entered_by"), user=request.user
    ).order_by("agency__name", "-year", "item")
    return render(
        request,
        "publications/backoffice/figures_list.html",
        {
            "figures": figures,
            "agencies": agency_list_for_user(user=request.user, perm=Perm.HANDLE),
            "year": timezone.localdate().year - 1,
            "page_title": _("Yearly figures"),
        },
    )


def _save_figures(
    request: HttpRequest, agency: object, year: int, form: YearlyFiguresForm
) -> None:
    with transaction.atomic():
        for item in FigureItem.values:
            yearly_figure_set(
                acting_user=request.user,
                agency=agency,  # type: ignore[arg-type]
                year=year,
                item=item,
                value=form.cleaned_data[item],
                source=form.cleaned_data["source"],
            )


@forbidden_as_403
def figures_edit(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    """Permission: Perm.HANDLE on the agency."""
    agency = agency_get_for_user(
        user=request.user, agency_id=agency_id, perm=Perm.HANDLE
    )
    existing = {
        f.item: f for f in YearlyFigure.objects.filter(agency=agency, year=year)
    }
    initial: dict[str, object] = {
        item: plain_decimal(existing[item].value) for item in existing
    }
    initial["source"] = next((f.source for f in existing.values()), "")
    form = YearlyFiguresForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _save_figures(request, agency, year, form)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The figures were saved."))
            return redirect("publications:figures_list")
    return render(
        request,
        "publications/backoffice/form.html",
        {
            "form": form,
            "page_title": _("Figures of %(agency)s for %(year)s")
            % {"agency": agency.name, "year": year},
        },
    )


@forbidden_as_403
def figures_import(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.HANDLE on every agency named in the file."""
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = yearly_figures_import(
                acting_user=request.user, file_name=upload.name, content=upload.read()
            )
        except ImportRejected as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _("Imported %(figures)s figures from %(rows)s rows.")
                % {"figures": result.figures, "rows": result.rows},
            )
            return redirect("publications:figures_list")
    status = 400 if errors else 200
    return render(
        request,
        "publications/backoffice/import.html",
        {"form": form, "errors": errors, "page_title": _("Import yearly figures")},
        status=status,
    )


@forbidden_as_403
def new_media_list(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.VIEW to list; Perm.HANDLE to add an account."""
    accounts = scope_queryset_for_user(
        NewMediaAccount.objects.select_related("agency").prefetch_related(
            "year_figures"
        ),
        user=request.user,
    )
    agencies = agency_list_for_user(user=request.user, perm=Perm.HANDLE)
    form = NewMediaAccountForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: new_media_account_save(
                acting_user=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The account was saved."))
            return redirect("publications:new_media_list")
    return render(
        request,
        "publications/backoffice/new_media_list.html",
        {"accounts": accounts, "form": form, "page_title": _("New-media accounts")},
    )


@forbidden_as_403
def new_media_figures(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.HANDLE on the account's agency."""
    account = get_object_or_404(
        scope_queryset_for_user(NewMediaAccount.objects.all(), user=request.user), pk=pk
    )
    agency_get_for_user(
        user=request.user, agency_id=account.agency_id, perm=Perm.HANDLE
    )
    year = int_or_none(request.GET.get("year")) or timezone.localdate().year - 1
    form = NewMediaFiguresForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: new_media_figures_set(
                acting_user=request.user, account=account, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The figures were saved."))
            return redirect("publications:new_media_list")
    return render(
        request,
        "publications/backoffice/form.html",
        {"form": form, "object": account, "page_title": str(account)},
    )
