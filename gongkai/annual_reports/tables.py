"""Moving figures between the records' tables, the report model and overrides."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.report.model import T2_FEE_CELL, Cell, Level, Report, all_cell_paths
from gongkai.report.model import TABLES as REPORT_TABLES

from .models import CellOverride

CELL_PATHS: frozenset[str] = frozenset(all_cell_paths())


def report_level(agency: Agency) -> Level:
    """A people's government's own report is ``government``; every other is
    ``department`` (Art. 49 gives them different deadlines)."""
    return "government" if agency.kind == AgencyKind.GOVERNMENT else "department"


def to_cell(path: str, value: Any) -> Cell:
    """A stored or computed value as a report cell: ``Decimal`` for the fee amount,
    ``int`` for a count, ``None`` when blank."""
    if value is None:
        return None
    if path == T2_FEE_CELL:
        number = Decimal(value)
        if number == number.to_integral_value():
            return number.quantize(Decimal(1))
        return number.normalize()
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else number


def fill_tables(report: Report, tables: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Copy the ``table2``/``table3``/``table4`` dicts (spec shape) into ``report``.
    A cell the source lacks stays blank."""
    for table, rows in tables.items():
        for row, cells in REPORT_TABLES[table].items():
            source = rows.get(row) or {}
            for cell in cells:
                path = f"{table}.{row}.{cell}"
                report.set_cell(path, to_cell(path, source.get(cell)))


def report_from_tables(
    *, agency: Agency, year: int, tables: dict[str, dict[str, dict[str, Any]]]
) -> Report:
    report = Report.empty(agency=agency.name, year=year, level=report_level(agency))
    fill_tables(report, tables)
    return report


def apply_overrides(report: Report, overrides: Iterable[CellOverride]) -> None:
    """Replace computed cells with the overridden values."""
    for override in overrides:
        report.set_cell(override.path, to_cell(override.path, override.value))


def add_into(total: Report, part: Report) -> None:
    """Add ``part``'s cells into ``total``; a blank on either side leaves a blank."""
    for path in CELL_PATHS:
        a, b = total.cell(path), part.cell(path)
        total.set_cell(path, None if a is None or b is None else a + b)
