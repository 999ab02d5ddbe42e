"""JSON in and out, in exactly the shape of ``annual-report-spec.md`` §5.

Unusable input raises ``ReportFormatError`` with a Chinese message naming the key or
path at fault. Values that are usable but wrong (a negative count, 1.5 applications)
are carried into the ``Report`` so that the rules can report them as findings.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .model import (
    FORMAT,
    LEVELS,
    SECTION_KEYS,
    T2_FEE_CELL,
    TABLES,
    Cell,
    Report,
    all_cell_paths,
)

# Keys a checked report may carry (spec §5) that are outputs, not inputs: accepted, ignored.
CHECK_OUTPUT_KEYS = ("file", "findings")
OPTIONAL_LIST_KEYS = ("inferred", "uncertain", "legacy_labels", "section_order")
REQUIRED_KEYS = ("agency", "year", "level", "sections", "table2", "table3", "table4")
KNOWN_KEYS = frozenset(
    {
        "format",
        "published_on",
        "preamble",
        *REQUIRED_KEYS,
        *OPTIONAL_LIST_KEYS,
        *CHECK_OUTPUT_KEYS,
    }
)
_CELL_PATHS = frozenset(all_cell_paths())


class ReportFormatError(ValueError):
    """The input cannot be read as a report. ``path`` names the key at fault."""

    def __init__(self, message: str, path: str = "") -> None:
        self.path = path
        super().__init__(f"{path}：{message}" if path else message)


def _type_name(value: Any) -> str:
    names = {
        bool: "布尔值",
        str: "字符串",
        int: "整数",
        float: "小数",
        Decimal: "小数",
        list: "数组",
        dict: "对象",
    }
    if value is None:
        return "null"
    return names.get(type(value), type(value).__name__)


def _fail(path: str, expected: str, value: Any) -> ReportFormatError:
    shown = json.dumps(value, ensure_ascii=False, default=str)
    if len(shown) > 40:
        shown = shown[:40] + "…"
    return ReportFormatError(f"应为{expected}，实际为{_type_name(value)} {shown}", path)


_JSON_ERRORS = {
    "Expecting value": "此处应有一个值",
    "Expecting property name enclosed in double quotes": "键名须用双引号括起",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Unterminated string starting at": "字符串没有结束",
    "Extra data": "JSON 之后还有多余内容",
    "Invalid control character at": "字符串中有控制字符",
    "Invalid \\escape": "无效的转义字符",
}
_OS_ERRORS = {
    FileNotFoundError: "文件不存在",
    IsADirectoryError: "这是一个目录",
    PermissionError: "没有读取权限",
}


def _loads(text: str | bytes) -> Any:
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        reason = _JSON_ERRORS.get(exc.msg, exc.msg)
        raise ReportFormatError(
            f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{reason}"
        ) from None
    except UnicodeDecodeError:
        raise ReportFormatError("不是有效的 JSON：文件不是 UTF-8 编码") from None


def _count(value: Any, path: str) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise _fail(path, "整数或 null", value)
    if isinstance(value, int):
        return value
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        raise _fail(path, "整数或 null", value)
    # A whole number written as 2.0 is 2; anything else is kept for VAL.NOT_INTEGER.
    return int(number) if number == number.to_integral_value() else number


def _amount(value: Any, path: str) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise _fail(path, '金额字符串（如 "12.5"）、数字或 null', value)
    try:
        number = (
            Decimal(value.strip()) if isinstance(value, str) else Decimal(str(value))
        )
    except InvalidOperation:
        raise _fail(path, '金额字符串（如 "12.5"）、数字或 null', value) from None
    if not number.is_finite():
        raise _fail(path, "有限的金额", value)
    return number


def _dict(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(path, "对象", value)
    return value


def _unknown(keys: Any, allowed: Any, path: str) -> None:
    extra = [k for k in keys if k not in allowed]
    if extra:
        where = f"{path}." if path else ""
        raise ReportFormatError(
            f"未知的键 {', '.join(extra)}（允许的键：{', '.join(allowed)}）",
            where + str(extra[0]),
        )


def _read_row(
    report: Report, table: str, row: str, value: dict[str, Any], cells: tuple[str, ...]
) -> None:
    path = f"{table}.{row}"
    _unknown(value, cells, path)
    for cell in cells:
        cell_path = f"{path}.{cell}"
        if cell not in value:
            raise ReportFormatError("缺少此单元格（空白单元格请写 null）", cell_path)
        reader = _amount if cell_path == T2_FEE_CELL else _count
        report.set_cell(cell_path, reader(value[cell], cell_path))


def _read_table(report: Report, table: str, value: Any) -> None:
    rows = TABLES[table]
    data = _dict(value, table)
    _unknown(data, tuple(rows), table)
    for row, cells in rows.items():
        row_value = data.get(row)
        if row_value is None:
            # An absent row is recorded, not refused: FMT.ROW_MISSING reports it.
            report.missing_rows.append(f"{table}.{row}")
            continue
        _read_row(report, table, row, _dict(row_value, f"{table}.{row}"), cells)


def _read_sections(report: Report, value: Any) -> None:
    data = _dict(value, "sections")
    _unknown(data, SECTION_KEYS, "sections")
    for key in SECTION_KEYS:
        text = data.get(key)
        if text is not None and not isinstance(text, str):
            raise _fail(f"sections.{key}", "字符串或 null", text)
        report.sections[key] = text


def _read_header(data: dict[str, Any]) -> Report:
    agency = data["agency"]
    if not isinstance(agency, str) or not agency.strip():
        raise _fail("agency", "非空字符串（机关名称）", agency)
    year = data["year"]
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2999:
        raise _fail("year", "四位数年份（整数）", year)
    level = data["level"]
    if level not in LEVELS:
        raise _fail("level", '"department" 或 "government"', level)
    report = Report.empty(agency=agency, year=year, level=level)
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise _fail("format", f'"{FORMAT}"（国办公开办函〔2021〕30号格式）', fmt)
    report.published_on = _date(data.get("published_on"), "published_on")
    preamble = data.get("preamble", "")
    if not isinstance(preamble, str):
        raise _fail("preamble", "字符串", preamble)
    report.preamble = preamble
    return report


def _date(value: Any, path: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(path, 'ISO 日期字符串（如 "2024-01-31"）或 null', value)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(path, 'ISO 日期字符串（如 "2024-01-31"）或 null', value) from None


def _string_list(value: Any, path: str, allowed: frozenset[str] | None) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, "字符串数组", value)
    if allowed is not None:
        for i, item in enumerate(value):
            if item not in allowed:
                raise ReportFormatError(f"无效的取值 {item}", f"{path}[{i}]")
    return list(value)


def _read_lists(report: Report, data: dict[str, Any]) -> None:
    allowed: dict[str, frozenset[str] | None] = {
        "inferred": _CELL_PATHS,
        "uncertain": _CELL_PATHS,
        "legacy_labels": None,
        "section_order": frozenset(SECTION_KEYS),
    }
    for key, values in allowed.items():
        if key in data:
            setattr(report, key, _string_list(data[key], key, values))


def report_from_json(data: dict[str, Any] | str | bytes) -> Report:
    """Read one report from a parsed JSON object or JSON text.

    Raises ``ReportFormatError`` (a ``ValueError``) naming the key at fault when the input
    is not a report. A row that is absent (or ``null``) is recorded in
    ``Report.missing_rows``; a section that is absent or ``null`` is ``None``.
    """
    if isinstance(data, str | bytes):
        data = _loads(data)
    if not isinstance(data, dict):
        raise _fail("", "JSON 对象（一份报告）", data)
    _unknown(data, sorted(KNOWN_KEYS), "")
    missing = [key for key in REQUIRED_KEYS if key not in data]
    if missing:
        raise ReportFormatError(f"缺少必需的键：{', '.join(missing)}")
    report = _read_header(data)
    _read_sections(report, data["sections"])
    for table in TABLES:
        _read_table(report, table, data[table])
    _read_lists(report, data)
    return report


def report_from_file(path: str | Path) -> Report:
    """Read a report from a JSON file; a missing or unreadable file is a ``ReportFormatError``."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        reason = _OS_ERRORS.get(type(exc), exc.strerror or str(exc))
        raise ReportFormatError(f"无法读取文件 {path}：{reason}") from None
    return report_from_json(raw)


