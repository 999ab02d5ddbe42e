from gongkai.report.model import T3_COLUMNS, T3_OUTCOME_ROWS
from gongkai.report.rules import check_report
from tests.report.conftest import fired


def test_seed_has_no_finding_at_all(seed):
    assert check_report(seed) == []


# -------------------------------------------------------------------- T3.BALANCE
def test_balance_fires_with_the_numbers(seed):
    seed.table3["carried_over"]["total"] = 1
    seed.table3["carried_over"]["natural_person"] = 1
    found = fired(seed, "T3.BALANCE")
    assert [f.where for f in found] == [
        "table3.carried_forward.natural_person",
        "table3.carried_forward.total",
    ]
    assert found[1].severity == "error"
    assert found[1].message == (
        "表三 总计列：本年新收 1 + 上年结转 1 ≠ 办理结果总计 1 + 结转下年度 0"
    )


def test_balance_quiet_when_carried_forward_balances(seed):
    for col in ("natural_person", "total"):
        seed.table3["carried_over"][col] = 2
        seed.table3["carried_forward"][col] = 2
    assert fired(seed, "T3.BALANCE") == []


def test_balance_skipped_on_blank_and_blank_reported(seed):
    seed.table3["carried_forward"]["total"] = None
    seed.table3["new_received"]["total"] = 5  # would break the balance if not skipped
    found = check_report(seed)
    assert [f for f in found if f.rule == "T3.BALANCE"] == []
    assert [f.where for f in found if f.rule == "VAL.BLANK"] == [
        "table3.carried_forward.total"
    ]
    assert {f.severity for f in found if f.rule == "VAL.BLANK"} == {"warning"}


# -------------------------------------------------------------------- T3.ROW_TOTAL
def test_row_total_fires(zero):
    zero.table3["granted"]["commercial"] = 2
    found = fired(zero, "T3.ROW_TOTAL")
    assert [f.where for f in found] == ["table3.granted.total"]
    assert "商业企业 2" in found[0].message and "= 2 ≠ 总计 0" in found[0].message
    assert found[0].message.startswith("表三「予以公开」行")


def test_row_total_quiet_and_skipped_on_blank(zero):
    zero.table3["granted"]["commercial"] = 2
    zero.table3["granted"]["total"] = 2
    assert fired(zero, "T3.ROW_TOTAL") == []
    zero.table3["granted"]["total"] = 9
    zero.table3["granted"]["research"] = None
    assert fired(zero, "T3.ROW_TOTAL") == []
    assert [f.where for f in fired(zero, "VAL.BLANK")] == ["table3.granted.research"]


# -------------------------------------------------------------------- T3.OUTCOME_TOTAL
def test_outcome_total_fires_naming_the_rows(seed):
    seed.table3["declined_duplicate"]["legal_services"] = 1
    found = fired(seed, "T3.OUTCOME_TOTAL")
    assert [f.where for f in found] == ["table3.processed_total.legal_services"]
    assert "不予处理·重复申请 1" in found[0].message
    assert found[0].message.endswith("≠ 办理结果总计 0")


def test_outcome_total_quiet_when_every_column_adds_up(zero):
    for i, row in enumerate(T3_OUTCOME_ROWS):
        zero.table3[row]["natural_person"] = i
        zero.table3[row]["total"] = i
    total = sum(range(len(T3_OUTCOME_ROWS)))
    for row in ("processed_total", "new_received"):
        zero.table3[row]["natural_person"] = zero.table3[row]["total"] = total
    assert check_report(zero) == []


def test_outcome_total_skipped_on_blank(seed):
    seed.table3["granted"]["total"] = None
    seed.table3["processed_total"]["total"] = 7
    assert all(
        f.where != "table3.processed_total.total"
        for f in fired(seed, "T3.OUTCOME_TOTAL")
    )


# -------------------------------------------------------------------- T4.GROUP_TOTAL
def test_group_total_fires(seed):
    seed.table4["litigation_direct"]["pending"] = 1
    found = fired(seed, "T4.GROUP_TOTAL")
    assert [f.where for f in found] == ["table4.litigation_direct.total"]
    assert found[0].message == (
        "表四 行政诉讼·未经复议直接起诉：结果维持 0 + 结果纠正 0 + 其他结果 0 + 尚未审结 1 = 1 ≠ 总计 0"
    )


def test_group_total_quiet_and_skipped_on_blank(seed):
    seed.table4["reconsideration"].update(upheld=2, corrected=1, total=3)
    assert fired(seed, "T4.GROUP_TOTAL") == []
    seed.table4["reconsideration"]["other"] = None
    seed.table4["reconsideration"]["total"] = 99
    assert fired(seed, "T4.GROUP_TOTAL") == []
    assert [f.where for f in fired(seed, "VAL.BLANK")] == [
        "table4.reconsideration.other"
    ]


def test_every_column_is_checked(zero):
    for col in T3_COLUMNS:
        zero.table3["new_received"][col] = 1
    assert len(fired(zero, "T3.BALANCE")) == len(T3_COLUMNS)
