from decimal import Decimal

import pytest

from gongkai.report.rules import check_report
from gongkai.report.textfigures import APPLICATIONS, text_figures
from tests.report.conftest import fired


def _say(report, text, section="overview"):
    report.sections[section] = text
    return report


def _applications(report, new, carried, forward=0):
    """Set table 3's total column to new/carried received, all granted."""
    for row, value in (
        ("new_received", new),
        ("carried_over", carried),
        ("granted", new + carried - forward),
        ("processed_total", new + carried - forward),
        ("carried_forward", forward),
    ):
        report.table3[row] = dict.fromkeys(report.table3[row], 0)
        report.table3[row]["natural_person"] = report.table3[row]["total"] = value
    report.table3["partially_granted"] = dict.fromkeys(
        report.table3["partially_granted"], 0
    )
    return report


def test_seed_text_figures_are_found_and_agree(seed):
    kinds = {f.kind: f.value for f in text_figures(seed)}
    assert kinds["in_force.normative_documents"] == 13
    assert kinds["licensing"] == 74
    assert kinds[APPLICATIONS] == 1
    assert fired(seed, "TXT.MISMATCH") == []
    assert fired(seed, "TXT.CONTRADICTION") == []


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("现行有效规范性文件12件。", "table2.normative_documents.in_force"),
        ("现行有效的行政规范性文件共 12 件。", "table2.normative_documents.in_force"),
        ("规范性文件现行有效12件。", "table2.normative_documents.in_force"),
        ("现行有效规范性文件１２件。", "table2.normative_documents.in_force"),
        ("现行有效规章 2 件。", "table2.regulations.in_force"),
        ("产生行政许可70条。", "table2.licensing.decisions"),
        ("作出 70 件行政许可决定。", "table2.licensing.decisions"),
        ("本年行政事业性收费 3 万元。", "table2.fees.amount_wan_yuan"),
    ],
)
def test_table2_figures_in_text_that_disagree_fire(seed, text, where):
    found = fired(_say(seed, text), "TXT.MISMATCH")
    assert [(f.where, f.severity) for f in found] == [(where, "warning")]
    assert "与表二" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "现行有效规范性文件13件，产生行政许可74条。",
        "现行有效规范性文件１３件。",
        "公开行政许可事项清单 120 项。",  # a list of matters, not decisions
        "本年行政事业性收费 0 万元。",
    ],
)
def test_table2_figures_in_text_that_agree_are_quiet(seed, text):
    assert fired(_say(seed, text), "TXT.MISMATCH") == []


@pytest.mark.parametrize(
    ("new", "carried", "stated", "fires"),
    [
        (5, 0, 5, False),
        (3, 2, 5, False),  # "收到 N 件" = new + carried over
        (3, 2, 3, False),  # … or just the new ones
        (3, 2, 4, True),
        (5, 0, 6, True),
    ],
)
def test_received_n_matches_new_or_new_plus_carried(seed, new, carried, stated, fires):
    _applications(seed, new, carried)
    _say(seed, f"2023年，共收到政府信息公开申请{stated}件，均已按时答复。")
    assert (
        check_report(seed, only=["T3.BALANCE", "T3.ROW_TOTAL", "T3.OUTCOME_TOTAL"])
        == []
    )
    found = fired(seed, "TXT.MISMATCH")
    assert bool(found) is fires
    if fires:
        assert found[0].where == "table3.new_received.total"
        assert f"为 {stated} 件" in found[0].message


def test_received_n_per_applicant_type(seed):
    # seed: "收到 1 名自然人申请公开政府信息 1 件" — natural persons 1, total 1.
    seed.table3["new_received"]["commercial"] = 1
    seed.table3["new_received"]["total"] = 2
    assert fired(seed, "TXT.MISMATCH") == []  # still right for natural persons
    seed.table3["new_received"]["natural_person"] = 0
    seed.table3["new_received"]["total"] = 1
    assert fired(seed, "TXT.MISMATCH") == []  # right for the total
    seed.table3["new_received"]["total"] = 3
    assert len(fired(seed, "TXT.MISMATCH")) == 1


def test_received_skipped_when_table_is_blank(seed):
    seed.table3["new_received"]["total"] = None
    _say(seed, "收到政府信息公开申请 9 件。")
    assert fired(seed, "TXT.MISMATCH") == []
    assert "table3.new_received.total" in [f.where for f in fired(seed, "VAL.BLANK")]


