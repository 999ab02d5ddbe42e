from decimal import Decimal

import pytest

from gongkai.report.aggregate import aggregate_reports
from gongkai.report.rules import check_report


def test_sums_every_cell(seed):
    other = seed.copy()
    other.agency = "另一局"
    other.set_cell("table2.fees.amount_wan_yuan", Decimal("12.5"))
    total = aggregate_reports([seed, other], agency="中卫市人民政府", year=2023)
    assert total.level == "government" and total.agency == "中卫市人民政府"
    assert total.cell("table3.new_received.total") == 2
    assert total.cell("table2.normative_documents.in_force") == 26
    assert total.cell("table2.fees.amount_wan_yuan") == Decimal("12.5")
    assert total.cell("table4.reconsideration.total") == 0
    assert all(text is None for text in total.sections.values())
    # The sum of consistent tables is consistent.
    assert [f for f in check_report(total) if f.rule != "FMT.SECTION_MISSING"] == []


def test_blank_in_any_input_is_blank_in_the_sum(seed):
    other = seed.copy()
    other.table3["granted"]["research"] = None
    total = aggregate_reports([seed, other], agency="某政府", year=2023)
    assert total.cell("table3.granted.research") is None
    assert total.cell("table3.granted.natural_person") == 0


def test_uncertain_and_inferred_propagate(seed):
    other = seed.copy()
    other.table3["granted"]["total"] = None
    other.uncertain = ["table3.granted.total"]
    other.inferred = ["table3.new_received.total"]
    total = aggregate_reports([seed, other], agency="某政府", year=2023)
    assert total.uncertain == ["table3.granted.total"]
    assert total.inferred == ["table3.new_received.total"]


def test_missing_row_gives_blank_sum(seed):
    other = seed.copy()
    other.missing_rows = ["table3.granted"]
    other.table3["granted"] = dict.fromkeys(other.table3["granted"])
    total = aggregate_reports([seed, other], agency="某政府", year=2023)
    assert total.cell("table3.granted.total") is None


def test_refuses_empty_or_mixed_years(seed):
    with pytest.raises(ValueError):
        aggregate_reports([], agency="某政府", year=2023)
    old = seed.copy()
    old.year = 2022
    with pytest.raises(ValueError, match="2022"):
        aggregate_reports([seed, old], agency="某政府", year=2023)
