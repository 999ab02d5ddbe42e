"""Sum several reports' tables into one, e.g. a people's government's figures from its
departments' reports (Art. 50; a government's report covers, in practice, its
departments' figures aggregated)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .model import T2_FEE_CELL, Cell, Level, Report, all_cell_paths


def _sum_cell(reports: list[Report], path: str) -> tuple[Cell, bool, bool]:
    """(sum or None, uncertain in any input, inferred in any input)."""
    total: int | Decimal = Decimal(0) if path == T2_FEE_CELL else 0
    uncertain = any(path in r.uncertain for r in reports)
    inferred = any(path in r.inferred for r in reports)
    for report in reports:
        value = report.cell(path)
        if value is None:
            # A blank in any input makes the sum unknown: blank, never 0.
            return None, uncertain, inferred
        total += value
    return total, uncertain, inferred


def aggregate_reports(
    reports: Iterable[Report], *, agency: str, year: int, level: Level = "government"
) -> Report:
    """One report whose tables are the cell-by-cell sums of ``reports``' tables.

    Only the tables are summed; the sections are left absent and the preamble empty (the
    aggregating agency writes its own text). A blank cell (or an absent row) in any input
    gives a blank sum; a sum involving an uncertain or inferred cell is marked so too.
    Raises ``ValueError`` if the list is empty or a report is of another year.
    """
    items = list(reports)
    if not items:
        raise ValueError("没有可汇总的报告")
    for report in items:
        if report.year != year:
            raise ValueError(f"{report.agency} 的报告年度为 {report.year}，不是 {year}")
    result = Report.empty(agency=agency, year=year, level=level)
    for path in all_cell_paths():
        total, uncertain, inferred = _sum_cell(items, path)
        result.set_cell(path, total)
        if uncertain:
            result.uncertain.append(path)
        if inferred and total is not None:
            result.inferred.append(path)
    return result