def _cell_out(value: Cell, path: str) -> Any:
    if value is None:
        return None
    if path == T2_FEE_CELL:
        return format(Decimal(value), "f")
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _table_out(report: Report, table: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for row, cells in TABLES[table].items():
        if report.row_missing(f"{table}.{row}"):
            continue
        values = report.table(table)[row]
        out[row] = {
            cell: _cell_out(values[cell], f"{table}.{row}.{cell}") for cell in cells
        }
    return out


def report_to_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict, in the spec §5 shape.

    The fee amount is a string ("0", "12.5"); absent rows are left out; ``inferred``,
    ``uncertain``, ``legacy_labels`` and ``section_order`` appear only when non-empty.
    """
    out: dict[str, Any] = {
        "format": report.format,
        "agency": report.agency,
        "year": report.year,
        "level": report.level,
        "published_on": report.published_on.isoformat()
        if report.published_on
        else None,
        "preamble": report.preamble,
        "sections": {key: report.sections.get(key) for key in SECTION_KEYS},
    }
    for table in TABLES:
        out[table] = _table_out(report, table)
    for key in OPTIONAL_LIST_KEYS:
        values = getattr(report, key)
        if values:
            out[key] = list(values)
    return out


def report_dumps(report: Report, *, indent: int | None = 2) -> str:
    """The report as JSON text (UTF-8, Chinese unescaped)."""
    return json.dumps(report_to_json(report), ensure_ascii=False, indent=indent) + "\n"
