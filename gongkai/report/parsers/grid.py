"""Reading tables 2, 3 and 4 from the grids of a document.

Rows are identified by their labels, wherever they are (a table split over several
tables, rows in another order, a header row repeated in the middle). Columns are
identified by the header where the header names them and the row lines up with it;
otherwise the numbers after the label are read in the format's column order. Rows that
lost their label (a PDF converted to Markdown) are kept in document order with the
table they sit in, for ``resolve.place_unlabelled`` to place between labelled rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..model import T2_ROWS, T3_COLUMNS, T4_CELLS, T4_GROUPS
from . import matching as m
from .errors import Deadline
from .glued import is_blank_text, is_number_text
from .ir import Document, GridCell, Table
from .rows import T4_WIDTH, RowReading, cells_of, mapped_reading, read_tokens, tokens_of

# Table 2 header cells: 2021 columns, and 2019 columns (本年新制作数量 is 本年制发件数,
# 处理决定数量 is 本年处理决定数量; the others have no 2021 counterpart, "-").
T2_CELL_HEADER_PHRASES: dict[str, tuple[str, ...]] = {
    "issued": ("本年制发件数", "本年新制作数量"),
    "repealed": ("本年废止件数",),
    "in_force": ("现行有效件数",),
    "decisions": ("本年处理决定数量", "处理决定数量"),
    "amount_wan_yuan": ("本年收费金额(单位:万元)", "本年收费金额", "收费金额"),
    "-": (
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "采购项目数量",
        "采购总金额",
    ),
}
_HAN = re.compile(r"[\u4e00-\u9fff]")
T4_ROW_CELLS = tuple(f"{g}.{c}" for g in T4_GROUPS for c in T4_CELLS)


@dataclass
class GridResult:
    readings: dict[str, RowReading] = field(default_factory=dict)
    # (document position, key) of labelled table 3 rows, in document order.
    t3_labelled: list[tuple[int, str]] = field(default_factory=list)
    # (document position, value tokens) of table 3 rows without a label.
    t3_unlabelled: list[tuple[int, list[str]]] = field(default_factory=list)
    legacy: list[str] = field(default_factory=list)

    def add(self, reading: RowReading) -> None:
        self.readings.setdefault(reading.row_path, reading)


def header_key(text: str, phrases: dict[str, tuple[str, ...]]) -> str | None:
    """The key whose phrase *is* the header cell's text (exactly, or one edit away)."""
    return (
        _header_key(text, _PHRASE_TABLES[id(phrases)])
        if id(phrases) in _PHRASE_TABLES
        else _header_key_uncached(text, phrases)
    )


@lru_cache(maxsize=8192)
def _header_key(text: str, which: str) -> str | None:
    return _header_key_uncached(text, _PHRASE_TABLES_BY_NAME[which])


def _header_key_uncached(text: str, phrases: dict[str, tuple[str, ...]]) -> str | None:
    bare = m.strip_enumerator(m.norm(text))
    if not bare:
        return None
    for key, options in phrases.items():
        if bare in options:
            return key
    for key, options in phrases.items():
        for phrase in options:
            close = len(phrase) >= 4 and abs(len(phrase) - len(bare)) <= 1
            if close and m.fuzzy_pattern(phrase).fullmatch(bare):
                return key
    return None


_PHRASE_TABLES_BY_NAME: dict[str, dict[str, tuple[str, ...]]] = {
    "t2": T2_CELL_HEADER_PHRASES,
    "t3": m.T3_COLUMN_PHRASES,
    "t4_group": m.T4_GROUP_PHRASES,
    "t4_cell": m.T4_CELL_PHRASES,
}
_PHRASE_TABLES = {id(table): name for name, table in _PHRASE_TABLES_BY_NAME.items()}


@dataclass
class _Row:
    cells: list[GridCell]
    label: str
    label_end: int

    @cached_property
    def numeric_cols(self) -> list[int]:
        return [
            c
            for c in range(self.label_end, len(self.cells))
            if self.cells[c].origin and is_number_text(self.cells[c].text)
        ]

    def value_texts(self) -> list[str]:
        return [cell.text for cell in self.cells[self.label_end :] if cell.origin]


