"""The published JSON Schema (draft 2020-12) of one report, built from the model's keys.

``gongkai report schema`` prints it. The schema describes the shape; ``report_from_json``
enforces the same shape and the rules judge the values (a negative count passes the
schema and fails ``VAL.NEGATIVE``).
"""

from __future__ import annotations

from typing import Any

from .labels import (
    SECTION_HEADINGS,
    T2_CELL_LABELS,
    T2_LABELS,
    T3_COLUMN_LABELS,
    T3_ROW_LABELS,
    T4_CELL_LABELS,
    T4_GROUP_LABELS,
)
from .model import (
    FORMAT,
    LEVELS,
    SECTION_KEYS,
    T2_ROWS,
    T3_COLUMNS,
    T3_ROWS,
    T4_CELLS,
    T4_GROUPS,
)

SCHEMA_ID = "https://gongkai.example/schemas/annual-report-2021.json"

COUNT: dict[str, Any] = {
    "description": "件数；null 表示空白或无法识别（不同于 0）",
    "type": ["number", "null"],
}
AMOUNT: dict[str, Any] = {
    "description": '金额（万元），十进制字符串如 "0"、"12.5"；null 表示空白',
    "type": ["string", "number", "null"],
    "pattern": r"^\s*-?(\d+(\.\d*)?|\.\d+)\s*$",
}


def _row(cells: tuple[str, ...], labels: dict[str, str], title: str) -> dict[str, Any]:
    return {
        "title": title,
        "type": ["object", "null"],
        "properties": {
            cell: {
                **(AMOUNT if cell == "amount_wan_yuan" else COUNT),
                "title": labels[cell],
            }
            for cell in cells
        },
        "required": list(cells),
        "additionalProperties": False,
    }


def _table(title: str, rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "title": title,
        "description": "缺少的行（键不存在或为 null）按 FMT.ROW_MISSING 报告",
        "type": "object",
        "properties": rows,
        "additionalProperties": False,
    }


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a report (spec §5)."""
    cell_path = {"type": "string", "pattern": r"^table[234]\.[a-z_]+\.[a-z_]+$"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）",
        "type": "object",
        "required": [
            "agency",
            "year",
            "level",
            "sections",
            "table2",
            "table3",
            "table4",
        ],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "agency": {"type": "string", "minLength": 1, "title": "机关名称"},
            "year": {
                "type": "integer",
                "minimum": 1900,
                "maximum": 2999,
                "title": "报告年度",
            },
            "level": {
                "enum": list(LEVELS),
                "title": "department 部门；government 人民政府",
            },
            "published_on": {
                "type": ["string", "null"],
                "format": "date",
                "title": "发布日期（ISO 日期，未知为 null）",
            },
            "preamble": {"type": "string", "title": "引言"},
            "sections": {
                "type": "object",
                "properties": {
                    key: {"type": ["string", "null"], "title": SECTION_HEADINGS[key]}
                    for key in SECTION_KEYS
                },
                "additionalProperties": False,
            },
            "table2": _table(
                "表二 主动公开政府信息情况",
                {
                    row: _row(cells, T2_CELL_LABELS, T2_LABELS[row])
                    for row, cells in T2_ROWS.items()
                },
            ),
            "table3": _table(
                "表三 收到和处理政府信息公开申请情况",
                {
                    row: _row(T3_COLUMNS, T3_COLUMN_LABELS, T3_ROW_LABELS[row])
                    for row in T3_ROWS
                },
            ),
            "table4": _table(
                "表四 政府信息公开行政复议、行政诉讼情况",
                {
                    g: _row(T4_CELLS, T4_CELL_LABELS, T4_GROUP_LABELS[g])
                    for g in T4_GROUPS
                },
            ),
            "inferred": {
                "type": "array",
                "items": cell_path,
                "title": "推断得出的单元格",
            },
            "uncertain": {
                "type": "array",
                "items": cell_path,
                "title": "无法唯一识别的单元格",
            },
            "legacy_labels": {
                "type": "array",
                "items": {"type": "string"},
                "title": "出现的 2019 年试行格式标签",
            },
            "section_order": {
                "type": "array",
                "items": {"enum": list(SECTION_KEYS)},
                "title": "原文中各部分的出现顺序",
            },
            "file": {"type": "string", "title": "检查的输入文件"},
            "findings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["rule", "severity", "message", "where"],
                    "properties": {
                        "rule": {"type": "string"},
                        "severity": {"enum": ["error", "warning", "info"]},
                        "message": {"type": "string"},
                        "where": {"type": "string"},
                    },
                },
            },
        },
    }
