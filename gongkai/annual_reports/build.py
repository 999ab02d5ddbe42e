"""Building an agency's annual report from its records.

A department's tables come from its own records (``sources``); a people's government's
from the sum of its own and its departments' figures (``aggregation``). Overridden cells
replace computed ones, saved texts replace drafted ones, and the rest is drafted from the
figures (``narrative``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.report.model import SECTION_KEYS, Report

from .models import PREAMBLE, AnnualReport, CellOverride, ReportSectionRevision
from .narrative import report_draft_narrative, report_draft_preamble
from .selectors import report_latest, report_texts
from .sources import RecordFigures, record_figures
from .tables import apply_overrides, report_from_tables

if TYPE_CHECKING:
    from .aggregation import Aggregation


@dataclass
class Built:
    """A built report and everything the editor shows beside it."""

    report: Report
    computed: Report
    figures: RecordFigures
    drafted: dict[str, str]
    texts: dict[str, ReportSectionRevision] = field(default_factory=dict)
    overrides: dict[str, CellOverride] = field(default_factory=dict)
    aggregation: Aggregation | None = None

    def text_is_drafted(self, key: str) -> bool:
        return key not in self.texts


def _computed(
    agency: Agency, year: int
) -> tuple[Report, RecordFigures, Aggregation | None]:
    if agency.kind == AgencyKind.GOVERNMENT:
        from .aggregation import aggregate_government

        aggregation = aggregate_government(government=agency, year=year)
        return aggregation.report, aggregation.figures, aggregation
    figures = record_figures(agency=agency, year=year)
    report = report_from_tables(
        agency=agency,
        year=year,
        tables={
            "table2": figures.table2,
            "table3": figures.table3,
            "table4": figures.table4,
        },
    )
    return report, figures, None


def _final_figures(figures: RecordFigures, report: Report) -> RecordFigures:
    final = copy.copy(figures)
    final.table2, final.table3, final.table4 = (
        report.table2,
        report.table3,
        report.table4,
    )
    return final


def report_build_full(
    *, agency: Agency, year: int, report: AnnualReport | None = None
) -> Built:
    """Build ``agency``'s report on ``year`` from the records, with the overrides and
    saved texts of ``report`` (default: the latest version, if any)."""
    working = report if report is not None else report_latest(agency=agency, year=year)
    computed, figures, aggregation = _computed(agency, year)
    final = computed.copy()
    overrides: dict[str, CellOverride] = {}
    texts: dict[str, ReportSectionRevision] = {}
    if working is not None:
        overrides = {o.path: o for o in working.overrides.all()}
        texts = report_texts(report=working)
    apply_overrides(final, overrides.values())
    final_figures = _final_figures(figures, final)
    drafted = {
        PREAMBLE: report_draft_preamble(agency=agency, year=year),
        **report_draft_narrative(agency=agency, year=year, stats=final_figures),
    }
    final.preamble = texts[PREAMBLE].text if PREAMBLE in texts else drafted[PREAMBLE]
    final.sections = {
        key: texts[key].text if key in texts else drafted[key] for key in SECTION_KEYS
    }
    return Built(
        report=final,
        computed=computed,
        figures=final_figures,
        drafted=drafted,
        texts=texts,
        overrides=overrides,
        aggregation=aggregation,
    )


def report_build(*, agency: Agency, year: int) -> Report:
    """The report of ``agency`` on ``year`` as the records make it now (Art. 50), with
    the latest version's overrides and texts. Tables come from aggregate queries."""
    return report_build_full(agency=agency, year=year).report


def report_tables_only(*, agency: Agency, year: int) -> Report:
    """Only the computed tables (no overrides, no text): the raw figures."""
    return _computed(agency, year)[0]
