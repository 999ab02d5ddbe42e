"""Rules about single cells: negative, not whole, blank, unreadable."""

from __future__ import annotations

from decimal import Decimal

from ..model import T2_FEE_CELL, Report, cell_label
from .base import Hits, fmt, rule


@rule("VAL.NEGATIVE", "error")
def val_negative(report: Report, previous: Report | None) -> Hits:
    """No count or amount is below zero (国办公开办函〔2021〕30号: the tables count
    documents, decisions, applications and cases; the fee is an amount collected)."""
    for path, value in report.cells():
        if value is not None and value < 0:
            yield f"{cell_label(path)}为 {fmt(value)}，不能为负数", path


@rule("VAL.NOT_INTEGER", "error")
def val_not_integer(report: Report, previous: Report | None) -> Hits:
    """Counts are whole numbers; only 行政事业性收费 (万元) may be decimal
    (国办公开办函〔2021〕30号 tables 2–4)."""
    for path, value in report.cells():
        if path == T2_FEE_CELL or not isinstance(value, Decimal):
            continue
        if value != value.to_integral_value():
            yield f"{cell_label(path)}为 {fmt(value)}，件数必须是整数", path


@rule("VAL.BLANK", "warning")
def val_blank(report: Report, previous: Report | None) -> Hits:
    """Every cell of the format holds a number (国办公开办函〔2021〕30号: the tables are
    filled in full, 0 where nothing happened). A blank cell is not 0: rules that need
    it are skipped, not failed."""
    uncertain = set(report.uncertain)
    missing = set(report.missing_rows)
    for path, value in report.cells():
        if (
            value is None
            and path not in uncertain
            and path.rsplit(".", 1)[0] not in missing
        ):
            yield f"{cell_label(path)}为空白（不同于 0），依赖此格的校验已跳过", path


@rule("VAL.UNCERTAIN", "warning")
def val_uncertain(report: Report, previous: Report | None) -> Hits:
    """A cell whose value could not be read unambiguously is left blank, never guessed
    (Art. 50 and 30号: a report must be accurate; spec §6)."""
    for path in report.uncertain:
        yield f"{cell_label(path)}无法唯一识别（有多种读法），已留空待核实", path
