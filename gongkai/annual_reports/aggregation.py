"""A people's government's report: the sum of its own figures and its departments'.

Art. 49–50 require a people's government to publish its own annual report; in practice it
covers the government and its departments' figures aggregated. Which agencies count is
configurable (``AggregationScope``); by default the government itself and all its
departments. For each department the figures that count are, in order of preference,
its published report, its approved report, its draft (built live from its records with
its overrides), or a report imported through the checker. A department with none of
these is *missing*: it is listed, and left out of the sum.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.report.jsonio import report_from_json
from gongkai.report.model import Report

from .models import (
    AggregationScope,
    AnnualReport,
    CellOverride,
    ImportedReport,
    ReportStatus,
)
from .publication_sums import publication_sums
from .selectors import snapshot_report
from .sources import RecordFigures, fees_for, record_tables_for
from .tables import add_into, report_from_tables

OWN = "own"
PUBLISHED = "published"
APPROVED = "approved"
DRAFT = "draft"
IMPORTED = "imported"
MISSING = "missing"
COUNT_FIELDS = (
    "documents_published",
    "information_published",
    "reconsideration_decisions_published",
    "interpretations",
    "consultations",
)


@dataclass
class Contribution:
    """What one included agency contributes to the sum, and from where."""

    agency: Agency
    source: str
    version: AnnualReport | None = None
    report: Report | None = None

    @property
    def is_missing(self) -> bool:
        return self.source == MISSING


@dataclass
class Aggregation:
    government: Agency
    year: int
    contributions: list[Contribution]
    report: Report
    figures: RecordFigures
    counted: list[Agency] = field(default_factory=list)

    @property
    def missing(self) -> list[Agency]:
        return [c.agency for c in self.contributions if c.is_missing]


def default_scope(*, government: Agency) -> list[Agency]:
    """The government itself and every department directly under it."""
    departments = Agency.objects.filter(
        parent=government, kind=AgencyKind.DEPARTMENT
    ).order_by("name")
    return [government, *departments]


def aggregation_scope(*, government: Agency) -> list[Agency]:
    """The agencies whose figures a government's report sums (configured or default)."""
    scope = AggregationScope.objects.filter(government=government).first()
    if scope is None:
        return default_scope(government=government)
    included = list(scope.included.order_by("name"))
    own = [a for a in included if a.pk == government.pk]
    return own + [a for a in included if a.pk != government.pk]


def _versions_by_agency(ids: list[int], year: int) -> dict[int, AnnualReport]:
    """Per agency, the version that counts: latest published, else latest approved,
    else latest draft."""
    rank = {ReportStatus.PUBLISHED: 0, ReportStatus.APPROVED: 1, ReportStatus.DRAFT: 2}
    chosen: dict[int, AnnualReport] = {}
    rows = AnnualReport.objects.filter(agency_id__in=ids, year=year).exclude(
        status=ReportStatus.SUPERSEDED
    )
    for row in rows.order_by("agency_id", "-version"):
        current = chosen.get(row.agency_id)
        if current is None or rank[row.status] < rank[current.status]:  # type: ignore[index]
            chosen[row.agency_id] = row
    return chosen


def _classify(
    agency: Agency,
    government: Agency,
    version: AnnualReport | None,
    imported: ImportedReport | None,
) -> Contribution:
    if agency.pk == government.pk:
        return Contribution(agency, OWN)
    if version is not None and version.status in (
        ReportStatus.PUBLISHED,
        ReportStatus.APPROVED,
    ):
        return Contribution(
            agency, str(version.status), version, snapshot_report(version)
        )
    if version is not None:
        return Contribution(agency, DRAFT, version)
    if imported is not None:
        return Contribution(agency, IMPORTED, report=report_from_json(imported.data))
    return Contribution(agency, MISSING)


def _contributions(government: Agency, year: int) -> list[Contribution]:
    agencies = aggregation_scope(government=government)
    ids = [a.pk for a in agencies]
    versions = _versions_by_agency(ids, year)
    imported = {
        row.agency_id: row
        for row in ImportedReport.objects.filter(agency_id__in=ids, year=year)
    }
    return [
        _classify(a, government, versions.get(a.pk), imported.get(a.pk))
        for a in agencies
    ]


def _individually_built(contributions: list[Contribution], year: int) -> set[int]:
    """Drafts with overrides are built one by one (their overrides replace computed
    cells); every other live agency goes into one summed query."""
    from .build import report_build_full

    drafts = {c.version.pk: c for c in contributions if c.source == DRAFT and c.version}
    with_overrides = set(
        CellOverride.objects.filter(report_id__in=list(drafts)).values_list(
            "report_id", flat=True
        )
    )
    for report_id in with_overrides:
        contribution = drafts[report_id]
        built = report_build_full(
            agency=contribution.agency, year=year, report=contribution.version
        )
        contribution.report = built.report
    return {drafts[r].agency.pk for r in with_overrides}


def _live_sum(
    government: Agency, year: int, live: list[Agency], system_ids: list[int]
) -> tuple[Report, RecordFigures]:
    """Tables of the agencies built live from records (tables 3 and 4 in one summed
    query each, table 2 in a few), and the narrative counts of every agency that keeps
    its records here."""
    live_ids = [a.pk for a in live]
    table3, table4 = record_tables_for(agency_ids=live_ids, year=year)
    live_publications = publication_sums(agency_ids=live_ids, year=year)
    counts = (
        live_publications
        if set(system_ids) == set(live_ids)
        else publication_sums(agency_ids=system_ids, year=year)
    )
    figures = RecordFigures(
        table2={},
        table3=table3,
        table4=table4,
        fees_collected_yuan=fees_for(agency_ids=system_ids, year=year),
        new_media=list(counts["new_media"]),
        **{name: counts[name] for name in COUNT_FIELDS},
    )
    summed = report_from_tables(
        agency=government,
        year=year,
        tables={
            "table2": live_publications["table2"],
            "table3": table3,
            "table4": table4,
        },
    )
    if not live_ids:
        summed.table2 = Report.zero(agency="", year=year).table2
    return summed, figures


def aggregate_government(*, government: Agency, year: int) -> Aggregation:
    """Sum the figures of the agencies in ``government``'s aggregation scope for
    ``year``; the result's ``missing`` lists the departments left out."""
    contributions = _contributions(government, year)
    individual = _individually_built(contributions, year)
    live = [
        c.agency
        for c in contributions
        if c.source in (OWN, DRAFT) and c.agency.pk not in individual
    ]
    system_ids = [
        c.agency.pk for c in contributions if c.source not in (IMPORTED, MISSING)
    ]
    total, figures = _live_sum(government, year, live, system_ids)
    for contribution in contributions:
        if contribution.report is not None:
            add_into(total, contribution.report)
    return Aggregation(
        government=government,
        year=year,
        contributions=contributions,
        report=total,
        figures=figures,
        counted=[c.agency for c in contributions if not c.is_missing],
    )


__all__ = [
    "APPROVED",
    "DRAFT",
    "IMPORTED",
    "MISSING",
    "OWN",
    "PUBLISHED",
    "Aggregation",
    "Contribution",
    "aggregate_government",
    "aggregation_scope",
    "default_scope",
]
