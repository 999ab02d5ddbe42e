"""Row readings: what the source says about one row of one of the three tables.

Both the grid extractor (tables with cells) and the flat scanner (text whose cells ran
together) produce :class:`RowReading` objects; ``resolve.py`` turns them into values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import T2_ROWS, T3_COLUMNS, T4_CELLS, T4_GROUPS
from .errors import Deadline
from .glued import (
    NotANumber,
    Reading,
    Value,
    is_blank_text,
    is_number_text,
    parse_cell,
    readings,
)

T3_WIDTH = len(T3_COLUMNS)
T4_WIDTH = len(T4_GROUPS) * len(T4_CELLS)
_SPACED_NUMBERS = re.compile(r"^-?\d+(?:\.\d+)?(?:\s+-?\d+(?:\.\d+)?)+$")


@dataclass
class RowReading:
    """The readings of one row: ``candidates`` are tuples of cell values in the order of
    ``cells``; ``None`` when there were too many to enumerate. ``unreadable`` holds
    indexes of cells whose text is not a number."""

    table: str
    row: str
    cells: tuple[str, ...]
    candidates: list[Reading] | None
    glued: bool = False
    positional: bool = False
    unreadable: set[int] = field(default_factory=set)
    # Every reading of the digits before any identity was applied (glued rows only).
    raw: list[Reading] | None = None

    @property
    def row_path(self) -> str:
        return f"{self.table}.{self.row}"


def row_total_ok(reading: Reading) -> bool:
    """Table 3's row identity on a (partial) reading: 总计 = sum of the six columns."""
    if len(reading) < T3_WIDTH:
        return True
    *parts, total = reading[:T3_WIDTH]
    if total is None or any(p is None for p in parts):
        return True
    return sum(p for p in parts if p is not None) == total


def group_totals_ok(reading: Reading) -> bool:
    """Table 4's group identity on a (partial) reading of 5, 10 or 15 cells."""
    width = len(T4_CELLS)
    for start in range(0, len(reading) - width + 1, width):
        *parts, total = reading[start : start + width]
        if total is None or any(p is None for p in parts):
            continue
        if sum(p for p in parts if p is not None) != total:
            return False
    return True


def identity_for(table: str, width: int) -> Callable[[Reading], bool] | None:
    if table == "table3" and width == T3_WIDTH:
        return row_total_ok
    if table == "table4" and width % len(T4_CELLS) == 0:
        return group_totals_ok
    return None


def tokens_of(texts: Sequence[str]) -> list[str]:
    """Cell texts to tokens: a cell holding several space-separated numbers gives one
    token each; other cells one token (blank marks included)."""
    out: list[str] = []
    for text in texts:
        stripped = text.strip()
        if _SPACED_NUMBERS.match(stripped):
            out.extend(stripped.split())
        else:
            out.append(stripped)
    return out


def _windows(tokens: list[str], width: int) -> list[list[str]]:
    """Windows of ``width`` consecutive tokens that keep every non-blank token."""
    filled = [i for i, t in enumerate(tokens) if not _is_blank(t)]
    if not filled:
        return [tokens[:width]] if len(tokens) >= width else []
    first, last = filled[0], filled[-1]
    if last - first + 1 > width:
        return []
    out = []
    for start in range(max(0, last - width + 1), min(first, len(tokens) - width) + 1):
        out.append(tokens[start : start + width])
    return out


def _is_blank(token: str) -> bool:
    return is_blank_text(token)


def read_tokens(
    table: str,
    row: str,
    cells: tuple[str, ...],
    tokens: list[str],
    *,
    deadline: Deadline | None = None,
) -> RowReading:
    """Readings of a row from its value tokens, left to right.

    Exactly as many tokens as cells: one reading. More: the blank cells at either edge
    may be layout, so every placement that keeps all non-blank cells is a reading. Fewer:
    digit runs stand for several cells (glued digits).
    """
    width = len(cells)
    accept = identity_for(table, width)
    unreadable = {
        i for i, t in enumerate(tokens) if not (is_number_text(t) or _is_blank(t))
    }
    if unreadable and len(tokens) == width:
        reading = tuple(
            None if i in unreadable else parse_cell(t) for i, t in enumerate(tokens)
        )
        return RowReading(table, row, cells, [reading], unreadable=unreadable)
    if unreadable:
        return RowReading(table, row, cells, [], unreadable=set(range(width)))
    if len(tokens) >= width:
        found: list[Reading] = []
        for window in _windows(tokens, width):
            found.append(tuple(parse_cell(t) for t in window))
        return RowReading(table, row, cells, list(dict.fromkeys(found)))
    raw = readings(tokens, width, deadline=deadline)
    if raw is None:
        return RowReading(table, row, cells, None, glued=True)
    glued = len(raw) > 1
    if accept is not None and glued:
        kept = [r for r in raw if accept(r)]
        return RowReading(table, row, cells, kept, glued=True, raw=raw)
    return RowReading(table, row, cells, raw, glued=glued)


def cells_of(table: str, row: str) -> tuple[str, ...]:
    if table == "table2":
        return T2_ROWS[row]
    if table == "table3":
        return T3_COLUMNS
    return T4_CELLS


def mapped_reading(
    table: str, row: str, cells: tuple[str, ...], by_cell: dict[str, str]
) -> RowReading:
    """A row read through a header map: ``by_cell`` maps cell key → cell text."""
    values: list[Value] = []
    unreadable: set[int] = set()
    for i, cell in enumerate(cells):
        text = by_cell.get(cell, "")
        try:
            values.append(parse_cell(text))
        except NotANumber:
            values.append(None)
            unreadable.add(i)
    return RowReading(table, row, cells, [tuple(values)], unreadable=unreadable)
