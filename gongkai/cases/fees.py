"""Information processing fee calculator (国办函〔2020〕109号《政府信息公开信息处理费管理办法》).

Charging is discretionary and exceptional (条例 Art. 42): only for a volume or
frequency clearly beyond a reasonable range. One method per application, never both:

- per application (按件, 109号 Art. 3(1)): counted cumulatively for the same applicant
  within one calendar month; the 1st–10th are free, the 11th–30th cost 100 yuan each,
  and from the 31st on, in bands of 10, each band costs 100 yuan more per application
  than the one before (31–40: 200, 41–50: 300, …);
- by volume (按量, 109号 Art. 3(2)), per application, marginal bands of pages:
  1–30 free; 31–100 at 10 yuan; 101–200 at 20 yuan; 201 and above at 40 yuan
  (2,219 pages = 83,460 yuan).

Pure module: no Django import, so it can be used from anywhere, including the
statutory report code.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

PER_APPLICATION: Final = "per_application"
BY_VOLUME: Final = "by_volume"
METHODS = (PER_APPLICATION, BY_VOLUME)
METHOD_LABELS = {PER_APPLICATION: "按件计收", BY_VOLUME: "按量计收"}

FREE_APPLICATIONS = 10
FIRST_PAID_BAND_END = 30
FIRST_PAID_BAND_FEE = Decimal(100)
BAND_SIZE = 10
BAND_STEP = Decimal(100)

# (first page, last page or None for open-ended, yuan per page)
PAGE_BANDS: tuple[tuple[int, int | None, Decimal], ...] = (
    (1, 30, Decimal(0)),
    (31, 100, Decimal(10)),
    (101, 200, Decimal(20)),
    (201, None, Decimal(40)),
)

BASIS = "国办函〔2020〕109号《政府信息公开信息处理费管理办法》"

Method = Literal["per_application", "by_volume"]


@dataclass(frozen=True)
class FeeQuote:
    """The fee for one application under one method, with its explanation."""

    method: Method
    amount: Decimal
    explanation: list[str]


def _yuan(amount: Decimal) -> str:
    return f"{amount:,.0f}元" if amount == amount.to_integral() else f"{amount:,}元"


def _band_of_application(nth_in_month: int) -> tuple[int, int | None, Decimal]:
    """(first, last, fee) of the band containing the ``nth_in_month`` application."""
    if nth_in_month <= FREE_APPLICATIONS:
        return 1, FREE_APPLICATIONS, Decimal(0)
    if nth_in_month <= FIRST_PAID_BAND_END:
        return FREE_APPLICATIONS + 1, FIRST_PAID_BAND_END, FIRST_PAID_BAND_FEE
    band = (nth_in_month - FIRST_PAID_BAND_END - 1) // BAND_SIZE
    first = FIRST_PAID_BAND_END + 1 + band * BAND_SIZE
    fee = FIRST_PAID_BAND_FEE + BAND_STEP * (band + 1)
    return first, first + BAND_SIZE - 1, fee


def fee_per_application(*, nth_in_month: int) -> Decimal:
    """The fee for the applicant's ``nth_in_month`` application in a calendar month
    (109号, 按件计收): 1–10 free; 11–30: 100 yuan; 31–40: 200; 41–50: 300; …"""
    if nth_in_month < 1:
        raise ValueError(f"本月申请序号应为正整数（收到 {nth_in_month}）。")
    return _band_of_application(nth_in_month)[2]


def fee_per_application_month_total(*, applications: int) -> Decimal:
    """The total charged for ``applications`` applications of one applicant in one
    calendar month if every one of them were charged per application."""
    if applications < 0:
        raise ValueError(f"申请件数不能为负数（收到 {applications}）。")
    return sum(
        (fee_per_application(nth_in_month=n) for n in range(1, applications + 1)),
        Decimal(0),
    )


def _page_bands(pages: int) -> list[tuple[int, int, int, Decimal]]:
    """(first, last, pages in band, rate) for every band the ``pages`` reach."""
    used = []
    for first, last, rate in PAGE_BANDS:
        if pages < first:
            break
        top = pages if last is None else min(pages, last)
        used.append((first, top, top - first + 1, rate))
    return used


def fee_by_volume(*, pages: int) -> Decimal:
    """The fee for an application of ``pages`` pages (109号, 按量计收), marginal
    bands: 1–30 free; 31–100: 10 yuan/page; 101–200: 20; 201+: 40."""
    if pages < 0:
        raise ValueError(f"页数不能为负数（收到 {pages}）。")
    return sum((count * rate for _f, _t, count, rate in _page_bands(pages)), Decimal(0))


def _explain_per_application(nth_in_month: int) -> list[str]:
    first, last, fee = _band_of_application(nth_in_month)
    band = f"第{first}至{last}件"
    rule = f"{band}每件{_yuan(fee)}" if fee else f"{band}免费"
    return [
        f"按件计收：本件为同一申请人本自然月内的第{nth_in_month}件申请；"
        f"依{BASIS}，{rule}；本件收费{_yuan(fee)}。"
    ]


def _explain_by_volume(pages: int) -> list[str]:
    parts = []
    for first, top, count, rate in _page_bands(pages):
        label = f"第{first}至{top}页" if top != first else f"第{first}页"
        if rate:
            parts.append(
                f"{label}共{count}页，每页{_yuan(rate)}，计{_yuan(count * rate)}"
            )
        else:
            parts.append(f"{label}共{count}页免费")
    detail = "；".join(parts) if parts else "无页数"
    total = fee_by_volume(pages=pages)
    return [
        f"按量计收：本件申请共{pages}页；依{BASIS}分段累计：{detail}；"
        f"合计收费{_yuan(total)}。"
    ]


def fee_quote(
    *, method: str, nth_in_month: int | None = None, pages: int | None = None
) -> FeeQuote:
    """The fee for one application under exactly one method (109号: never both).

    ``method="per_application"`` needs ``nth_in_month`` only; ``method="by_volume"``
    needs ``pages`` only. Anything else raises ValueError with a Chinese message.
    """
    if method not in METHODS:
        raise ValueError(
            f"收费方式应为按件计收（{PER_APPLICATION}）或按量计收（{BY_VOLUME}），"
            f"收到 {method!r}。"
        )
    if nth_in_month is not None and pages is not None:
        raise ValueError(
            "同一件申请只能选择一种收费方式：按件计收或按量计收，不得同时适用。"
        )
    if method == PER_APPLICATION:
        if nth_in_month is None:
            raise ValueError("按件计收需要填写该申请人本月第几件申请。")
        amount = fee_per_application(nth_in_month=nth_in_month)
        return FeeQuote(PER_APPLICATION, amount, _explain_per_application(nth_in_month))
    if pages is None:
        raise ValueError("按量计收需要填写页数。")
    amount = fee_by_volume(pages=pages)
    return FeeQuote(BY_VOLUME, amount, _explain_by_volume(pages))
