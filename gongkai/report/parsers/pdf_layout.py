"""Page geometry to blocks: ruling lines to table grids, characters to cells and lines.

Works on plain numbers (top-down page coordinates), independent of the PDF library.
A table is a connected set of horizontal and vertical rules; its grid is cut at every
rule, and neighbouring grid cells with no rule between them form one merged cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .ir import Block, GridCell, Table
from .text import lines_to_blocks

TOL = 2.0  # points: rules closer than this are one rule; gaps smaller are joined
MIN_BAND = 3.0  # points: thinner rows or columns are double rules, not cells


@dataclass(frozen=True, slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal (``vertical=False``: at y ``at`` from ``start`` to ``end`` in x) or
    vertical rule."""

    vertical: bool
    at: float
    start: float
    end: float


def merge_rules(rules: list[Rule]) -> list[Rule]:
    """Join collinear rules that touch or overlap (borders drawn cell by cell)."""
    out: list[Rule] = []
    for vertical in (False, True):
        same = sorted(
            (r for r in rules if r.vertical == vertical), key=lambda r: (r.at, r.start)
        )
        groups: list[list[Rule]] = []
        for rule in same:
            if groups and abs(groups[-1][0].at - rule.at) <= TOL:
                groups[-1].append(rule)
            else:
                groups.append([rule])
        for group in groups:
            at = sum(r.at for r in group) / len(group)
            spans = sorted((r.start, r.end) for r in group)
            start, end = spans[0]
            for s, e in spans[1:]:
                if s <= end + TOL:
                    end = max(end, e)
                else:
                    out.append(Rule(vertical, at, start, end))
                    start, end = s, e
            out.append(Rule(vertical, at, start, end))
    return out


def _touch(h: Rule, v: Rule) -> bool:
    return h.start - TOL <= v.at <= h.end + TOL and v.start - TOL <= h.at <= v.end + TOL


def rule_groups(rules: list[Rule]) -> list[list[Rule]]:
    """Connected sets of crossing rules: one per table."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if not r.vertical]
    vs = [i for i, r in enumerate(rules) if r.vertical]
    for i in hs:
        for j in vs:
            if _touch(rules[i], rules[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    return [
        g
        for g in groups.values()
        if sum(r.vertical for r in g) >= 2 and sum(not r.vertical for r in g) >= 2
    ]


def _cuts(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > MIN_BAND:
            out.append(value)
    return out


def _covered(rules: list[Rule], at: float, point: float) -> bool:
    return any(
        abs(r.at - at) <= TOL and r.start - TOL <= point <= r.end + TOL for r in rules
    )


class _Grid:
    def __init__(self, group: list[Rule]) -> None:
        self.hs = [r for r in group if not r.vertical]
        self.vs = [r for r in group if r.vertical]
        self.ys = _cuts([r.at for r in self.hs])
        self.xs = _cuts([r.at for r in self.vs])
        rows, cols = len(self.ys) - 1, len(self.xs) - 1
        self.region = [[i * cols + j for j in range(cols)] for i in range(rows)]
        self.rows, self.cols = rows, cols
        self._merge()

    def _find(self, cell: int) -> int:
        i, j = divmod(cell, self.cols)
        while self.region[i][j] != cell:
            cell = self.region[i][j]
            i, j = divmod(cell, self.cols)
        return cell

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            low, high = min(ra, rb), max(ra, rb)
            i, j = divmod(high, self.cols)
            self.region[i][j] = low

    def _merge(self) -> None:
        for i in range(self.rows):
            mid_y = (self.ys[i] + self.ys[i + 1]) / 2
            for j in range(self.cols):
                mid_x = (self.xs[j] + self.xs[j + 1]) / 2
                here = i * self.cols + j
                if j + 1 < self.cols and not _covered(self.vs, self.xs[j + 1], mid_y):
                    self._union(here, here + 1)
                if i + 1 < self.rows and not _covered(self.hs, self.ys[i + 1], mid_x):
                    self._union(here, here + self.cols)

    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def locate(self, char: Char) -> int | None:
        if not (
            self.xs[0] <= char.cx <= self.xs[-1]
            and self.ys[0] <= char.cy <= self.ys[-1]
        ):
            return None
        i = _band(self.ys, char.cy)
        j = _band(self.xs, char.cx)
        return self._find(i * self.cols + j)

    def table(self, texts: dict[int, str]) -> Table:
        rows = []
        for i in range(self.rows):
            row = []
            for j in range(self.cols):
                region = self._find(i * self.cols + j)
                row.append(GridCell(texts.get(region, ""), region == i * self.cols + j))
            rows.append(row)
        return Table(rows)


def _band(cuts: list[float], value: float) -> int:
    for k in range(len(cuts) - 1):
        if value <= cuts[k + 1]:
            return k
    return len(cuts) - 2


def text_lines(chars: list[Char]) -> list[tuple[float, str]]:
    """Characters to lines (top, text), spaces where the gap is wide."""
    lines: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c.top, c.x0)):
        height = max(char.bottom - char.top, 1.0)
        if lines and abs(lines[-1][0].cy - char.cy) <= height * 0.5:
            lines[-1].append(char)
        else:
            lines.append([char])
    out = []
    for line in lines:
        line.sort(key=lambda c: c.x0)
        parts = [line[0].text]
        for prev, char in zip(line, line[1:], strict=False):
            gap = char.x0 - prev.x1
            if gap > max(prev.bottom - prev.top, 1.0) * 0.6:
                parts.append(" ")
            parts.append(char.text)
        out.append((min(c.top for c in line), "".join(parts)))
    return out


_PAGE_NUMBER = re.compile(
    r"^(?:-\s*\d{1,4}\s*-|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)


def _page_number(top: float, text: str, height: float) -> bool:
    """A page number in the top or bottom margin (not part of the report's text)."""
    in_margin = top < height * 0.08 or top > height * 0.88
    return in_margin and bool(_PAGE_NUMBER.match(text.strip()))


def page_blocks(
    chars: list[Char], rules: list[Rule], height: float = 0.0
) -> list[Block]:
    """Blocks of one page in reading order: tables where rules form grids, text lines
    elsewhere (page numbers in the margins left out)."""
    grids = [_Grid(g) for g in rule_groups(merge_rules(rules))]
    grids = [g for g in grids if g.rows >= 1 and g.cols >= 1]
    in_cells: list[dict[int, list[Char]]] = [{} for _ in grids]
    outside: list[Char] = []
    for char in chars:
        for k, grid in enumerate(grids):
            region = grid.locate(char)
            if region is not None:
                in_cells[k].setdefault(region, []).append(char)
                break
        else:
            outside.append(char)
    items: list[tuple[float, int, list[Block]]] = []
    for k, grid in enumerate(grids):
        texts = {
            region: " ".join(t for _, t in text_lines(cs))
            for region, cs in in_cells[k].items()
        }
        items.append((grid.bbox()[1], 0, [Block(table=grid.table(texts))]))
    for top, line in text_lines(outside):
        if height and _page_number(top, line, height):
            continue
        items.append((top, 1, lines_to_blocks([line])))
    items.sort(key=lambda item: (item[0], item[1]))
    return [block for _, _, blocks in items for block in blocks]
