"""Recovering cells whose boundaries were lost: ``640020470`` is 64, 0, 0, 2, 0, 4, 70.

Text copied from a web page often loses the separators between table cells. A run of
digits then stands for several cells; the possible *readings* are the ways to cut it
into that many numbers (no number but 0 itself starts with 0). The tables' own
identities (row totals, the column balance, outcome totals, table 4's group totals)
decide between readings. A cell takes a value only when every reading that satisfies
the identities gives it the same value; otherwise it is left blank and reported as
uncertain. Nothing here ever picks one of several readings.

Both searches are bounded (number of readings, search nodes, a time budget), so no input
can make them run away; a search that hits a bound answers "too many readings".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .errors import Deadline, DeadlineExceeded

Value = int | Decimal | None
Reading = tuple[Value, ...]

MAX_CELL_DIGITS = 7  # no count in an annual report has more than 7 digits
MAX_READINGS = 20000
MAX_NODES = 200000

_DIGITS = re.compile(r"\d+")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}\b)")
_UNITS = re.compile(r"(?:件|个|项|条|次|人|万元|元|份|宗|起)$")
BLANK_MARKS = frozenset({"", "-", "—", "——", "－", "/", "／", "无", "空", "\\"})
# The Chinese numeral zero, printed by some agencies instead of 0.
ZERO_MARKS = frozenset({"〇", "零"})


class NotANumber(ValueError):
    """A value cell holds text that is not a number."""


def parse_cell(text: str) -> Value:
    """One printed cell: ``None`` for blank (or a dash), else an int or a Decimal.

    Raises :class:`NotANumber` for anything else.
    """
    ok, value = _parse(text)
    if not ok:
        raise NotANumber(text)
    return value


@lru_cache(maxsize=16384)
def _parse(text: str) -> tuple[bool, Value]:
    cleaned = _UNITS.sub("", text.strip().replace(" ", "").replace("\u3000", ""))
    cleaned = _THOUSANDS.sub("", cleaned)
    if cleaned in BLANK_MARKS:
        return True, None
    if cleaned in ZERO_MARKS:
        return True, 0
    if not _NUMBER.fullmatch(cleaned):
        return False, None
    if "." in cleaned:
        try:
            return True, Decimal(cleaned)
        except InvalidOperation:  # pragma: no cover - the regex rules it out
            return False, None
    return True, int(cleaned)


def is_number_text(text: str) -> bool:
    ok, value = _parse(text)
    return ok and value is not None


def is_blank_text(text: str) -> bool:
    ok, value = _parse(text)
    return ok and value is None


@dataclass
class _Search:
    tokens: Sequence[str]
    k: int
    accept: Callable[[Reading], bool] | None
    deadline: Deadline | None
    limit: int
    nodes: int = 0
    found: list[Reading] = field(default_factory=list)

    def capacity(self, ti: int, pos: int) -> tuple[int, int]:
        """Fewest and most cells tokens[ti:] (from ``pos`` in token ti) can give."""
        low = high = 0
        for i in range(ti, len(self.tokens)):
            token = self.tokens[i]
            if _DIGITS.fullmatch(token):
                rest = len(token) - (pos if i == ti else 0)
                low += 1 if rest else 0
                high += rest
            else:
                low += 1
                high += 1
        return low, high

    def run(self, ti: int, pos: int, cells: list[Value]) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES or len(self.found) > self.limit:
            raise _TooMany
        if self.nodes % 512 == 0 and self.deadline is not None:
            self.deadline.check()
        if cells and self.accept is not None and not self.accept(tuple(cells)):
            return
        if ti == len(self.tokens):
            if len(cells) == self.k:
                self.found.append(tuple(cells))
            return
        low, high = self.capacity(ti, pos)
        if len(cells) + low > self.k or len(cells) + high < self.k:
            return
        token = self.tokens[ti]
        if not _DIGITS.fullmatch(token):
            self.run(ti + 1, 0, [*cells, parse_cell(token)])
            return
        rest = len(token) - pos
        longest = 1 if token[pos] == "0" else min(MAX_CELL_DIGITS, rest)
        for length in range(1, longest + 1):
            value = int(token[pos : pos + length])
            if pos + length == len(token):
                self.run(ti + 1, 0, [*cells, value])
            else:
                self.run(ti, pos + length, [*cells, value])


class _TooMany(Exception):
    pass


def readings(
    tokens: Sequence[str],
    k: int,
    *,
    accept: Callable[[Reading], bool] | None = None,
    deadline: Deadline | None = None,
    limit: int = MAX_READINGS,
) -> list[Reading] | None:
    """Every way to read ``tokens`` as ``k`` cells, or ``None`` when there are too many.

    A token is a run of digits (it may stand for several cells), a number with a sign or
    a decimal point, or a blank mark (one cell each). ``accept(prefix)`` is called on
    every prefix of a reading and prunes the prefixes it rejects, so an identity can cut
    the search early. Raises :class:`NotANumber` for a token that is not a number.
    """
    for token in tokens:
        if not _DIGITS.fullmatch(token):
            parse_cell(token)  # raises NotANumber early
    search = _Search(tokens, k, accept, deadline, limit)
    try:
        search.run(0, 0, [])
    except (_TooMany, DeadlineExceeded):
        return None
    return list(dict.fromkeys(search.found))


# ---------------------------------------------------------------- joint solving
Term = tuple[str, int, int]  # (row key, cell index, coefficient)


@dataclass(frozen=True)
class Identity:
    """``sum(coefficient × cell) == 0`` over the terms; skipped when a cell is blank."""

    terms: tuple[Term, ...]

    def rows(self) -> set[str]:
        return {row for row, _, _ in self.terms}

    def holds(self, values: dict[str, Reading]) -> bool:
        total: int | Decimal = 0
        for row, index, coefficient in self.terms:
            value = values[row][index]
            if value is None:
                return True
            total += coefficient * value
        return total == 0


@dataclass
class Solution:
    """Per row, the readings that occur in at least one consistent whole-table reading
    (``None`` when the search gave up)."""

    rows: dict[str, list[Reading]] | None

    def cell_values(self, row: str) -> list[set[Value]] | None:
        if self.rows is None:
            return None
        options = self.rows[row]
        if not options:
            return None
        return [{reading[i] for reading in options} for i in range(len(options[0]))]


class _Solver:
    """Backtracking over the rows with several readings, checking each identity as soon
    as the last of its rows is assigned."""

    def __init__(
        self,
        candidates: dict[str, list[Reading]],
        identities: Sequence[Identity],
        deadline: Deadline | None,
        max_nodes: int,
    ) -> None:
        self.candidates = candidates
        self.order = sorted(candidates, key=lambda row: len(candidates[row]))
        position = {row: i for i, row in enumerate(self.order)}
        self.due: dict[int, list[Identity]] = {}
        for identity in identities:
            rows = identity.rows()
            if rows <= set(candidates):
                last = max(position[r] for r in rows)
                self.due.setdefault(last, []).append(identity)
        self.deadline = deadline
        self.max_nodes = max_nodes
        self.nodes = 0
        self.assigned: dict[str, Reading] = {}
        self.used: dict[str, set[Reading]] = {row: set() for row in self.order}

    def walk(self, i: int) -> None:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise _TooMany
        if self.deadline is not None and self.nodes % 256 == 0:
            self.deadline.check()
        if i == len(self.order):
            for row, reading in self.assigned.items():
                self.used[row].add(reading)
            return
        row = self.order[i]
        for reading in self.candidates[row]:
            self.assigned[row] = reading
            if all(identity.holds(self.assigned) for identity in self.due.get(i, ())):
                self.walk(i + 1)
        del self.assigned[row]


def solve(
    candidates: dict[str, list[Reading]],
    identities: Sequence[Identity],
    *,
    deadline: Deadline | None = None,
    max_nodes: int = MAX_NODES,
) -> Solution:
    """Find which readings of each row are consistent with all the identities.

    ``candidates`` maps every row that takes part to its readings (rows read cleanly
    have one). Returns, per row, the readings used by at least one whole-table solution;
    an empty list for every row when no combination satisfies the identities.
    """
    solver = _Solver(candidates, identities, deadline, max_nodes)
    try:
        solver.walk(0)
    except (_TooMany, DeadlineExceeded):
        return Solution(None)
    return Solution(
        {row: sorted(solver.used[row], key=_sort_key) for row in solver.order}
    )


def _sort_key(reading: Reading) -> tuple[tuple[int, Decimal], ...]:
    return tuple((0, Decimal(0)) if v is None else (1, Decimal(v)) for v in reading)
