"""Figures for the annual report: table 3 (applications), table 4 (appeals) and the
information processing fees collected (section 六). Keys are those of
``annual-report-spec.md``; every figure comes from aggregate queries.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from ..choices import (
    APPLICANT_COLUMNS,
    OUTCOME_KEYS,
    TABLE3_ROWS,
    TABLE4_CELLS,
    AppealKind,
    AppealResult,
)
from ..models import Appeal, Application, FeeNotice

Table = dict[str, dict[str, int]]


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _empty_table3() -> Table:
    return {row: dict.fromkeys((*APPLICANT_COLUMNS, "total"), 0) for row in TABLE3_ROWS}


def _fill_flow_rows(
    table: Table, applications: QuerySet[Application], year: int
) -> None:
    """new_received, carried_over and carried_forward, one grouped query."""
    start, end = _year_bounds(year)
    open_at_start = Q(answered_on__isnull=True) | Q(answered_on__gte=start)
    open_at_end = Q(answered_on__isnull=True) | Q(answered_on__gt=end)
    rows = (
        applications.filter(received_on__lte=end)
        .filter(open_at_start)
        .values("applicant_type")
        .annotate(
            new_received=Count("id", filter=Q(received_on__gte=start)),
            carried_over=Count("id", filter=Q(received_on__lt=start)),
            carried_forward=Count("id", filter=open_at_end),
        )
        .order_by()
    )
    for row in rows:
        column = row["applicant_type"]
        for key in ("new_received", "carried_over", "carried_forward"):
            table[key][column] = row[key]


def _fill_outcome_rows(
    table: Table, applications: QuerySet[Application], year: int
) -> None:
    """The 21 outcome rows: applications answered in the year, by outcome."""
    start, end = _year_bounds(year)
    rows = (
        applications.filter(answered_on__range=(start, end))
        .values("applicant_type", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        table[row["outcome"]][row["applicant_type"]] = row["n"]


def case_table3(*, agency_ids: Iterable[int], year: int) -> Table:
    """Table 3 of the annual report for the agencies' applications in ``year``.

    - ``new_received``: received (Art. 31 date) in the year;
    - ``carried_over``: received before the year and not answered before 1 January;
    - outcome rows: answered (closed) in the year, by outcome — each application in
      exactly one row (``partially_granted`` only, when handled by segregation);
    - ``processed_total``: the sum of the 21 outcome rows;
    - ``carried_forward``: received by 31 December and not answered by then;
    - ``total``: the sum of the six applicant columns.

    Since an answer is never dated before its receipt (a database constraint), the
    applications counted in ``new_received + carried_over`` are exactly those in
    ``processed_total + carried_forward``: the balance rule T3.BALANCE holds by
    construction.
    """
    applications = Application.objects.filter(agency_id__in=list(agency_ids))
    table = _empty_table3()
    _fill_flow_rows(table, applications, year)
    _fill_outcome_rows(table, applications, year)
    for column in APPLICANT_COLUMNS:
        table["processed_total"][column] = sum(
            table[row][column] for row in OUTCOME_KEYS
        )
    for cells in table.values():
        cells["total"] = sum(cells[column] for column in APPLICANT_COLUMNS)
    return table


def case_table4(*, agency_ids: Iterable[int], year: int) -> Table:
    """Table 4 of the annual report: the agencies' appeals in ``year``.

    Counting rule (documented in ``docs/applications.md``): an appeal counts in year
    N under its result when it was decided in N, and as ``pending`` (尚未审结) when it
    was filed on or before 31 December N and not decided by then. An appeal filed in
    one year and decided in a later one therefore shows as pending in the first and
    under its result in the year of decision, as the applications of table 3 do.
    ``total`` is the sum of the four result cells (T4.GROUP_TOTAL).
    """
    start, end = _year_bounds(year)
    table = {kind: dict.fromkeys(TABLE4_CELLS, 0) for kind in AppealKind.values}
    appeals = Appeal.objects.filter(agency_id__in=list(agency_ids), filed_on__lte=end)
    decided = (
        appeals.filter(decided_on__range=(start, end))
        .values("kind", "result")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in decided:
        table[row["kind"]][row["result"]] = row["n"]
    pending = (
        appeals.filter(Q(decided_on__isnull=True) | Q(decided_on__gt=end))
        .values("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    for pending_row in pending:
        table[pending_row["kind"]][AppealResult.PENDING] = pending_row["n"]
    for cells in table.values():
        cells["total"] = sum(cells[result] for result in AppealResult.values)
    return table


def case_fees_collected(*, agency_ids: Iterable[int], year: int) -> Decimal:
    """Information processing fees paid in ``year`` (reported in section 六)."""
    start, end = _year_bounds(year)
    total = FeeNotice.objects.filter(
        application__agency_id__in=list(agency_ids), paid_on__range=(start, end)
    ).aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)