def _is_label_text(text: str) -> bool:
    """Text that can be (part of) a label: not blank, not a blank mark (``—``, ``/``,
    ``无``) and not a short mark without a Chinese character (``O``, ``*``), which are
    value cells printed oddly, not words of a label."""
    stripped = text.strip()
    if not stripped or is_blank_text(stripped):
        return False
    bare = m.norm(stripped)
    return len(bare) > 2 or _HAN.search(bare) is not None


def _row(cells: list[GridCell]) -> _Row:
    """Split a grid row into its label (the text before the first number) and values.

    Blank cells between the label and the first number stay with the values: they may
    be blank cells of the table or mere layout, which ``read_tokens`` sorts out. So do
    cells printed as a blank mark (``—``, ``/``, ``无``): they are value cells, and taken
    into the label they would leave the row fewer cells than it has.
    """
    first_number = next(
        (i for i, c in enumerate(cells) if c.origin and is_number_text(c.text)), None
    )
    limit = len(cells) if first_number is None else first_number
    end = max((i + 1 for i in range(limit) if _is_label_text(cells[i].text)), default=0)
    parts = [m.norm(c.text) for c in cells[:end] if c.text.strip()]
    # a label cell spanning several columns appears once
    label = "".join(p for i, p in enumerate(parts) if i == 0 or p != parts[i - 1])
    return _Row(cells, label, end)


def _has_t4_values(row: _Row) -> bool:
    """A table 4 group row: numbers, or its five cells all printed as a blank mark."""
    if row.numeric_cols:
        return True
    marks = [t for t in row.value_texts() if t.strip()]
    return len(marks) == len(T4_CELLS) and all(is_blank_text(t) for t in marks)


def _is_header(row: _Row) -> bool:
    return not row.numeric_cols


def _column_map(
    rows: Iterable[_Row], phrases: dict[str, tuple[str, ...]]
) -> dict[int, str]:
    found: dict[int, str] = {}
    for row in rows:
        for col, cell in enumerate(row.cells):
            key = header_key(cell.text, phrases)
            if key is not None and found.get(col, key) == key:
                found[col] = key
    by_key: dict[str, list[int]] = {}
    for col, key in found.items():
        by_key.setdefault(key, []).append(col)
    # a key over several columns is ambiguous (except "-", the unmapped columns)
    out: dict[int, str] = {}
    for key, cols in by_key.items():
        if len(cols) == 1 or key == "-":
            out.update(dict.fromkeys(cols, key))
    return out


def _t3_map(headers: list[_Row], data: list[_Row]) -> dict[int, str]:
    found = _column_map(headers, m.T3_COLUMN_PHRASES)
    if len(found) == len(T3_COLUMNS) or len(found) < 4:
        return found if len(found) == len(T3_COLUMNS) else {}
    # Placeholder names: fill the remaining columns where the numbers are.
    data_cols = sorted({c for row in data for c in row.numeric_cols} - set(found))
    missing = [k for k in T3_COLUMNS if k not in found.values()]
    if len(data_cols) != len(missing):
        return {}
    filled = dict(found)
    filled.update(zip(data_cols, missing, strict=True))
    ordered = [filled[c] for c in sorted(filled)]
    if set(ordered) != set(T3_COLUMNS):
        return {}
    return filled


def _t4_map(headers: list[_Row]) -> dict[int, str]:
    groups: dict[int, str] = {}
    subs: dict[int, str] = {}
    for row in headers:
        for col, cell in enumerate(row.cells):
            group = header_key(cell.text, m.T4_GROUP_PHRASES)
            if group is not None:
                groups[col] = group
            sub = header_key(cell.text, m.T4_CELL_PHRASES)
            if sub is not None:
                subs[col] = sub
    pairs = {col: f"{groups[col]}.{subs[col]}" for col in subs if col in groups}
    if sorted(pairs.values()) == sorted(T4_ROW_CELLS):
        return pairs
    # Table 4 printed as two tables (行政复议, then 行政诉讼): each names whole groups.
    named = sorted(pairs.values())
    whole = sorted(
        f"{g}.{c}" for g in {key.split(".")[0] for key in named} for c in T4_CELLS
    )
    return pairs if named and named == whole else {}


