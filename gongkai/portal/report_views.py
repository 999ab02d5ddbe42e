"""Public pages of the annual reports (Art. 49–50: reports are published on the portal).

``/reports/<agency>/`` lists an agency's published reports by year;
``/reports/<agency>/<year>/`` shows the published report in the official layout (the
frozen snapshot) with DOCX and PDF downloads and, for a corrected version, its
correction note. ``<agency>`` is the agency's id or its exact (short) name.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.safestring import mark_safe

from gongkai.agencies.models import Agency
from gongkai.annual_reports.files import (
    DOWNLOAD_FORMATS,
    download_name,
    report_file_get_or_render,
)
from gongkai.annual_reports.models import AnnualReport, ReportStatus
from gongkai.annual_reports.selectors import (
    published_report_get,
    published_report_list,
    snapshot_report,
)
from gongkai.report.render import REPORT_CSS, render_html


def _agency(key: str) -> Agency:
    lookup = Q(pk=int(key)) if key.isdigit() else Q(name=key) | Q(short_name=key)
    agency = Agency.objects.filter(lookup).first()
    if agency is None:
        raise Http404
    return agency


def _version(agency: Agency, year: int, version: int | None) -> AnnualReport:
    if version is None:
        return published_report_get(agency=agency, year=year)
    report = AnnualReport.objects.filter(
        agency=agency,
        year=year,
        version=version,
        status__in=[ReportStatus.PUBLISHED, ReportStatus.SUPERSEDED],
    ).first()
    if report is None:
        raise Http404
    return report


def report_list(request: HttpRequest, agency: str) -> HttpResponse:
    """An agency's published annual reports, newest year first."""
    found = _agency(agency)
    return render(
        request,
        "portal/reports/list.html",
        {"agency": found, "reports": published_report_list(agency=found)},
    )


def report_detail(
    request: HttpRequest, agency: str, year: int, version: int | None = None
) -> HttpResponse:
    """One published report in the official layout, with its downloads."""
    found = _agency(agency)
    report = _version(found, year, version)
    versions = AnnualReport.objects.filter(
        agency=found,
        year=year,
        status__in=[ReportStatus.PUBLISHED, ReportStatus.SUPERSEDED],
    ).order_by("-version")
    body = render_html(snapshot_report(report))
    return render(
        request,
        "portal/reports/detail.html",
        {
            "agency": found,
            "report": report,
            "versions": versions,
            "body": mark_safe(body),  # noqa: S308 - the renderer escapes every text
            "report_css": mark_safe(REPORT_CSS),  # noqa: S308 - static stylesheet
            "formats": list(DOWNLOAD_FORMATS),
        },
    )


def report_download(
    request: HttpRequest, agency: str, year: int, fmt: str, version: int | None = None
) -> FileResponse:
    """The DOCX or PDF of a published version (rendered once, then served)."""
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404
    report = _version(_agency(agency), year, version)
    stored = report_file_get_or_render(report=report, fmt=fmt)
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=download_name(report, fmt),
        content_type=DOWNLOAD_FORMATS[fmt][0],
    )


report_urlpatterns = [
    path("reports/<str:agency>/", report_list, name="report_list"),
    # The name the agency's portal home links by.
    path("reports/<str:agency>/", report_list, name="annual_reports"),
    path("reports/<str:agency>/<int:year>/", report_detail, name="report_detail"),
    path(
        "reports/<str:agency>/<int:year>/v<int:version>/",
        report_detail,
        name="report_version",
    ),
    path(
        "reports/<str:agency>/<int:year>/download/<str:fmt>/",
        report_download,
        name="report_download",
    ),
    path(
        "reports/<str:agency>/<int:year>/v<int:version>/download/<str:fmt>/",
        report_download,
        name="report_version_download",
    ),
]
