"""Screens of the supervising office: status dashboard, checker results of published
reports, the government's aggregation, year-over-year figures; and importing a report
published elsewhere. Read-only for supervisors (Perm.VIEW)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import (
    agency_descendant_ids,
    agency_get_for_user,
    agency_list_for_user,
    user_has_agency_perm,
)
from gongkai.backoffice.views import forbidden_as_403
from gongkai.report.parsers.checker import check_bytes
from gongkai.report.render import render_html
from gongkai.report.rules import check_report

from .. import services
from ..aggregation import aggregate_government, aggregation_scope
from ..charts import bar_chart_svg
from ..checks import report_check_frozen
from ..forms import ImportForm, ScopeForm, SupervisionForm
from ..selectors import report_get_for_user, report_previous, snapshot_report
from ..supervision import (
    KEY_FIGURES,
    latest_report_year,
    supervised_agency_list,
    supervision_rows,
    year_over_year,
)
from .display import editor_tables

FIGURE_LABELS = {
    "new_received": gettext_lazy("New applications"),
    "carried_over": gettext_lazy("Carried over"),
    "processed_total": gettext_lazy("Answered"),
    "granted": gettext_lazy("Disclosed in full or in part"),
    "withheld": gettext_lazy("Withheld"),
    "carried_forward": gettext_lazy("Carried forward"),
    "appeals": gettext_lazy("Appeals"),
}
MAX_IMPORT_BYTES = 20 * 1024 * 1024


@forbidden_as_403
def supervision(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.VIEW on the supervising agency (its descendants are scoped
    through the gatekeeper too)."""
    agencies = supervised_agency_list(user=request.user)
    today = timezone.localdate()
    supervisor = agencies[0] if agencies else None
    year = latest_report_year(supervisor=supervisor, today=today)
    form = SupervisionForm(
        request.GET or None,
        agencies=agencies,
        initial={"agency": supervisor, "year": year},
    )
    if request.GET:
        supervisor = None
        if form.is_valid():
            supervisor, year = form.cleaned_data["agency"], form.cleaned_data["year"]
    rows = []
    if supervisor is not None:
        agency_get_for_user(user=request.user, agency_id=supervisor.pk, perm=Perm.VIEW)
        rows = supervision_rows(
            user=request.user, supervisor=supervisor, year=year, today=today
        )
    return render(
        request,
        "annual_reports/supervision.html",
        {
            "form": form,
            "rows": rows,
            "supervisor": supervisor,
            "year": year,
            "today": today,
            "page_title": _("Annual report supervision"),
        },
    )


@forbidden_as_403
def published_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.VIEW. Every rule on the frozen report (with its publication
    date and the previous year's report), and the checker's reading of the report as
    the public reads it (its official-layout page), which must find the same."""
    report = report_get_for_user(user=request.user, pk=pk, perm=Perm.VIEW)
    if report.snapshot is None:
        messages.error(
            request, _("Only an approved or published report can be checked.")
        )
        return redirect("annual_reports:editor", pk=report.pk)
    frozen = snapshot_report(report)
    previous = report_previous(agency=report.agency, year=report.year)
    page = render_html(frozen, standalone=True).encode()
    name = f"{report.agency.name}-{report.year}.html"
    return render(
        request,
        "annual_reports/check.html",
        {
            "report": report,
            "findings": report_check_frozen(report=frozen, agency=report.agency),
            "reading": check_bytes(page, name=name, previous=previous),
            "has_previous": previous is not None,
            "page_title": _("Checker results"),
        },
    )


@forbidden_as_403
def aggregation(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """Permission: Perm.VIEW to see; Perm.HANDLE on the government to change which
    agencies count."""
    government = agency_get_for_user(user=request.user, agency_id=pk, perm=Perm.VIEW)
    descendants = agency_descendant_ids(agency_ids=[government.pk])
    candidates = Agency.objects.filter(pk__in=descendants).order_by("name")
    can_edit = user_has_agency_perm(
        user=request.user, agency=government, perm=Perm.HANDLE
    )
    form = ScopeForm(
        request.POST or None,
        candidates=candidates,
        initial={"included": aggregation_scope(government=government)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.aggregation_scope_set(
                acting_user=request.user,
                government=government,
                included=list(form.cleaned_data["included"]),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The aggregation scope was saved."))
            return redirect("annual_reports:aggregation", pk=government.pk, year=year)
    result = aggregate_government(government=government, year=year)
    findings = check_report(result.report)
    return render(
        request,
        "annual_reports/aggregation.html",
        {
            "government": government,
            "year": year,
            "result": result,
            "findings": findings,
            "tables": editor_tables(
                result.report, None, {}, {f.where for f in findings}
            ),
            "form": form,
            "can_edit": can_edit and government.kind == AgencyKind.GOVERNMENT,
            "page_title": _("Aggregated report of %(name)s, %(year)s")
            % {"name": government.name, "year": year},
        },
    )


@forbidden_as_403
def trends(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.VIEW. Key figures year over year, as a table and a chart."""
    agency = agency_get_for_user(user=request.user, agency_id=pk, perm=Perm.VIEW)
    rows = year_over_year(agency=agency, today=timezone.localdate())
    keys = [key for key, _paths in KEY_FIGURES]
    chart = bar_chart_svg(
        title=_("%(name)s: key figures by year") % {"name": agency.name},
        categories=[str(r.year) for r in rows],
        series=[
            (str(FIGURE_LABELS[key]), [r.figures[key] for r in rows])
            for key in ("new_received", "processed_total", "carried_forward", "appeals")
        ],
    )
    return render(
        request,
        "annual_reports/trends.html",
        {
            "agency": agency,
            "rows": [
                {
                    "year": r.year,
                    "source": r.source,
                    "values": [r.figures[key] for key in keys],
                }
                for r in rows
            ],
            "columns": [(key, FIGURE_LABELS[key]) for key in keys],
            "chart": chart,
            "page_title": _("Year over year"),
        },
    )


@forbidden_as_403
def report_import(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.HANDLE on the agency. Reads a report published elsewhere with
    the checker and keeps it as that agency's report on its year."""
    agencies = agency_list_for_user(user=request.user, perm=Perm.HANDLE)
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", _("The file is too large (at most 20 MB)."))
        else:
            result = check_bytes(upload.read(), name=upload.name)
            if result.report is None or not result.report.year:
                form.add_error(
                    "file",
                    result.error or _("The report's year could not be read."),
                )
            else:
                try:
                    services.report_import(
                        acting_user=request.user,
                        agency=form.cleaned_data["agency"],
                        report=result.report,
                        source_name=upload.name,
                        findings=[f.to_dict() for f in result.findings],
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(
                        request,
                        _("The %(year)s report was imported.")
                        % {"year": result.report.year},
                    )
                    return redirect("annual_reports:index")
    return render(
        request,
        "annual_reports/import.html",
        {"form": form, "page_title": _("Import a published report")},
    )
