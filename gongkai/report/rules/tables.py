"""Identities inside the tables of one report (国办公开办函〔2021〕30号 format)."""

from __future__ import annotations

from ..labels import T3_COLUMN_LABELS, T3_ROW_SHORT, T4_CELL_LABELS, T4_GROUP_LABELS
from ..model import (
    T3_APPLICANT_COLUMNS,
    T3_COLUMNS,
    T3_OUTCOME_ROWS,
    T4_CELLS,
    T4_GROUPS,
    Report,
)
from .base import Hits, fmt, rule, values

BALANCE_ROWS = ("new_received", "carried_over", "processed_total", "carried_forward")


@rule("T3.BALANCE", "error")
def t3_balance(report: Report, previous: Report | None) -> Hits:
    """Table 3, every column: 一 + 二 = 三（七）+ 四.

    The format's own 勾稽关系 note in table 3's corner cell (国办公开办函〔2021〕30号:
    "第一项加第二项之和，等于第三项加第四项之和"); Art. 50 (the report's statistics).
    """
    for col in T3_COLUMNS:
        got = values(report, (f"table3.{row}.{col}" for row in BALANCE_ROWS))
        if got is None:
            continue
        new, carried, processed, forward = got
        if new + carried != processed + forward:
            yield (
                f"表三 {T3_COLUMN_LABELS[col]}列：本年新收 {fmt(new)} + 上年结转 {fmt(carried)}"
                f" ≠ 办理结果总计 {fmt(processed)} + 结转下年度 {fmt(forward)}",
                f"table3.carried_forward.{col}",
            )


@rule("T3.ROW_TOTAL", "error")
def t3_row_total(report: Report, previous: Report | None) -> Hits:
    """Table 3, every row: 总计 = the sum of the six applicant columns.

    国办公开办函〔2021〕30号 table 3 (申请人情况 columns and 总计); Art. 50.
    """
    for row in report.table3:
        got = values(report, (f"table3.{row}.{col}" for col in T3_COLUMNS))
        if got is None:
            continue
        *parts, total = got
        if sum(parts) != total:
            terms = " + ".join(
                f"{T3_COLUMN_LABELS[c]} {fmt(v)}"
                for c, v in zip(T3_APPLICANT_COLUMNS, parts, strict=True)
            )
            yield (
                f"表三「{T3_ROW_SHORT[row]}」行：{terms} = {fmt(sum(parts))} ≠ 总计 {fmt(total)}",
                f"table3.{row}.total",
            )


@rule("T3.OUTCOME_TOTAL", "error")
def t3_outcome_total(report: Report, previous: Report | None) -> Hits:
    """Table 3, every column: 三（七）总计 = the sum of the 21 outcome rows 三（一）–（六）.

    国办公开办函〔2021〕30号 table 3; each application counts in exactly one outcome row
    (Art. 36–37: segregated disclosure counts only as 部分公开).
    """
    for col in T3_COLUMNS:
        got = values(
            report,
            (f"table3.{row}.{col}" for row in (*T3_OUTCOME_ROWS, "processed_total")),
        )
        if got is None:
            continue
        *outcomes, total = got
        if sum(outcomes) != total:
            nonzero = "、".join(
                f"{T3_ROW_SHORT[r]} {fmt(v)}"
                for r, v in zip(T3_OUTCOME_ROWS, outcomes, strict=True)
                if v
            )
            detail = f"（{nonzero}）" if nonzero else ""
            yield (
                f"表三 {T3_COLUMN_LABELS[col]}列：21 项办理结果之和 {fmt(sum(outcomes))}{detail}"
                f" ≠ 办理结果总计 {fmt(total)}",
                f"table3.processed_total.{col}",
            )


@rule("T4.GROUP_TOTAL", "error")
def t4_group_total(report: Report, previous: Report | None) -> Hits:
    """Table 4, each group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    国办公开办函〔2021〕30号 table 4 (行政复议、行政诉讼情况).
    """
    for group in T4_GROUPS:
        got = values(report, (f"table4.{group}.{cell}" for cell in T4_CELLS))
        if got is None:
            continue
        *parts, total = got
        if sum(parts) != total:
            terms = " + ".join(
                f"{T4_CELL_LABELS[c]} {fmt(v)}"
                for c, v in zip(T4_CELLS, parts, strict=False)
            )
            yield (
                f"表四 {T4_GROUP_LABELS[group]}：{terms} = {fmt(sum(parts))} ≠ 总计 {fmt(total)}",
                f"table4.{group}.total",
            )
