"""Reading tables from running text whose cell boundaries were lost.

Web pages copied as text put a whole table on one line: ``…予以公开270020130（二）部分公开…``.
The scanner finds the row labels in the format's order and takes the number run after
each label, up to the next label. A run may stand for several cells (glued digits);
``rows.read_tokens`` enumerates its readings and the identities pick between them later.
The item number of the next label (the ``2`` of ``2.其他法律…``) is not a digit of the
run and is cut off.
"""

from __future__ import annotations

import bisect
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
# A run of cells: numbers, and blank marks standing alone between spaces (一 — 12 — 3).
_NUM = r"-?\d+(?:\.\d+)?"
_MARK = r"(?<!\S)(?:—+|-+|/|\\|无)(?!\S)"
_RUN = re.compile(rf"(?:{_NUM}|{_MARK})(?:\s+(?:{_NUM}|{_MARK}))*")
# A blank mark glued to a number: how many cells it stands for is unknown.
_MARK_CHARS = "—-/\\"
_STOP_TAIL = re.compile(r"[。；;!?！？]")
_T4_START = re.compile(r"行政复议|行政法复议")


# Page numbers and running heads between two rows of a table: "— 5 —", "第 5 页 共 8 页".
_PAGE_MARK = re.compile(
    r"\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+"
    r"|第\s*\d{1,4}\s*页\s*[,，/]?\s*(?:共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页)\s*"
)


def without_page_marks(text: str) -> str:
    """The text without lines that are only a page number: their digits would run into
    the numbers of the row before them."""
    return "\n".join(
        line for line in text.split("\n") if not _PAGE_MARK.fullmatch(line)
    )


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
# Numbers standing between spaces inside a label: a cell's label wrapped around the
# line that holds the row's numbers (PDF tables without rules).
_SPACED_RUN = re.compile(rf" (?:(?:{_NUM}|—+|-+|/) )+")


class FlatText:
    """Normalised running text, and the same text with space-separated number runs
    taken out, where labels broken by a line of numbers are whole again."""

    def __init__(self, text: str) -> None:
        self.text = m.norm_flat(text)
        pieces: list[str] = []
        self.index: list[int] = []
        last = 0
        for run in _SPACED_RUN.finditer(self.text):
            pieces.append(self.text[last : run.start()])
            self.index.extend(range(last, run.start()))
            last = run.end()
        pieces.append(self.text[last:])
        self.index.extend(range(last, len(self.text)))
        self.compact = "".join(pieces)

    def find(
        self, table: str, key: str, start: int, end: int
    ) -> tuple[int, int] | None:
        """Span (in ``text``) of the row label between ``start`` and ``end``."""
        low = bisect.bisect_left(self.index, start)
        high = bisect.bisect_left(self.index, end)
        patterns = _PATTERN_CACHE.setdefault((table, key), _patterns(table, key))
        found = next(
            (f for p in patterns if (f := p.search(self.compact, low, high))), None
        )
        if found is None and key not in _FLAT_PATTERNS:
            found = _fuzzy(self.compact, table, key, low, high)
        if found is None or found.end() <= found.start():
            return None
        return self.index[found.start()], self.index[found.end() - 1] + 1


def _fuzzy(
    text: str, table: str, key: str, low: int, high: int
) -> re.Match[str] | None:
    phrases = m.T3_ROW_PHRASES[key] if table == "table3" else m.T2_ROW_PHRASES[key]
    for phrase in phrases:
        if len(phrase) >= 4:
            found = m.fuzzy_pattern(phrase).search(text, low, high)
            if found:
                return found
    return None


def _capacity(tokens: list[str]) -> int:
    """The most cells the tokens can stand for: a digit each, a blank mark one."""
    return sum(
        len(t.replace("-", "").replace(".", "")) if any(c.isdigit() for c in t) else 1
        for t in tokens
    )


def _has_digit(run: re.Match[str]) -> bool:
    return any(c.isdigit() for c in run.group())


def _glued_to_mark(text: str, run: re.Match[str]) -> bool:
    """``12——3``, ``12 —3``: next to the run a blank mark that is not a cell of its own
    (it touches a number or a label), so how many cells it stands for is unknown."""
    # (norm_flat leaves at most one space between two characters)
    before = text[max(0, run.start() - 2) : run.start()].rstrip(" ")[-1:]
    after = text[run.end() : run.end() + 2].lstrip(" ")[:1]
    return bool(before and before in _MARK_CHARS) or bool(
        after and after in _MARK_CHARS
    )


def _is_enumerator(text: str, run: re.Match[str]) -> bool:
    """``3`` in ``3.其他``: an item number, not a value."""
    after = text[run.end() : run.end() + 2]
    return (
        len(run.group()) <= 2 and after[:1] in (".", "、") and not after[1:2].isdigit()
    )


