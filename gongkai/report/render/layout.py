"""The official layout of tables 2–4 as grids of placed cells.

One description of each table, cell for cell as in 国办公开办函〔2021〕30号 (merged
header cells, the 勾稽关系 note in table 3's corner, the rowspans of 三、本年度办理结果
and its groups, table 4's three header rows), shared by the HTML and DOCX renderers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .. import labels as L
from ..model import (
    T2_ROWS,
    T3_APPLICANT_COLUMNS,
    T3_COLUMNS,
    T4_CELLS,
    T4_GROUPS,
    Cell,
    Report,
)

Role = Literal["corner", "head", "label", "value"]


@dataclass(frozen=True)
class GridCell:
    """One printed cell at (row, col) of its table's grid; ``path`` for value cells."""

    text: str
    row: int
    col: int
    role: Role
    rowspan: int = 1
    colspan: int = 1
    path: str | None = None


@dataclass(frozen=True)
class Grid:
    key: str
    n_cols: int
    n_header_rows: int
    cells: tuple[GridCell, ...]

    @property
    def n_rows(self) -> int:
        return max(c.row + c.rowspan for c in self.cells)

    def rows(self) -> list[list[GridCell]]:
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[cell.row].append(cell)
        return out


def number(value: Cell) -> str:
    """A cell value as printed: blank for ``None``; the fee without exponent."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def _value(report: Report, path: str, row: int, col: int, colspan: int = 1) -> GridCell:
    return GridCell(
        number(report.cell(path)), row, col, "value", colspan=colspan, path=path
    )


# ----------------------------------------------------------------------------- table 2
_T2_BLOCKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("第二十条第（一）项", ("regulations", "normative_documents")),
    ("第二十条第（五）项", ("licensing",)),
    ("第二十条第（六）项", ("penalties", "enforcement")),
    ("第二十条第（八）项", ("fees",)),
)


def table2_grid(report: Report) -> Grid:
    cells: list[GridCell] = []
    r = 0
    for item, rows in _T2_BLOCKS:
        cells.append(GridCell(item, r, 0, "head", colspan=4))
        heads = T2_ROWS[rows[0]]
        cells.append(GridCell(L.T2_CONTENT_HEADER, r + 1, 0, "head"))
        span = 3 if len(heads) == 1 else 1
        for i, cell in enumerate(heads):
            cells.append(
                GridCell(L.T2_CELL_LABELS[cell], r + 1, 1 + i, "head", colspan=span)
            )
        r += 2
        for row in rows:
            cells.append(GridCell(L.T2_LABELS[row], r, 0, "label"))
            for i, cell in enumerate(T2_ROWS[row]):
                cells.append(_value(report, f"table2.{row}.{cell}", r, 1 + i, span))
            r += 1
    return Grid("table2", 4, 0, tuple(cells))


# ----------------------------------------------------------------------------- table 3
def _t3_header() -> list[GridCell]:
    cells = [
        GridCell(L.T3_CORNER_NOTE, 0, 0, "corner", rowspan=3, colspan=3),
        GridCell(L.T3_HEADER_APPLICANTS, 0, 3, "head", colspan=7),
        GridCell(L.T3_COLUMN_LABELS["natural_person"], 1, 3, "head", rowspan=2),
        GridCell(L.T3_HEADER_ORGANISATIONS, 1, 4, "head", colspan=5),
        GridCell(L.T3_COLUMN_LABELS["total"], 1, 9, "head", rowspan=2),
    ]
    for i, col in enumerate(T3_APPLICANT_COLUMNS[1:]):
        cells.append(GridCell(L.T3_COLUMN_LABELS[col], 2, 4 + i, "head"))
    return cells


def _t3_label_cells(row: str, start: int) -> list[GridCell]:
    """Label cells of grid row ``start`` holding table-3 row key ``row``."""
    if row in ("new_received", "carried_over", "carried_forward"):
        return [GridCell(L.T3_ROW_LABELS[row], start, 0, "label", colspan=3)]
    cells: list[GridCell] = []
    if row == "granted":
        cells.append(GridCell(L.T3_OUTCOME_HEADING, start, 0, "label", rowspan=22))
    for group, members in L.T3_OUTCOME_GROUPS:
        if row in members:
            if row == members[0]:
                cells.append(GridCell(group, start, 1, "label", rowspan=len(members)))
            cells.append(GridCell(L.T3_ROW_LABELS[row], start, 2, "label"))
            return cells
    cells.append(GridCell(L.T3_ROW_LABELS[row], start, 1, "label", colspan=2))
    return cells


def table3_grid(report: Report) -> Grid:
    cells = _t3_header()
    for i, row in enumerate(report.table3):
        r = 3 + i
        cells += _t3_label_cells(row, r)
        cells += [
            _value(report, f"table3.{row}.{col}", r, 3 + j)
            for j, col in enumerate(T3_COLUMNS)
        ]
    return Grid("table3", 10, 3, tuple(cells))


# ----------------------------------------------------------------------------- table 4
def table4_grid(report: Report) -> Grid:
    cells = [
        GridCell(L.T4_HEADER_RECONSIDERATION, 0, 0, "head", colspan=5),
        GridCell(L.T4_HEADER_LITIGATION, 0, 5, "head", colspan=10),
        GridCell(L.T4_HEADER_DIRECT, 1, 5, "head", colspan=5),
        GridCell(L.T4_HEADER_AFTER, 1, 10, "head", colspan=5),
    ]
    for j, cell in enumerate(T4_CELLS):
        # Printed on two lines in the narrow columns, as in the format: 结果 / 维持.
        label = L.T4_CELL_LABELS[cell]
        text = f"{label[:2]}\n{label[2:]}" if len(label) == 4 else label
        cells.append(GridCell(text, 1, j, "head", rowspan=2))
        cells.append(GridCell(text, 2, 5 + j, "head"))
        cells.append(GridCell(text, 2, 10 + j, "head"))
    for g, group in enumerate(T4_GROUPS):
        cells += [
            _value(report, f"table4.{group}.{cell}", 3, 5 * g + j)
            for j, cell in enumerate(T4_CELLS)
        ]
    return Grid("table4", 15, 3, tuple(cells))


# The table each section holds (sections 二, 三, 四).
SECTION_TABLES = {
    "proactive": table2_grid,
    "applications": table3_grid,
    "appeals": table4_grid,
}


def paragraphs(text: str | None) -> list[str]:
    """The paragraphs of a section's text (one per non-empty line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
