"""Information processing fee (国办函〔2020〕109号): both methods, never both at once."""

import subprocess
import sys
from decimal import Decimal

import pytest

from gongkai.cases.fees import (
    FeeQuote,
    fee_by_volume,
    fee_per_application,
    fee_per_application_month_total,
    fee_quote,
)

# nth application of the same applicant in one calendar month → fee for that one
PER_APPLICATION = [
    (1, 0),
    (10, 0),
    (11, 100),
    (30, 100),
    (31, 200),
    (40, 200),
    (41, 300),
    (50, 300),
    (51, 400),
    (60, 400),
    (61, 500),
    (100, 800),
    (101, 900),
]


@pytest.mark.parametrize(("nth", "fee"), PER_APPLICATION)
def test_fee_per_application_bands(nth, fee):
    assert fee_per_application(nth_in_month=nth) == Decimal(fee)


def test_monthly_cumulative_total():
    # 10 free + 20 × 100 + 10 × 200 + 5 × 300
    assert fee_per_application_month_total(applications=45) == Decimal(5500)
    assert fee_per_application_month_total(applications=10) == Decimal(0)
    assert fee_per_application_month_total(applications=0) == Decimal(0)


# pages → fee, marginal bands (1–30 free, 31–100 at 10, 101–200 at 20, 201+ at 40)
BY_VOLUME = [
    (0, 0),
    (1, 0),
    (30, 0),
    (31, 10),
    (100, 700),
    (101, 720),
    (200, 2700),
    (201, 2740),
    (2219, 83460),  # the figure given in 109号's own worked example
]


@pytest.mark.parametrize(("pages", "fee"), BY_VOLUME)
def test_fee_by_volume_bands(pages, fee):
    assert fee_by_volume(pages=pages) == Decimal(fee)


def test_2219_pages_cost_83460_yuan_band_by_band():
    quote = fee_quote(method="by_volume", pages=2219)
    assert quote == FeeQuote(
        method="by_volume",
        amount=Decimal(83460),
        explanation=[
            "按量计收：本件申请共2219页；依国办函〔2020〕109号《政府信息公开信息处理费"
            "管理办法》分段累计：第1至30页共30页免费；第31至100页共70页，每页10元，"
            "计700元；第101至200页共100页，每页20元，计2,000元；第201至2219页共2019页，"
            "每页40元，计80,760元；合计收费83,460元。"
        ],
    )


def test_per_application_quote_explains_the_band():
    quote = fee_quote(method="per_application", nth_in_month=35)
    assert quote.method == "per_application"
    assert quote.amount == Decimal(200)
    assert "第35件申请" in quote.explanation[0]
    assert "第31至40件每件200元" in quote.explanation[0]
    free = fee_quote(method="per_application", nth_in_month=3)
    assert free.amount == Decimal(0)
    assert "第1至10件免费" in free.explanation[0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"method": "per_application", "nth_in_month": 12, "pages": 40},
            "只能选择一种",
        ),
        ({"method": "by_volume", "nth_in_month": 12, "pages": 40}, "只能选择一种"),
        ({"method": "per_application"}, "第几件申请"),
        ({"method": "by_volume"}, "需要填写页数"),
        ({"method": "both", "pages": 40}, "收费方式应为"),
        ({"method": "per_application", "nth_in_month": 0}, "正整数"),
        ({"method": "by_volume", "pages": -1}, "不能为负数"),
    ],
)
def test_fee_quote_refuses_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fee_quote(**kwargs)


def test_fee_module_imports_without_django():
    code = (
        "import sys, gongkai.cases.fees\n"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