def _by_map(row: _Row, mapping: dict[int, str]) -> dict[str, str] | None:
    cols = row.numeric_cols
    if not mapping or any(c not in mapping for c in cols):
        return None
    if cols and min(mapping) < row.label_end:
        return None
    out = {}
    for col, key in mapping.items():
        cell = row.cells[col] if col < len(row.cells) else GridCell("")
        out[key] = cell.text if cell.origin else ""
    return out


ITEM_NUMBER_HEADERS = frozenset({"序号", "编号"})


def _without_item_numbers(grid: list[list[GridCell]]) -> list[list[GridCell]]:
    """The rows without the columns headed 序号: item numbers are not values (in a row
    without a label they would be read as its first cell)."""
    drop: set[int] = set()
    for cells in grid:
        if any(c.origin and is_number_text(c.text) for c in cells):
            continue
        drop |= {
            i for i, c in enumerate(cells) if m.norm(c.text) in ITEM_NUMBER_HEADERS
        }
    if not drop:
        return grid
    out = []
    for cells in grid:
        kept: list[GridCell] = []
        for i, cell in enumerate(cells):
            if i in drop:
                continue
            if not cell.origin and i - 1 in drop:
                before = cells[i - 1]
                if before.origin and before.text == cell.text:
                    cell = GridCell(cell.text)  # the merged cell started in the column
            kept.append(cell)
        out.append(kept)
    return out


