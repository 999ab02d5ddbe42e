"""Rules across years (this year's report against the previous year's) and dates."""

from __future__ import annotations

from datetime import date

from ..labels import T2_LABELS, T3_COLUMN_LABELS
from ..model import T3_COLUMNS, Report
from .base import Hits, fmt, rule, values


@rule("X.CARRY_CHAIN", "error")
def x_carry_chain(report: Report, previous: Report | None) -> Hits:
    """Last year's 四、结转下年度继续办理 = this year's 二、上年结转, per column.

    spec §3: carried_over of year N are the applications not answered by 1 Jan N, i.e.
    carried_forward of year N−1; Art. 33 (reply periods run across the year end).
    """
    if previous is None:
        return
    for col in T3_COLUMNS:
        before = previous.cell(f"table3.carried_forward.{col}")
        now = report.cell(f"table3.carried_over.{col}")
        if before is None or now is None or before == now:
            continue
        yield (
            f"表三 {T3_COLUMN_LABELS[col]}列：{previous.year} 年结转下年度 {fmt(before)}"
            f" ≠ {report.year} 年上年结转 {fmt(now)}",
            f"table3.carried_over.{col}",
        )


@rule("X.T2_IN_FORCE", "warning")
def x_t2_in_force(report: Report, previous: Report | None) -> Hits:
    """Table 2 (Art. 20(1)): last year's 现行有效 + 本年制发 − 本年废止 = 现行有效.

    A warning: lapse by expiry and clean-ups legitimately break the chain.
    """
    if previous is None:
        return
    for row in ("regulations", "normative_documents"):
        before = previous.cell(f"table2.{row}.in_force")
        got = values(
            report, (f"table2.{row}.{c}" for c in ("issued", "repealed", "in_force"))
        )
        if before is None or got is None:
            continue
        issued, repealed, in_force = got
        if before + issued - repealed != in_force:
            yield (
                f"表二「{T2_LABELS[row]}」：上年现行有效 {fmt(before)} + 本年制发 {fmt(issued)}"
                f" − 本年废止 {fmt(repealed)} = {fmt(before + issued - repealed)}"
                f" ≠ 现行有效 {fmt(in_force)}",
                f"table2.{row}.in_force",
            )


def publication_deadline(report: Report) -> date:
    """Art. 49: departments publish by 31 January, people's governments by 31 March of
    the following year."""
    month = 3 if report.level == "government" else 1
    return date(report.year + 1, month, 31)


@rule("PUB.LATE", "warning")
def pub_late(report: Report, previous: Report | None) -> Hits:
    """Published after the Art. 49 deadline (31 Jan for a department, 31 Mar for a
    people's government, of the following year), when the date is known."""
    if report.published_on is None:
        return
    deadline = publication_deadline(report)
    if report.published_on > deadline:
        days = (report.published_on - deadline).days
        yield (
            f"发布日期 {report.published_on.isoformat()} 晚于法定期限 {deadline.isoformat()}"
            f"（第四十九条），迟 {days} 天",
            "published_on",
        )