def _tokens(text: str, label: tuple[int, int], stop: int) -> list[str]:
    """The value tokens of the row whose label spans ``label``: the first number run
    inside the label (a wrapped label) or right after it, before ``stop``."""
    start, end = label
    for run in _RUN.finditer(text, start, stop):
        if run.start() < end and _is_enumerator(text, run):
            continue
        tail = text[end : run.start()] if run.start() > end else ""
        if len(tail.replace(" ", "")) > MAX_LABEL_TAIL or _STOP_TAIL.search(tail):
            return []
        if _glued_to_mark(text, run):
            return []
        return _strip_next_enumerator(text, run)
    return []


def _strip_next_enumerator(text: str, run: re.Match[str]) -> list[str]:
    tokens = run.group().split()
    after = text[run.end() : run.end() + 2]
    # "…00000002.其他法律…": the 2 is the next label's item number.
    if after[:1] in (".", "、") and not after[1:2].isdigit():
        tokens[-1] = tokens[-1][:-1]
        if not tokens[-1] or tokens[-1] == "-":
            tokens.pop()
    return tokens


def _scan_rows(
    flat: FlatText,
    table: str,
    keys: tuple[str, ...],
    start: int,
    end: int,
) -> tuple[list[tuple[str, int, int]], int]:
    """(key, label start, label end) of the labels found in order, and where the last ends."""
    found: list[tuple[str, int, int]] = []
    cursor = start
    for key in keys:
        span = flat.find(table, key, cursor, end)
        if span is None:
            continue
        found.append((key, span[0], span[1]))
        cursor = span[1]
    return found, cursor


def _value_runs(text: str, start: int, stop: int) -> list[tuple[int, list[str]]]:
    """(position, tokens) of every number run that is not an item number."""
    runs: list[tuple[int, list[str]]] = []
    for run in _RUN.finditer(text, start, stop):
        if not _is_enumerator(text, run):
            if _glued_to_mark(text, run):
                runs.append((run.start(), []))  # a run, but not one to read
                continue
            tokens = _strip_next_enumerator(text, run)
            if tokens:
                runs.append((run.start(), tokens))
    return runs


def _row_tokens(
    text: str, found: list[tuple[str, int, int]], end: int
) -> list[list[str]]:
    """The value tokens of each found row.

    When the region holds exactly one number run per label, label and runs pair off in
    order (a wrapped label may put its run before the label's key phrase). Otherwise
    each label takes the run inside or right after it.
    """
    if not found:
        return []
    runs = _value_runs(text, found[0][1], end)
    if len(runs) == len(found):
        return [tokens for _, tokens in runs]
    out = []
    for i, (_, label_start, label_end) in enumerate(found):
        stop = found[i + 1][1] if i + 1 < len(found) else end
        out.append(_tokens(text, (label_start, label_end), stop))
    return out


def _read_rows(
    flat: FlatText,
    table: str,
    found: list[tuple[str, int, int]],
    end: int,
    wanted: set[str],
    result: FlatResult,
    deadline: Deadline | None,
) -> None:
    for (key, _, _), tokens in zip(
        found, _row_tokens(flat.text, found, end), strict=True
    ):
        if f"{table}.{key}" not in wanted or not tokens:
            continue
        cells = T2_ROWS[key] if table == "table2" else T3_COLUMNS
        if _capacity(tokens) < len(cells):
            continue  # a mention in the text, not a table row
        reading = read_tokens(table, key, cells, tokens, deadline=deadline)
        result.readings[reading.row_path] = reading


def _t4(flat: str, start: int, result: FlatResult, deadline: Deadline | None) -> None:
    head = _T4_START.search(flat, start)
    if head is None:
        return
    run = next(
        (
            r
            for r in _RUN.finditer(flat, head.end(), head.end() + MAX_T4_HEADER)
            if _has_digit(r)
        ),
        None,
    )
    if run is None or _STOP_TAIL.search(flat, head.end(), run.start()):
        return
    if _glued_to_mark(flat, run):
        return
    run = _RUN.match(flat, run.start())
    if run is None:
        return
    tokens = run.group().split()
    if _capacity(tokens) < T4_WIDTH:
        return
    from .grid import T4_ROW_CELLS

    reading = read_tokens("table4", "*", T4_ROW_CELLS, tokens, deadline=deadline)
    result.readings["table4.*"] = reading


def scan_flat(
    text: str, wanted: set[str], *, deadline: Deadline | None = None
) -> FlatResult:
    """Row readings for the ``wanted`` row paths (and ``"table4.*"``) found in ``text``."""
    scanned = FlatText(without_page_marks(text))
    flat = scanned.text
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
        found, _ = _scan_rows(scanned, "table2", tuple(T2_ROWS), t2_start, t2_end)
        _read_rows(scanned, "table2", found, t2_end, wanted, result, deadline)
        region = flat[t2_start:t2_end].replace(" ", "")
        result.legacy.extend(m.legacy_labels_in(region))
    t3_end = 0
    if t3_start != -1:
        found, t3_end = _scan_rows(scanned, "table3", T3_ROWS, t3_start, len(flat))
        end = _T4_START.search(flat, t3_end)
        stop = end.start() if end else len(flat)
        _read_rows(scanned, "table3", found, stop, wanted, result, deadline)
    if "table4.*" in wanted:
        _t4(flat, t3_end, result, deadline)
    return result
