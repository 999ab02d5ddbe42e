"""Human-readable Chinese output of a check: the recovered tables and the findings."""

from __future__ import annotations

from decimal import Decimal

from ..labels import (
    T2_CELL_LABELS,
    T2_LABELS,
    T3_COLUMN_LABELS,
    T3_ROW_SHORT,
    T4_CELL_LABELS,
    T4_GROUP_LABELS,
)
from ..model import T2_ROWS, T3_COLUMNS, T3_ROWS, T4_CELLS, T4_GROUPS, Report
from .checker import CheckResult
from .detect import FORMAT_LABELS
from .glued import Value

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
LEVEL_NAMES = {"department": "部门", "government": "人民政府"}
LEGEND = (
    "说明：* 为推断值（由表内勾稽关系或行序确定），? 为无法唯一识别（已留空），— 为空白"
)


def number(value: Value) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return (
            format(value.normalize(), "f")
            if value == value.to_integral_value()
            else str(value)
        )
    return str(value)


def _cell(report: Report, path: str) -> str:
    if path in report.uncertain:
        return "?"
    mark = "*" if path in report.inferred else ""
    return number(report.cell(path)) + mark


def _table2(report: Report) -> list[str]:
    lines = ["表二　主动公开政府信息情况"]
    for row, cells in T2_ROWS.items():
        if report.row_missing(f"table2.{row}"):
            lines.append(f"  {T2_LABELS[row]}：（缺行）")
            continue
        shown = "，".join(
            f"{T2_CELL_LABELS[c]} {_cell(report, f'table2.{row}.{c}')}" for c in cells
        )
        lines.append(f"  {T2_LABELS[row]}：{shown}")
    return lines


def _table3(report: Report) -> list[str]:
    header = "　".join(T3_COLUMN_LABELS[c] for c in T3_COLUMNS)
    lines = ["表三　收到和处理政府信息公开申请情况", f"  （各列：{header}）"]
    for row in T3_ROWS:
        if report.row_missing(f"table3.{row}"):
            lines.append(f"  {T3_ROW_SHORT[row]}：（缺行）")
            continue
        values = " ".join(_cell(report, f"table3.{row}.{c}") for c in T3_COLUMNS)
        lines.append(f"  {T3_ROW_SHORT[row]}：{values}")
    return lines


def _table4(report: Report) -> list[str]:
    header = "　".join(T4_CELL_LABELS[c] for c in T4_CELLS)
    lines = ["表四　政府信息公开行政复议、行政诉讼情况", f"  （各列：{header}）"]
    for group in T4_GROUPS:
        if report.row_missing(f"table4.{group}"):
            lines.append(f"  {T4_GROUP_LABELS[group]}：（缺）")
            continue
        values = " ".join(_cell(report, f"table4.{group}.{c}") for c in T4_CELLS)
        lines.append(f"  {T4_GROUP_LABELS[group]}：{values}")
    return lines


def _findings(result: CheckResult) -> list[str]:
    counts = {s: 0 for s in SEVERITY_NAMES}
    for finding in result.findings:
        counts[finding.severity] += 1
    summary = "，".join(f"{SEVERITY_NAMES[s]} {n}" for s, n in counts.items())
    lines = [f"发现的问题（{len(result.findings)} 项：{summary}）："]
    if not result.findings:
        lines.append("  无")
    for f in result.findings:
        lines.append(
            f"  [{SEVERITY_NAMES[f.severity]}] {f.rule}　{f.message}（位置：{f.where}）"
        )
        options = result.alternatives.get(f.where)
        if f.rule == "VAL.UNCERTAIN" and options:
            shown = "、".join(number(v) for v in options[:8])
            more = " 等" if len(options) > 8 else ""
            lines.append(f"      可能的读法：{shown}{more}")
    return lines


def render_text(result: CheckResult) -> str:
    """The check of one file as Chinese text."""
    head = f"== 文件：{result.file}"
    if result.report is None:
        return f"{head}\n无法检查：{result.error}\n"
    report = result.report
    kind = FORMAT_LABELS.get(result.source_format or "", result.source_format or "")
    lines = [
        f"{head}（{kind}）",
        f"机关：{report.agency or '未识别'}　年度：{report.year or '未识别'}　"
        f"类型：{LEVEL_NAMES[report.level]}　发布日期："
        f"{report.published_on.isoformat() if report.published_on else '未注明'}",
    ]
    if result.previous_year:
        lines.append(f"已与 {result.previous_year} 年报告做跨年核对。")
    lines += [*_table2(report), *_table3(report), *_table4(report), LEGEND]
    lines += _findings(result)
    verdict = "有错误，报告不一致。" if result.has_errors else "未发现错误。"
    lines.append(f"结论：{verdict}")
    return "\n".join(lines) + "\n"


SUMMARY_COLUMNS = (
    "文件",
    "格式",
    "机关",
    "年度",
    "类型",
    "发布日期",
    "错误",
    "警告",
    "提示",
    "推断格数",
    "存疑格数",
    "规则",
    "结论",
)


def _rules(result: CheckResult) -> str:
    """The rules that fired, errors first, each with its count: "T3.BALANCE×2 …"."""
    counts: dict[str, int] = {}
    order = {"error": 0, "warning": 1, "info": 2}
    for finding in sorted(result.findings, key=lambda f: order[f.severity]):
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    return " ".join(f"{rule}×{n}" if n > 1 else rule for rule, n in counts.items())


def verdict(result: CheckResult) -> str:
    if result.report is None:
        return f"无法检查：{result.error}"
    return "有错误" if result.has_errors else "未发现错误"


def summary_row(result: CheckResult) -> list[str]:
    """One file as a row of the summary (``--summary``, ``--csv``)."""
    report = result.report
    if report is None:
        return [result.file, *[""] * (len(SUMMARY_COLUMNS) - 2), verdict(result)]
    severities = [f.severity for f in result.findings]
    kind = FORMAT_LABELS.get(result.source_format or "", result.source_format or "")
    return [
        result.file,
        kind,
        report.agency,
        str(report.year or ""),
        LEVEL_NAMES[report.level],
        report.published_on.isoformat() if report.published_on else "",
        str(severities.count("error")),
        str(severities.count("warning")),
        str(severities.count("info")),
        str(len(report.inferred)),
        str(len(report.uncertain)),
        _rules(result),
        verdict(result),
    ]


def summary(results: list[CheckResult]) -> str:
    """One tab-separated line per file, then the totals."""
    shown = ("文件", "机关", "年度", "错误", "警告", "结论", "规则")
    index = [SUMMARY_COLUMNS.index(c) for c in shown]
    lines = ["\t".join(shown)]
    for result in results:
        row = summary_row(result)
        lines.append("\t".join(row[i] for i in index).rstrip("\t"))
    unreadable = sum(r.report is None for r in results)
    wrong = sum(r.report is not None and r.has_errors for r in results)
    good = len(results) - unreadable - wrong
    lines.append(
        f"合计：{len(results)} 个文件；未发现错误 {good} 个，有错误 {wrong} 个，"
        f"无法检查 {unreadable} 个。"
    )
    return "\n".join(lines) + "\n"
