"""One annual report (政府信息公开工作年度报告) as typed data.

The keys are the contract of ``docs/annual-report-spec.md`` (2021 format, 国办公开办函
〔2021〕30号; Art. 49–50 of the 政府信息公开条例). ``None`` in a cell means blank or
unreadable, which is different from 0.

Cell paths name one cell: ``"table3.carried_forward.total"``,
``"table2.fees.amount_wan_yuan"``, ``"table4.reconsideration.upheld"``. Row paths name a
row or a table-4 group: ``"table3.granted"``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from .labels import (
    SECTION_HEADINGS,
    T2_CELL_LABELS,
    T2_ITEMS,
    T2_LABELS,
    T3_COLUMN_LABELS,
    T3_ROW_LABELS,
    T3_ROW_SHORT,
    T4_CELL_LABELS,
    T4_GROUP_LABELS,
    TABLE_NAMES,
)

__all__ = [
    "FORMAT",
    "LEVELS",
    "SECTION_HEADINGS",
    "SECTION_KEYS",
    "T2_CELL_LABELS",
    "T2_FEE_CELL",
    "T2_ITEMS",
    "T2_LABELS",
    "T2_ROWS",
    "T3_APPLICANT_COLUMNS",
    "T3_COLUMNS",
    "T3_COLUMN_LABELS",
    "T3_OUTCOME_ROWS",
    "T3_ROWS",
    "T3_ROW_LABELS",
    "T3_ROW_SHORT",
    "T4_CELLS",
    "T4_CELL_LABELS",
    "T4_GROUPS",
    "T4_GROUP_LABELS",
    "TABLES",
    "Cell",
    "Report",
    "all_cell_paths",
    "cell_label",
    "row_label",
]

FORMAT = "2021"
LEVELS = ("department", "government")
Level = Literal["department", "government"]

# A cell: a count (int), the fee amount or a misread count (Decimal), or blank (None).
Cell = int | Decimal | None

SECTION_KEYS: tuple[str, ...] = (
    "overview",
    "proactive",
    "applications",
    "appeals",
    "problems",
    "other",
)

T2_ROWS: dict[str, tuple[str, ...]] = {
    "regulations": ("issued", "repealed", "in_force"),
    "normative_documents": ("issued", "repealed", "in_force"),
    "licensing": ("decisions",),
    "penalties": ("decisions",),
    "enforcement": ("decisions",),
    "fees": ("amount_wan_yuan",),
}
# The one decimal cell of the format (administrative fees, in units of 10,000 yuan).
T2_FEE_CELL = "table2.fees.amount_wan_yuan"

T3_ROWS: tuple[str, ...] = tuple(T3_ROW_LABELS)
T3_OUTCOME_ROWS: tuple[str, ...] = T3_ROWS[
    T3_ROWS.index("granted") : T3_ROWS.index("processed_total")
]
T3_COLUMNS: tuple[str, ...] = tuple(T3_COLUMN_LABELS)
T3_APPLICANT_COLUMNS: tuple[str, ...] = T3_COLUMNS[:-1]

T4_GROUPS: tuple[str, ...] = tuple(T4_GROUP_LABELS)
T4_CELLS: tuple[str, ...] = tuple(T4_CELL_LABELS)

# table name -> row key -> cell keys, in print order.
TABLES: dict[str, dict[str, tuple[str, ...]]] = {
    "table2": T2_ROWS,
    "table3": {row: T3_COLUMNS for row in T3_ROWS},
    "table4": {group: T4_CELLS for group in T4_GROUPS},
}

assert len(T3_ROWS) == 25 and len(T3_OUTCOME_ROWS) == 21 and T3_COLUMNS[-1] == "total"


def all_cell_paths() -> list[str]:
    """Every cell path of the format, in print order."""
    return [
        f"{table}.{row}.{cell}"
        for table, rows in TABLES.items()
        for row, cells in rows.items()
        for cell in cells
    ]


_CELL_INDEX: tuple[tuple[str, str, str, str], ...] = tuple(
    (*path.split("."), path)  # type: ignore[misc]
    for path in all_cell_paths()
)


def _split(path: str, *, parts: int) -> list[str]:
    pieces = path.split(".")
    if (
        len(pieces) != parts
        or pieces[0] not in TABLES
        or pieces[1] not in TABLES[pieces[0]]
    ):
        raise KeyError(f"无效的单元格路径：{path}")
    if parts == 3 and pieces[2] not in TABLES[pieces[0]][pieces[1]]:
        raise KeyError(f"无效的单元格路径：{path}")
    return pieces


def row_label(row_path: str) -> str:
    """Chinese name of a row, e.g. ``表三「予以公开」行`` for ``table3.granted``."""
    table, row = _split(row_path, parts=2)
    if table == "table2":
        return f"表二「{T2_LABELS[row]}」行"
    if table == "table3":
        return f"表三「{T3_ROW_SHORT[row]}」行"
    return f"表四「{T4_GROUP_LABELS[row]}」"


def cell_label(path: str) -> str:
    """Chinese name of a cell, e.g. ``表三「予以公开」行「自然人」列``."""
    table, row, cell = _split(path, parts=3)
    if table == "table2":
        return f"表二「{T2_LABELS[row]}」{T2_CELL_LABELS[cell]}"
    if table == "table3":
        return f"{row_label(f'table3.{row}')}「{T3_COLUMN_LABELS[cell]}」列"
    return f"表四「{T4_GROUP_LABELS[row]}」{T4_CELL_LABELS[cell]}"


def _blank_table(table: str) -> dict[str, dict[str, Cell]]:
    return {row: dict.fromkeys(cells) for row, cells in TABLES[table].items()}


@dataclass
class Report:
    """One agency's annual report for one year.

    ``sections`` maps each of ``SECTION_KEYS`` to its text, ``None`` when the section is
    absent. Every row of every table is always present in the dicts; a row that the
    source lacks is listed in ``missing_rows`` (row paths such as ``"table3.granted"``)
    and its cells are ``None``. Parsers record what they could not read exactly:
    ``inferred`` (cell paths whose value was deduced, e.g. from glued digits),
    ``uncertain`` (cell paths left blank because several readings fit),
    ``legacy_labels`` (2019 trial-format labels met) and ``section_order`` (the order
    in which the sections appeared, when it is not the format's).
    """

    agency: str
    year: int
    level: Level = "department"
    format: str = FORMAT
    published_on: date | None = None
    preamble: str = ""
    sections: dict[str, str | None] = field(
        default_factory=lambda: dict.fromkeys(SECTION_KEYS)
    )
    table2: dict[str, dict[str, Cell]] = field(
        default_factory=lambda: _blank_table("table2")
    )
    table3: dict[str, dict[str, Cell]] = field(
        default_factory=lambda: _blank_table("table3")
    )
    table4: dict[str, dict[str, Cell]] = field(
        default_factory=lambda: _blank_table("table4")
    )
    inferred: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    missing_rows: list[str] = field(default_factory=list)
    legacy_labels: list[str] = field(default_factory=list)
    section_order: list[str] = field(default_factory=list)

    @classmethod
    def empty(cls, *, agency: str, year: int, level: Level = "department") -> Report:
        """A report with every section absent and every cell blank."""
        return cls(agency=agency, year=year, level=level)

    @classmethod
    def zero(cls, *, agency: str, year: int, level: Level = "department") -> Report:
        """A report with every cell 0 (the fee ``Decimal("0")``) and empty sections."""
        report = cls(agency=agency, year=year, level=level)
        for path in all_cell_paths():
            report.set_cell(path, Decimal("0") if path == T2_FEE_CELL else 0)
        report.sections = dict.fromkeys(SECTION_KEYS, "")
        return report

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    def table(self, name: str) -> dict[str, dict[str, Cell]]:
        if name not in TABLES:
            raise KeyError(f"无效的表名：{name}")
        table: dict[str, dict[str, Cell]] = getattr(self, name)
        return table

    def cell(self, path: str) -> Cell:
        """The value at a cell path; ``None`` when blank. ``KeyError`` for a bad path."""
        try:
            table, row, cell = path.split(".")
            return self.table(table)[row][cell]
        except (ValueError, KeyError):
            raise KeyError(f"无效的单元格路径：{path}") from None

    def cells(self) -> Iterator[tuple[str, Cell]]:
        """Every (cell path, value), in print order."""
        for table, row, cell, path in _CELL_INDEX:
            yield path, getattr(self, table)[row][cell]

    def set_cell(self, path: str, value: Cell) -> None:
        table, row, cell = _split(path, parts=3)
        self.table(table)[row][cell] = value

    def row_missing(self, row_path: str) -> bool:
        return row_path in self.missing_rows

    def copy(self) -> Report:
        return copy.deepcopy(self)


__all__ += ["TABLE_NAMES"]