class _TableReader:
    def __init__(self, result: GridResult, deadline: Deadline | None) -> None:
        self.result = result
        self.deadline = deadline
        self.context: str | None = None

    def read(self, table: Table, position: int) -> None:
        rows = [_row(cells) for cells in _without_item_numbers(table.rows)]
        headers = [r for r in rows if _is_header(r)]
        self._legacy(rows)
        keyed = [(r, m.t3_row_key(r.label)) for r in rows]
        if any(key for _, key in keyed) or self._has_t3_header(headers):
            self.context = "table3"
        t3_map = _t3_map(headers, [r for r, key in keyed if key])
        t4_map = _t4_map(headers)
        if t4_map or self._has_t4_header(headers):
            self.context = "table4"
        t2_header: dict[int, str] = {}
        for index, row in enumerate(rows):
            if _is_header(row) and not row.label:
                continue
            if _is_header(row):
                found = _column_map([row], T2_CELL_HEADER_PHRASES)
                if found:
                    t2_header = found
            self._row(
                row,
                keyed[index][1],
                position * 10000 + index,
                t3_map,
                t4_map,
                t2_header,
            )

    def _has_t3_header(self, headers: list[_Row]) -> bool:
        return len(_column_map(headers, m.T3_COLUMN_PHRASES)) >= 4

    def _has_t4_header(self, headers: list[_Row]) -> bool:
        text = "".join(r.label for r in headers)
        return "行政复议" in text and ("行政诉讼" in text or "起诉" in text)

    def _legacy(self, rows: list[_Row]) -> None:
        for row in rows:
            for cell in row.cells:
                if cell.origin and cell.text.strip():
                    for label in m.legacy_labels_in(m.norm(cell.text)):
                        if label not in self.result.legacy:
                            self.result.legacy.append(label)

    def _row(
        self,
        row: _Row,
        t3_key: str | None,
        position: int,
        t3_map: dict[int, str],
        t4_map: dict[int, str],
        t2_header: dict[int, str],
    ) -> None:
        if t3_key:
            self._t3(row, t3_key, position, t3_map)
            return
        legacy_row = m.t3_legacy_row(row.label)
        if legacy_row and row.numeric_cols:
            if legacy_row not in self.result.legacy:
                self.result.legacy.append(legacy_row)
            return
        t2_key = m.t2_row_key(row.label) if row.label else None
        if t2_key and self.context != "table4":
            self._t2(row, t2_key, t2_header)
            return
        group = m.match_key(row.label, m.T4_GROUP_PHRASES) if row.label else None
        if group and self.context == "table4" and _has_t4_values(row):
            tokens = tokens_of(row.value_texts())
            self.result.add(
                read_tokens("table4", group, T4_CELLS, tokens, deadline=self.deadline)
            )
            return
        if not row.label and row.numeric_cols:
            self._unlabelled(row, position, t4_map)

    def _t3(self, row: _Row, key: str, position: int, t3_map: dict[int, str]) -> None:
        self.context = "table3"
        self.result.t3_labelled.append((position, key))
        by_cell = _by_map(row, t3_map)
        if by_cell is not None:
            reading = mapped_reading("table3", key, T3_COLUMNS, by_cell)
        else:
            tokens = tokens_of(row.value_texts())
            reading = read_tokens(
                "table3", key, T3_COLUMNS, tokens, deadline=self.deadline
            )
        self.result.add(reading)

    def _t2(self, row: _Row, key: str, header: dict[int, str]) -> None:
        cells = T2_ROWS[key]
        # Under a 2019-format header, columns with no 2021 counterpart ("-") are read
        # as nothing: the row's 2021 cells they would hold stay blank.
        mapping = {c: k for c, k in header.items() if k in cells or k == "-"}
        by_cell = _by_map(row, mapping) if mapping else None
        if by_cell is not None:
            reading = mapped_reading("table2", key, cells, by_cell)
        else:
            tokens = tokens_of(row.value_texts())
            reading = read_tokens("table2", key, cells, tokens, deadline=self.deadline)
        self.result.add(reading)

    def _unlabelled(self, row: _Row, position: int, t4_map: dict[int, str]) -> None:
        tokens = tokens_of(row.value_texts())
        if self.context == "table3":
            self.result.t3_unlabelled.append((position, tokens))
        elif self.context == "table4":
            by_cell = _by_map(row, t4_map)
            if by_cell is not None and len(t4_map) < len(T4_ROW_CELLS):
                # a table of some groups only (table 4 printed as two tables)
                self._t4_groups(by_cell)
                return
            if by_cell is not None:
                reading = mapped_reading("table4", "*", T4_ROW_CELLS, by_cell)
            elif t4_map and len(tokens) > T4_WIDTH:
                # more numbers than the header has columns (item numbers without a
                # 序号 header): which of them are the table's cells is not known
                reading = RowReading("table4", "*", T4_ROW_CELLS, None)
            else:
                reading = read_tokens(
                    "table4", "*", T4_ROW_CELLS, tokens, deadline=self.deadline
                )
            if "table4.*" not in self.result.readings and len(tokens) <= T4_WIDTH + 2:
                self.result.add(reading)

    def _t4_groups(self, by_cell: dict[str, str]) -> None:
        for group in T4_GROUPS:
            keys = [f"{group}.{c}" for c in T4_CELLS]
            if all(key in by_cell for key in keys):
                texts = {c: by_cell[k] for c, k in zip(T4_CELLS, keys, strict=True)}
                self.result.add(mapped_reading("table4", group, T4_CELLS, texts))

    def text(self, text: str) -> None:
        normed = m.norm(text)
        if "收到和处理政府信息公开申请" in normed or "申请人情况" in normed:
            self.context = "table3"
        elif "行政复议" in normed and "行政诉讼" in normed:
            self.context = "table4"
        elif "主动公开政府信息情况" in normed or "第二十条" in normed:
            self.context = "table2"
        elif "主要问题" in normed or "其他需要报告" in normed:
            self.context = None


def read_grids(document: Document, *, deadline: Deadline | None = None) -> GridResult:
    """Row readings of tables 2–4 from every grid of the document."""
    result = GridResult()
    reader = _TableReader(result, deadline)
    for position, block in enumerate(document.blocks):
        if block.table is None:
            reader.text(block.text)
        else:
            reader.read(block.table, position)
    return result


__all__ = ["GridResult", "read_grids", "cells_of"]