@pytest.mark.parametrize(
    "text",
    [
        "收到行政复议申请 3 件。",
        "办结政协提案申请 4 件。收到建议 2 件。",
        "受理 12345 热线转办申请 30 件。",
    ],
)
def test_other_kinds_of_application_are_not_compared(seed, text):
    assert fired(_say(seed, text), "TXT.MISMATCH") == []


def test_received_in_section_three_text_is_read(seed):
    _say(seed, "本年度收到申请 4 件。", section="applications")
    assert [f.where for f in fired(seed, "TXT.MISMATCH")] == [
        "table3.new_received.total"
    ]


def test_info_fee_amounts_that_disagree_fire(seed):
    _say(seed, "收取信息处理费 200 元。信息处理费合计 0.05 万元。", section="other")
    found = fired(seed, "TXT.MISMATCH")
    assert len(found) == 1 and "信息处理费金额前后不一" in found[0].message


def test_info_fee_amounts_in_both_units_that_agree_are_quiet(seed):
    _say(seed, "收取信息处理费 200 元。信息处理费合计 0.02 万元。", section="other")
    assert fired(seed, "TXT.MISMATCH") == []


# -------------------------------------------------------------------- TXT.CONTRADICTION
def test_all_completed_but_carried_forward(seed):
    _applications(seed, 3, 0, forward=1)
    _say(seed, "收到政府信息公开申请3件，均已按期办结。")
    found = fired(seed, "TXT.CONTRADICTION")
    assert [f.severity for f in found] == ["warning"]
    assert "结转下年度继续办理为 1" in found[0].message


def test_all_completed_and_nothing_carried_is_quiet(seed):
    _applications(seed, 3, 0)
    _say(seed, "收到政府信息公开申请3件，均已按期办结。")
    assert fired(seed, "TXT.CONTRADICTION") == []


def test_completed_proposals_are_not_applications(seed):
    _applications(seed, 3, 0, forward=1)
    _say(seed, "收到政府信息公开申请3件。建议提案申请全部办结。")
    assert fired(seed, "TXT.CONTRADICTION") == []


def test_no_info_fee_claimed_but_fee_stated(seed):
    _say(seed, "本机关未收取政府信息处理费。共收取信息处理费 300 元。", section="other")
    found = fired(seed, "TXT.CONTRADICTION")
    assert len(found) == 1 and "300" in found[0].message


def test_no_info_fee_with_administrative_fees_is_quiet(seed):
    # 行政事业性收费 (table 2) is not the 信息处理费: no contradiction.
    seed.set_cell("table2.fees.amount_wan_yuan", Decimal("12.5"))
    assert fired(seed, "TXT.CONTRADICTION") == []
    assert fired(seed, "TXT.MISMATCH") == []


def test_no_fee_at_all_but_administrative_fees_reported(seed):
    seed.set_cell("table2.fees.amount_wan_yuan", Decimal("12.5"))
    _say(seed, "本年度未收取任何费用。", section="other")
    found = fired(seed, "TXT.CONTRADICTION")
    assert len(found) == 1 and "12.5 万元" in found[0].message


# Sentences from the real reports under shared/examples (copied here).
SHANGHAI = "全年收到政府信息公开申请 34 件，上年结转政府信息公开\n申请 2 件，所有申请均已按要求办理完成。"
PINGTAN = "2021年，共收到70件申请，及时依法依规办结69件，按时办结率100%。"


def test_line_break_inside_a_sentence_is_read(seed):
    _applications(seed, 34, 2)
    _say(seed, SHANGHAI)
    assert fired(seed, "TXT.MISMATCH") == []
    assert fired(seed, "TXT.CONTRADICTION") == []
    _applications(seed, 34, 2, forward=1)
    found = fired(seed, "TXT.CONTRADICTION")
    assert len(found) == 1 and "\n" not in found[0].message


def test_number_right_after_the_verb_is_the_one_received(seed):
    _applications(seed, 70, 0)
    _say(seed, PINGTAN)
    assert [f.value for f in text_figures(seed) if f.kind == APPLICATIONS] == [70]
    assert fired(seed, "TXT.MISMATCH") == []
