"""The figures a report is built from, read from the apps that own the records.

Table 3 and table 4 come from the cases app (applications by receipt and reply date and
outcome, per applicant type, with carry-over; appeals by result), table 2 and the counts
quoted in section 一 from the publications app. Every figure is an aggregate query in
the owning app's selectors; this module only gathers them for one or several agencies.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.cases.models import Application
from gongkai.cases.selectors import case_fees_collected, case_table3, case_table4
from gongkai.publications.selectors.stats import publication_stats
from gongkai.report.model import T3_APPLICANT_COLUMNS

Table = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class MediaFigures:
    """One new-media account's output in the year (e.g. a WeChat official account)."""

    platform: str
    name: str
    issues: int
    articles: int


@dataclass
class RecordFigures:
    """What the records say about one agency (or the sum of several) in one year."""

    table2: Table
    table3: Table
    table4: Table
    documents_published: int = 0
    information_published: int = 0
    reconsideration_decisions_published: int = 0
    interpretations: int = 0
    consultations: int = 0
    new_media: list[MediaFigures] = field(default_factory=list)
    fees_collected_yuan: Decimal = Decimal(0)
    # Distinct applicants whose applications were received in the year, per column.
    applicants: dict[str, int] = field(default_factory=dict)


def applicant_counts(
    *, agency_ids: Sequence[int], year: int, applicant_type: str
) -> int:
    """Distinct applicants (by identity document) of one applicant type among the
    applications received in ``year`` — the "收到 N 名自然人申请" of section 一."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        Application.objects.filter(
            agency_id__in=list(agency_ids),
            received_on__range=(start, end),
            applicant_type=applicant_type,
        )
        .values("id_number")
        .distinct()
        .count()
    )


def _applicants(ids: Sequence[int], year: int, table3: Table) -> dict[str, int]:
    """The distinct-applicant count the narrative states, asked only when it is
    stated: when all new applications come from one type of applicant."""
    present = [c for c in T3_APPLICANT_COLUMNS if table3["new_received"][c]]
    if len(present) != 1:
        return {}
    column = present[0]
    return {column: applicant_counts(agency_ids=ids, year=year, applicant_type=column)}


def _media(stats: Any) -> list[MediaFigures]:
    return [
        MediaFigures(
            platform=str(m.platform), name=m.name, issues=m.issues, articles=m.articles
        )
        for m in stats.new_media
    ]


def _publication_figures(agency: Agency, year: int) -> dict[str, Any]:
    stats = publication_stats(agency=agency, year=year)
    return {
        "table2": stats.table2,
        "documents_published": stats.documents_published,
        "information_published": stats.information_published,
        "reconsideration_decisions_published": (
            stats.reconsideration_decisions_published
        ),
        "interpretations": stats.interpretations,
        "consultations": len(stats.consultations),
        "new_media": _media(stats),
    }


def record_figures(*, agency: Agency, year: int) -> RecordFigures:
    """The figures of one agency's own records in ``year``."""
    ids = [agency.pk]
    table3 = case_table3(agency_ids=ids, year=year)
    return RecordFigures(
        table3=table3,
        table4=case_table4(agency_ids=ids, year=year),
        fees_collected_yuan=case_fees_collected(agency_ids=ids, year=year),
        applicants=_applicants(ids, year, table3),
        **_publication_figures(agency, year),
    )


def record_tables_for(*, agency_ids: Iterable[int], year: int) -> tuple[Table, Table]:
    """Tables 3 and 4 summed over several agencies' records, in two selector calls
    (table 3 and table 4 are additive across agencies)."""
    ids = list(agency_ids)
    return case_table3(agency_ids=ids, year=year), case_table4(
        agency_ids=ids, year=year
    )


def publication_figures_for(*, agency: Agency, year: int) -> dict[str, Any]:
    """Table 2 and the section-一 counts of one agency's proactive disclosure."""
    return _publication_figures(agency, year)


def fees_for(*, agency_ids: Sequence[int], year: int) -> Decimal:
    """Information processing fees collected in ``year`` by several agencies."""
    return case_fees_collected(agency_ids=list(agency_ids), year=year)
