"""Markdown: headings, paragraphs and pipe tables.

Pipe tables cannot merge cells, so the merged headings become table captions (table 2's
第二十条 items), a flattened row label (table 3: "三、本年度办理结果 · （三）不予公开 ·
1.属于国家秘密") or one row per group (table 4).
"""

from __future__ import annotations

from .. import labels as L
from ..model import T2_ROWS, T3_COLUMNS, T4_CELLS, T4_GROUPS, Report
from .layout import _T2_BLOCKS, number, paragraphs


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    align = ["---"] + ["---:"] * (len(head) - 1)
    lines = [
        "| " + " | ".join(map(_cell, head)) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines += ["| " + " | ".join(map(_cell, row)) + " |" for row in rows]
    return [*lines, ""]


def _table2(report: Report) -> list[str]:
    lines: list[str] = []
    for item, rows in _T2_BLOCKS:
        head = [L.T2_CONTENT_HEADER, *(L.T2_CELL_LABELS[c] for c in T2_ROWS[rows[0]])]
        body = [
            [L.T2_LABELS[r], *(number(report.table2[r][c]) for c in T2_ROWS[r])]
            for r in rows
        ]
        lines += [f"**{item}**", "", *_table(head, body)]
    return lines


def _t3_label(row: str) -> str:
    if row in ("new_received", "carried_over", "carried_forward"):
        return L.T3_ROW_LABELS[row]
    group = next((g for g, members in L.T3_OUTCOME_GROUPS if row in members), None)
    parts = [L.T3_OUTCOME_HEADING, *([group] if group else []), L.T3_ROW_LABELS[row]]
    return " · ".join(parts)


def _table3(report: Report) -> list[str]:
    head = ["申请人情况", *(L.T3_COLUMN_LABELS[c] for c in T3_COLUMNS)]
    head[1:7] = [head[1], *(f"{L.T3_HEADER_ORGANISATIONS} · {h}" for h in head[2:7])]
    body = [
        [_t3_label(row), *(number(report.table3[row][c]) for c in T3_COLUMNS)]
        for row in report.table3
    ]
    return [L.T3_CORNER_NOTE, "", *_table(head, body)]


def _table4(report: Report) -> list[str]:
    head = ["", *(L.T4_CELL_LABELS[c] for c in T4_CELLS)]
    body = [
        [L.T4_GROUP_LABELS[g], *(number(report.table4[g][c]) for c in T4_CELLS)]
        for g in T4_GROUPS
    ]
    return _table(head, body)


_TABLES = {"proactive": _table2, "applications": _table3, "appeals": _table4}


def render_markdown(report: Report) -> str:
    """The report as Markdown: title, preamble, the six sections with their tables."""
    lines = [f"# {report.agency}{report.year}年政府信息公开工作年度报告", ""]
    for para in paragraphs(report.preamble):
        lines += [para, ""]
    for key, heading in L.SECTION_HEADINGS.items():
        lines += [f"## {heading}", ""]
        for para in paragraphs(report.sections.get(key)):
            lines += [para, ""]
        if key in _TABLES:
            lines += _TABLES[key](report)
    return "\n".join(lines).rstrip("\n") + "\n"
