"""Reading tables from running text whose cell boundaries were lost.

Web pages copied as text put a whole table on one line: ``…予以公开270020130（二）部分公开…``.
The scanner finds the row labels in the format's order and takes the number run after
each label, up to the next label. A run may stand for several cells (glued digits);
``rows.read_tokens`` enumerates its readings and the identities pick between them later.
The item number of the next label (the ``2`` of ``2.其他法律…``) is not a digit of the
run and is cut off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import T2_ROWS, T3_COLUMNS, T3_ROWS
from . import matching as m
from .errors import Deadline
from .rows import T4_WIDTH, RowReading, read_tokens

MAX_LABEL_TAIL = 40
MAX_T4_HEADER = 300

# Extra flat-text forms for rows whose key phrase is a bare word.
_FLAT_PATTERNS: dict[str, tuple[str, ...]] = {
    "other_other": (
        r"\d[.、]其他(?!处理|法律|结果|组织|需要)",
        r"其他(?!处理|法律|结果|组织|需要)",
    ),
    "processed_total": (r"\(七\)总计", r"七[)、]总计", r"总计"),
}
_RUN = re.compile(r"-?\d+(?:\.\d+)?(?:\s+-?\d+(?:\.\d+)?)*")
_STOP_TAIL = re.compile(r"[。；;!?！？]")
_T4_START = re.compile(r"行政复议|行政法复议")


@dataclass
class FlatResult:
    readings: dict[str, RowReading] = field(default_factory=dict)
    legacy: list[str] = field(default_factory=list)


def _patterns(table: str, key: str) -> list[re.Pattern[str]]:
    if key in _FLAT_PATTERNS:
        return [re.compile(p) for p in _FLAT_PATTERNS[key]]
    phrases = m.T3_ROW_PHRASES[key] if table == "table3" else m.T2_ROW_PHRASES[key]
    return [re.compile(re.escape(p)) for p in phrases]


_PATTERN_CACHE: dict[tuple[str, str], list[re.Pattern[str]]] = {}


def _find(
    flat: str, table: str, key: str, start: int, end: int
) -> tuple[int, int] | None:
    patterns = _PATTERN_CACHE.setdefault((table, key), _patterns(table, key))
    for pattern in patterns:
        found = pattern.search(flat, start, end)
        if found:
            return found.span()
    return None


def _tokens(segment: str) -> list[str]:
    """The value tokens at the start of the text that follows a label."""
    tail = 0
    while tail < len(segment) and not (
        segment[tail].isdigit()
        or (segment[tail] == "-" and segment[tail + 1 : tail + 2].isdigit())
    ):
        tail += 1
    if tail > MAX_LABEL_TAIL or _STOP_TAIL.search(segment[:tail]):
        return []
    run = _RUN.match(segment, tail)
    if not run:
        return []
    tokens = run.group().split()
    after = segment[run.end() : run.end() + 2]
    # "…00000002.其他法律…": the 2 is the next label's item number.
    if after[:1] in (".", "、") and not after[1:2].isdigit():
        last = tokens[-1]
        tokens[-1] = last[:-1]
        if not tokens[-1] or tokens[-1] == "-":
            tokens.pop()
    return tokens


def _scan_rows(
    flat: str,
    table: str,
    keys: tuple[str, ...],
    start: int,
    end: int,
) -> tuple[list[tuple[str, int, int]], int]:
    """(key, label start, label end) of the labels found in order, and where the last ends."""
    found: list[tuple[str, int, int]] = []
    cursor = start
    for key in keys:
        span = _find(flat, table, key, cursor, end)
        if span is None:
            continue
        found.append((key, span[0], span[1]))
        cursor = span[1]
    return found, cursor


def _read_rows(
    flat: str,
    table: str,
    found: list[tuple[str, int, int]],
    end: int,
    wanted: set[str],
    result: FlatResult,
    deadline: Deadline | None,
) -> None:
    for i, (key, _, label_end) in enumerate(found):
        if f"{table}.{key}" not in wanted:
            continue
        stop = found[i + 1][1] if i + 1 < len(found) else end
        tokens = _tokens(flat[label_end:stop])
        if not tokens:
            continue
        cells = T2_ROWS[key] if table == "table2" else T3_COLUMNS
        digits = sum(len(t.replace("-", "").replace(".", "")) for t in tokens)
        if digits < len(cells):
            continue  # a mention in the text, not a table row
        reading = read_tokens(table, key, cells, tokens, deadline=deadline)
        result.readings[reading.row_path] = reading


def _t4(flat: str, start: int, result: FlatResult, deadline: Deadline | None) -> None:
    head = _T4_START.search(flat, start)
    if head is None:
        return
    digit = re.compile(r"\d").search(flat, head.end(), head.end() + MAX_T4_HEADER)
    if digit is None or _STOP_TAIL.search(flat, head.end(), digit.start()):
        return
    run = _RUN.match(flat, digit.start())
    if run is None:
        return
    tokens = run.group().split()
    digits = sum(len(t) for t in tokens)
    if digits < T4_WIDTH:
        return
    from .grid import T4_ROW_CELLS

    reading = read_tokens("table4", "*", T4_ROW_CELLS, tokens, deadline=deadline)
    result.readings["table4.*"] = reading


def scan_flat(
    text: str, wanted: set[str], *, deadline: Deadline | None = None
) -> FlatResult:
    """Row readings for the ``wanted`` row paths (and ``"table4.*"``) found in ``text``."""
    flat = m.norm_flat(text)
    result = FlatResult()
    t3_start = flat.find("本年新收")
    t2_start = min(
        (
            i
            for i in (flat.find("第二十条"), flat.find("主动公开政府信息情况"))
            if i != -1
        ),
        default=-1,
    )
    if t2_start != -1:
        t2_end = t3_start if t3_start > t2_start else len(flat)
        found, _ = _scan_rows(flat, "table2", tuple(T2_ROWS), t2_start, t2_end)
        _read_rows(flat, "table2", found, t2_end, wanted, result, deadline)
        region = flat[t2_start:t2_end].replace(" ", "")
        result.legacy.extend(m.legacy_labels_in(region))
    t3_end = 0
    if t3_start != -1:
        found, t3_end = _scan_rows(flat, "table3", T3_ROWS, t3_start, len(flat))
        end = _T4_START.search(flat, t3_end)
        stop = end.start() if end else len(flat)
        _read_rows(flat, "table3", found, stop, wanted, result, deadline)
    if "table4.*" in wanted:
        _t4(flat, t3_end, result, deadline)
    return result
