"""Reads of the annual report workspace. Staff reads are scoped by the gatekeeper
selectors of ``gongkai.agencies``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_get_for_user, scope_queryset_for_user
from gongkai.report.jsonio import report_from_json
from gongkai.report.model import Report

from .models import (
    AnnualReport,
    ImportedReport,
    ReportSectionRevision,
    ReportStatus,
)


def report_versions(*, agency: Agency | int, year: int) -> QuerySet[AnnualReport]:
    """Every version of one agency's report on one year, newest first."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    return AnnualReport.objects.filter(agency_id=agency_id, year=year).order_by(
        "-version"
    )


def report_latest(*, agency: Agency | int, year: int) -> AnnualReport | None:
    """The newest version (whatever its status), or ``None`` if not started."""
    return report_versions(agency=agency, year=year).first()


def report_latest_published(*, agency: Agency | int, year: int) -> AnnualReport | None:
    return (
        report_versions(agency=agency, year=year)
        .filter(status=ReportStatus.PUBLISHED)
        .first()
    )


def report_texts(*, report: AnnualReport) -> dict[str, ReportSectionRevision]:
    """The latest saved revision of each text (preamble and sections) of ``report``."""
    latest: dict[str, ReportSectionRevision] = {}
    for revision in report.revisions.select_related("author").order_by(
        "section", "-id"
    ):
        latest.setdefault(revision.section, revision)
    return latest


def report_revision_history(
    *, report: AnnualReport, section: str
) -> QuerySet[ReportSectionRevision]:
    return report.revisions.filter(section=section).select_related("author")


def snapshot_report(report: AnnualReport) -> Report:
    """The frozen report of an approved or published version."""
    if report.snapshot is None:
        raise ValueError("report has no snapshot")
    return report_from_json(report.snapshot)


def report_previous(*, agency: Agency, year: int) -> Report | None:
    """The previous year's published report, for the cross-year rules (``X.*``): the
    latest published version built here, else one imported through the checker."""
    published = report_latest_published(agency=agency, year=year - 1)
    if published is not None:
        return snapshot_report(published)
    imported = ImportedReport.objects.filter(agency=agency, year=year - 1).first()
    if imported is not None:
        return report_from_json(imported.data)
    return None


def report_list_for_user(
    *, user: Any, year: int | None = None
) -> QuerySet[AnnualReport]:
    """Every report version the user may see (Perm.VIEW on its agency)."""
    queryset = AnnualReport.objects.select_related("agency")
    if year is not None:
        queryset = queryset.filter(year=year)
    return scope_queryset_for_user(queryset, user=user, perm=Perm.VIEW)


def report_get_for_user(*, user: Any, pk: int, perm: Perm = Perm.VIEW) -> AnnualReport:
    """One report version, if ``user`` holds ``perm`` on its agency (404 if invisible,
    PermissionDenied if visible but not allowed)."""
    report = AnnualReport.objects.select_related("agency").filter(pk=pk).first()
    if report is None:
        raise Http404
    agency_get_for_user(user=user, agency_id=report.agency_id, perm=perm)
    return report


def published_report_list(*, agency: Agency) -> list[AnnualReport]:
    """The public list: the latest published version of each year, newest year first."""
    rows = AnnualReport.objects.filter(
        agency=agency, status__in=[ReportStatus.PUBLISHED, ReportStatus.SUPERSEDED]
    ).order_by("-year", "-version")
    latest: dict[int, AnnualReport] = {}
    for row in rows:
        if row.status == ReportStatus.PUBLISHED:
            latest.setdefault(row.year, row)
    return list(latest.values())


def published_report_get(*, agency: Agency, year: int) -> AnnualReport:
    """The current published version of one year (404 if none)."""
    report = report_latest_published(agency=agency, year=year)
    if report is None:
        raise Http404
    return report


def imported_report_get(*, agency: Agency, year: int) -> ImportedReport | None:
    return ImportedReport.objects.filter(agency=agency, year=year).first()
