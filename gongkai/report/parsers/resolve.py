"""From row readings to cell values, using the tables' identities where a row has several
readings. A cell gets a value only when all consistent readings agree on it; otherwise it
stays blank and is listed in ``Report.uncertain``. Values deduced rather than read
(glued digits, rows placed by their position) are listed in ``Report.inferred``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import (
    T2_FEE_CELL,
    T2_ROWS,
    T3_COLUMNS,
    T3_OUTCOME_ROWS,
    T3_ROWS,
    T4_CELLS,
    T4_GROUPS,
    Report,
)
from .errors import Deadline
from .glued import Identity, Reading, Value, solve
from .grid import T4_ROW_CELLS, GridResult
from .rows import RowReading, read_tokens

T3_INDEX = {key: i for i, key in enumerate(T3_ROWS)}


@dataclass
class Resolution:
    """Cell values and, for the cells left blank, the readings that competed."""

    values: dict[str, Value] = field(default_factory=dict)
    inferred: list[str] = field(default_factory=list)
    uncertain: dict[str, list[Value]] = field(default_factory=dict)
    missing_rows: list[str] = field(default_factory=list)


def place_unlabelled(grid: GridResult, deadline: Deadline | None) -> list[RowReading]:
    """Give table 3 rows that lost their label the row keys missing between their
    labelled neighbours, in order, when the numbers match exactly (and never when the
    labelled rows themselves are out of the format's order)."""
    seen: dict[str, int] = {}
    for position, key in grid.t3_labelled:
        seen.setdefault(key, position)
    anchors = sorted((pos, T3_INDEX[key]) for key, pos in seen.items())
    if [i for _, i in anchors] != sorted(i for _, i in anchors) or not anchors:
        return []
    anchors.append((10**12, len(T3_ROWS)))
    placed: list[RowReading] = []
    for (low_pos, low_i), (high_pos, high_i) in zip(anchors, anchors[1:], strict=False):
        gap = [tokens for pos, tokens in grid.t3_unlabelled if low_pos < pos < high_pos]
        missing = [
            T3_ROWS[j] for j in range(low_i + 1, high_i) if T3_ROWS[j] not in seen
        ]
        if not gap or len(gap) != len(missing):
            continue
        for key, tokens in zip(missing, gap, strict=True):
            reading = read_tokens("table3", key, T3_COLUMNS, tokens, deadline=deadline)
            reading.positional = True
            placed.append(reading)
    return placed


def _t3_identities() -> list[Identity]:
    out = []
    for i, _ in enumerate(T3_COLUMNS):
        out.append(
            Identity(
                (
                    ("new_received", i, 1),
                    ("carried_over", i, 1),
                    ("processed_total", i, -1),
                    ("carried_forward", i, -1),
                )
            )
        )
        terms = [(row, i, 1) for row in T3_OUTCOME_ROWS]
        out.append(Identity((*terms, ("processed_total", i, -1))))
    last = len(T3_COLUMNS) - 1
    for row in T3_ROWS:
        terms = [(row, i, 1) for i in range(last)]
        out.append(Identity((*terms, (row, last, -1))))
    return out


def _t4_identities(rows: Iterable[str]) -> list[Identity]:
    out = []
    width = len(T4_CELLS)
    for row in rows:
        groups = len(T4_GROUPS) if row == "*" else 1
        for g in range(groups):
            base = g * width
            terms = [(row, base + i, 1) for i in range(width - 1)]
            out.append(Identity((*terms, (row, base + width - 1, -1))))
    return out


def _options(reading: RowReading) -> list[Reading] | None:
    """Readings to try; the unfiltered ones when the row identity excluded them all."""
    if reading.candidates:
        return reading.candidates
    if reading.raw:
        return reading.raw
    return None


def _settle(
    table_readings: dict[str, RowReading],
    identities: list[Identity],
    paths: dict[str, list[str]],
    out: Resolution,
    deadline: Deadline | None,
) -> None:
    """Solve one table and write its values into ``out``."""
    candidates = {}
    for row, reading in table_readings.items():
        options = _options(reading)
        if options:
            candidates[row] = options
    solution = solve(candidates, identities, deadline=deadline)
    consistent = solution.rows is not None and all(solution.rows.values())
    for row, reading in table_readings.items():
        options = candidates.get(row)
        if consistent and solution.rows is not None and row in solution.rows:
            options = solution.rows[row]
        _write_row(reading, options, paths[row], out)


def _write_row(
    reading: RowReading,
    options: list[Reading] | None,
    paths: list[str],
    out: Resolution,
) -> None:
    deduced = reading.glued or reading.positional
    for i, path in enumerate(paths):
        if options is None or i in reading.unreadable:
            out.values[path] = None
            out.uncertain[path] = []
            continue
        seen = list(dict.fromkeys(option[i] for option in options))
        if len(seen) == 1:
            out.values[path] = seen[0]
            if deduced and seen[0] is not None:
                out.inferred.append(path)
        else:
            out.values[path] = None
            out.uncertain[path] = seen


def resolve(
    readings: dict[str, RowReading], *, deadline: Deadline | None = None
) -> Resolution:
    """Cell values for every table from the row readings (keys are row paths)."""
    out = Resolution()
    t3 = {p.split(".")[1]: r for p, r in readings.items() if p.startswith("table3.")}
    t3_paths = {row: [f"table3.{row}.{c}" for c in T3_COLUMNS] for row in t3}
    _settle(t3, _t3_identities(), t3_paths, out, deadline)
    for row in T3_ROWS:
        if row not in t3:
            out.missing_rows.append(f"table3.{row}")
    t4 = {p.split(".")[1]: r for p, r in readings.items() if p.startswith("table4.")}
    if "*" in t4:
        t4 = {"*": t4["*"]}
    t4_paths = {
        row: [f"table4.{c}" for c in T4_ROW_CELLS]
        if row == "*"
        else [f"table4.{row}.{c}" for c in T4_CELLS]
        for row in t4
    }
    _settle(t4, _t4_identities(t4), t4_paths, out, deadline)
    if "*" not in t4:
        out.missing_rows += [f"table4.{g}" for g in T4_GROUPS if g not in t4]
    for row, cells in T2_ROWS.items():
        reading = readings.get(f"table2.{row}")
        if reading is None:
            out.missing_rows.append(f"table2.{row}")
            continue
        paths = [f"table2.{row}.{c}" for c in cells]
        _write_row(reading, _options(reading), paths, out)
    return out


def apply(report: Report, resolution: Resolution) -> None:
    """Write a resolution into a report."""
    for path, value in resolution.values.items():
        if path == T2_FEE_CELL and isinstance(value, int):
            value = Decimal(value)
        report.set_cell(path, value)
    report.inferred = list(dict.fromkeys(resolution.inferred))
    report.uncertain = list(resolution.uncertain)
    report.missing_rows = list(resolution.missing_rows)
