"""Rules comparing the figures stated in the text with the tables."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .. import textfigures as tf
from ..model import Report
from .base import Hits, fmt, rule

_TABLE_CELL = {
    tf.IN_FORCE_REGULATIONS: (
        "table2.regulations.in_force",
        "表二「规章」现行有效件数",
    ),
    tf.IN_FORCE_NORMATIVE: (
        "table2.normative_documents.in_force",
        "表二「行政规范性文件」现行有效件数",
    ),
    tf.LICENSING: ("table2.licensing.decisions", "表二「行政许可」本年处理决定数量"),
    tf.ADMIN_FEE_WAN_YUAN: (
        "table2.fees.amount_wan_yuan",
        "表二「行政事业性收费」本年收费金额（万元）",
    ),
}


def _sum(report: Report, row: str, columns: tuple[str, ...]) -> int | Decimal | None:
    cells = [report.cell(f"table3.{row}.{col}") for col in columns]
    if any(c is None for c in cells):
        return None
    return sum(c for c in cells if c is not None)


def application_readings(report: Report, figure: tf.TextFigure) -> list[int | Decimal]:
    """The table values a "收到/受理 N 件" statement may mean: new applications, or new +
    carried over (real reports use both), for all applicants or for those the text names."""
    columns = figure.applicants or ("total",)
    new = _sum(report, "new_received", columns)
    carried = _sum(report, "carried_over", columns)
    readings = [] if new is None else [new]
    if new is not None and carried is not None:
        readings.append(new + carried)
    if figure.applicants:
        readings += application_readings(
            report, tf.TextFigure(figure.kind, figure.value, "", "")
        )
    return readings


def _table_mismatches(
    report: Report, figures: list[tf.TextFigure]
) -> Iterator[tuple[str, str]]:
    for figure in figures:
        if figure.kind not in _TABLE_CELL:
            continue
        path, label = _TABLE_CELL[figure.kind]
        value = report.cell(path)
        if value is not None and figure.value is not None and value != figure.value:
            yield (
                f"正文「{figure.excerpt}」为 {fmt(figure.value)}，与{label} {fmt(value)} 不符",
                path,
            )


def _application_mismatches(
    report: Report, figures: list[tf.TextFigure]
) -> Iterator[tuple[str, str]]:
    for figure in figures:
        if figure.kind != tf.APPLICATIONS:
            continue
        readings = application_readings(report, figure)
        if readings and figure.value not in readings:
            shown = " 或 ".join(dict.fromkeys(fmt(r) for r in readings))
            yield (
                f"正文「{figure.excerpt}」为 {fmt(figure.value)} 件，与表三"
                f"（本年新收，或本年新收 + 上年结转）{shown} 均不符",
                "table3.new_received.total",
            )


def _info_fee_mismatches(figures: list[tf.TextFigure]) -> Iterator[tuple[str, str]]:
    fees = [f for f in figures if f.kind == tf.INFO_FEE_YUAN]
    if len({f.value for f in fees}) > 1:
        shown = "；".join(f"「{f.excerpt}」" for f in fees)
        yield f"正文中信息处理费金额前后不一：{shown}", fees[0].excerpt


@rule("TXT.MISMATCH", "warning")
def txt_mismatch(report: Report, previous: Report | None) -> Hits:
    """A figure stated in the text contradicts the table (Art. 50: the report states the
    figures once; 30号 requires text and tables to agree).

    "收到/受理 N 件" matches when N is the new applications or new + carried over (spec §6
    note). The 信息处理费 (国办函〔2020〕109号) has no table cell — table 2's fee row is the
    行政事业性收费 — so it is compared only with the text's other statements of it.
    """
    figures = tf.text_figures(report)
    yield from _table_mismatches(report, figures)
    yield from _application_mismatches(report, figures)
    yield from _info_fee_mismatches(figures)


def _positive(figures: list[tf.TextFigure], kind: str) -> list[tf.TextFigure]:
    return [
        f for f in figures if f.kind == kind and f.value is not None and f.value > 0
    ]


@rule("TXT.CONTRADICTION", "warning")
def txt_contradiction(report: Report, previous: Report | None) -> Hits:
    """The text claims something the tables or the text itself deny: all applications
    completed while 结转下年度 > 0 (Art. 33); no fee charged while a fee is reported
    (国办函〔2020〕109号; 30号 section 六 reports the 信息处理费)."""
    figures = tf.text_figures(report)
    forward = report.cell("table3.carried_forward.total")
    for claim in (f for f in figures if f.kind == tf.ALL_COMPLETED):
        if forward is not None and forward > 0:
            yield (
                f"正文称「{claim.excerpt}」，但表三结转下年度继续办理为 {fmt(forward)}",
                claim.excerpt,
            )
    charged = _positive(figures, tf.INFO_FEE_YUAN)
    for claim in (f for f in figures if f.kind == tf.NO_INFO_FEE):
        for fee in charged:
            yield f"正文称「{claim.excerpt}」，又称「{fee.excerpt}」", claim.excerpt
    admin_fee = report.cell("table2.fees.amount_wan_yuan")
    for claim in (f for f in figures if f.kind == tf.NO_FEE_AT_ALL):
        if admin_fee is not None and admin_fee > 0:
            yield (
                f"正文称「{claim.excerpt}」，但表二行政事业性收费为 {fmt(admin_fee)} 万元",
                claim.excerpt,
            )
