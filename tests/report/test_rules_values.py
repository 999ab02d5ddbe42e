from decimal import Decimal

from gongkai.report.model import Report, all_cell_paths
from gongkai.report.rules import check_report
from tests.report.conftest import fired


def test_negative_count_fires(seed):
    seed.table3["granted"]["natural_person"] = -1
    found = fired(seed, "VAL.NEGATIVE")
    assert [(f.where, f.severity) for f in found] == [
        ("table3.granted.natural_person", "error")
    ]
    assert found[0].message == "表三「予以公开」行「自然人」列为 -1，不能为负数"


def test_negative_fee_fires_and_zero_is_quiet(seed):
    seed.set_cell("table2.fees.amount_wan_yuan", Decimal("-0.5"))
    assert [f.where for f in fired(seed, "VAL.NEGATIVE")] == [
        "table2.fees.amount_wan_yuan"
    ]
    seed.set_cell("table2.fees.amount_wan_yuan", Decimal("0"))
    assert fired(seed, "VAL.NEGATIVE") == []


def test_not_integer_fires_for_counts_only(seed):
    seed.table4["reconsideration"]["upheld"] = Decimal("1.5")
    seed.set_cell("table2.fees.amount_wan_yuan", Decimal("12.5"))
    found = fired(seed, "VAL.NOT_INTEGER")
    assert [f.where for f in found] == ["table4.reconsideration.upheld"]
    assert "1.5" in found[0].message


def test_whole_decimal_count_is_quiet(seed):
    seed.table4["reconsideration"]["upheld"] = Decimal("0")
    assert fired(seed, "VAL.NOT_INTEGER") == []


def test_blank_reports_every_blank_cell_once():
    report = Report.empty(agency="某局", year=2023)
    found = fired(report, "VAL.BLANK")
    assert [f.where for f in found] == all_cell_paths()
    assert found[0].message.startswith("表二「规章」本年制发件数为空白")


def test_blank_rule_quiet_on_a_full_report(seed):
    assert fired(seed, "VAL.BLANK") == []


def test_uncertain_reported_instead_of_blank(seed):
    seed.table3["new_received"]["total"] = None
    seed.uncertain = ["table3.new_received.total"]
    found = check_report(seed)
    assert [(f.rule, f.where) for f in found] == [
        ("VAL.UNCERTAIN", "table3.new_received.total")
    ]
    assert "无法唯一识别" in found[0].message and found[0].severity == "warning"


def test_uncertain_quiet_when_none(seed):
    assert fired(seed, "VAL.UNCERTAIN") == []
