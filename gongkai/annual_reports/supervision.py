"""Reads for the supervising office: every subordinate agency's report status for a year,
on time or late against its deadline (Art. 49; local dates configurable on the agency),
and the key figures year over year.

Status and timeliness are computed from the versions and dates, never stored.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_descendant_ids, agency_ids_for_user
from gongkai.report.jsonio import report_from_json
from gongkai.report.model import Report

from .models import AnnualReport, ImportedReport, ReportStatus

NOT_STARTED = "not_started"
ON_TIME = "on_time"
LATE = "late"
OVERDUE = "overdue"
DUE = "due"

KEY_FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("new_received", ("table3.new_received.total",)),
    ("carried_over", ("table3.carried_over.total",)),
    ("processed_total", ("table3.processed_total.total",)),
    ("granted", ("table3.granted.total", "table3.partially_granted.total")),
    (
        "withheld",
        tuple(
            f"table3.{row}.total"
            for row in (
                "withheld_state_secret",
                "withheld_law_prohibited",
                "withheld_security_stability",
                "withheld_third_party",
                "withheld_internal_affairs",
                "withheld_process_info",
                "withheld_enforcement_file",
                "withheld_inquiry_matter",
            )
        ),
    ),
    ("carried_forward", ("table3.carried_forward.total",)),
    (
        "appeals",
        (
            "table4.reconsideration.total",
            "table4.litigation_direct.total",
            "table4.litigation_after_reconsideration.total",
        ),
    ),
)


@dataclass
class AgencyReportStatus:
    agency: Agency
    year: int
    report: AnnualReport | None
    published: AnnualReport | None
    deadline: datetime.date
    timeliness: str
    days: int

    @property
    def status(self) -> str:
        if self.published is not None:
            return ReportStatus.PUBLISHED
        if self.report is None:
            return NOT_STARTED
        return str(self.report.status)


def _timeliness(
    published: AnnualReport | None, deadline: datetime.date, today: datetime.date
) -> tuple[str, int]:
    if published is not None and published.published_on is not None:
        late_by = (published.published_on - deadline).days
        return (LATE, late_by) if late_by > 0 else (ON_TIME, 0)
    if today > deadline:
        return OVERDUE, (today - deadline).days
    return DUE, (deadline - today).days


def supervised_agency_list(*, user: Any) -> list[Agency]:
    """Agencies with agencies below them that ``user`` may see: the offices that
    supervise."""
    visible = agency_ids_for_user(user=user, perm=Perm.VIEW)
    parents = set(
        Agency.objects.filter(parent_id__in=visible).values_list("parent_id", flat=True)
    )
    return list(Agency.objects.filter(pk__in=parents).order_by("name"))


def latest_report_year(*, supervisor: Agency | None, today: datetime.date) -> int:
    """The most recent year with a report under ``supervisor``, else last year."""
    last = today.year - 1
    if supervisor is None:
        return last
    ids = agency_descendant_ids(agency_ids=[supervisor.pk])
    found = (
        AnnualReport.objects.filter(agency_id__in=ids, year__lte=last)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return found or last


def supervision_rows(
    *, user: Any, supervisor: Agency, year: int, today: datetime.date
) -> list[AgencyReportStatus]:
    """The report status of ``supervisor`` and every agency below it that ``user`` may
    see, for ``year`` (two queries whatever the number of agencies)."""
    visible = agency_ids_for_user(user=user, perm=Perm.VIEW)
    ids = agency_descendant_ids(agency_ids=[supervisor.pk]) & visible
    agencies = Agency.objects.filter(pk__in=ids).select_related("parent")
    latest: dict[int, AnnualReport] = {}
    published: dict[int, AnnualReport] = {}
    for report in AnnualReport.objects.filter(agency_id__in=ids, year=year).order_by(
        "agency_id", "-version"
    ):
        latest.setdefault(report.agency_id, report)
        if report.status == ReportStatus.PUBLISHED:
            published.setdefault(report.agency_id, report)
    rows = []
    for agency in agencies:
        deadline = agency.statutory_report_deadline(year)
        timeliness, days = _timeliness(published.get(agency.pk), deadline, today)
        rows.append(
            AgencyReportStatus(
                agency=agency,
                year=year,
                report=latest.get(agency.pk),
                published=published.get(agency.pk),
                deadline=deadline,
                timeliness=timeliness,
                days=days,
            )
        )
    rows.sort(key=lambda r: (r.agency.pk != supervisor.pk, r.agency.name))
    return rows


@dataclass
class YearFigures:
    year: int
    source: str  # published / imported / live
    figures: dict[str, int | None]


def key_figures(report: Report) -> dict[str, int | None]:
    """The key figures of one report: applications, outcomes, carry-over, appeals."""
    out: dict[str, int | None] = {}
    for key, paths in KEY_FIGURES:
        values = [report.cell(p) for p in paths]
        out[key] = None if any(v is None for v in values) else int(sum(values))  # type: ignore[arg-type,misc]
    return out


def _years(agency: Agency, today: datetime.date, span: int) -> list[int]:
    """``span`` consecutive years ending with the latest report year (at most last
    year)."""
    latest = latest_report_year(supervisor=agency, today=today)
    imported = (
        ImportedReport.objects.filter(agency=agency, year__lt=today.year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    end = max(latest, imported or 0)
    return list(range(end - span + 1, end + 1))


def year_over_year(
    *, agency: Agency, today: datetime.date, span: int = 5
) -> list[YearFigures]:
    """Key figures for the agency's last ``span`` report years: the published report
    where there is one, else an imported one, else the live build."""
    from .build import report_build

    years = _years(agency, today, span)
    out = []
    for year in years:
        published = (
            AnnualReport.objects.filter(
                agency=agency, year=year, status=ReportStatus.PUBLISHED
            )
            .order_by("-version")
            .first()
        )
        imported = ImportedReport.objects.filter(agency=agency, year=year).first()
        if published is not None and published.snapshot is not None:
            source, report = "published", report_from_json(published.snapshot)
        elif imported is not None:
            source, report = "imported", report_from_json(imported.data)
        else:
            source, report = "live", report_build(agency=agency, year=year)
        out.append(YearFigures(year=year, source=source, figures=key_figures(report)))
    return out
