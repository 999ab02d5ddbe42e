from gongkai.report.jsonio import report_from_json, report_to_json
from gongkai.report.rules import check_report
from tests.report.conftest import fired


def test_missing_section_fires(seed):
    seed.sections["problems"] = None
    found = fired(seed, "FMT.SECTION_MISSING")
    assert [(f.where, f.severity) for f in found] == [("sections.problems", "error")]
    assert "五、存在的主要问题及改进情况" in found[0].message


def test_empty_section_text_is_present(seed):
    assert seed.sections["proactive"] == ""
    assert fired(seed, "FMT.SECTION_MISSING") == []


def test_sections_out_of_order_fire(seed):
    seed.section_order = [
        "overview",
        "applications",
        "proactive",
        "appeals",
        "problems",
        "other",
    ]
    found = fired(seed, "FMT.SECTION_MISSING")
    assert [f.where for f in found] == ["sections"]
    assert "一、三、二、四、五、六" in found[0].message


def test_sections_in_order_quiet(seed):
    seed.section_order = [
        "overview",
        "proactive",
        "applications",
        "appeals",
        "problems",
        "other",
    ]
    assert fired(seed, "FMT.SECTION_MISSING") == []


def test_missing_row_fires_and_its_cells_are_not_blank_findings(seed):
    data = report_to_json(seed)
    del data["table3"]["withheld_state_secret"]
    report = report_from_json(data)
    found = check_report(report)
    assert [(f.rule, f.where) for f in found] == [
        ("FMT.ROW_MISSING", "table3.withheld_state_secret")
    ]
    assert found[0].message == "缺少表三「不予公开·属于国家秘密」行"


def test_missing_table2_row_and_table4_group(seed):
    seed.missing_rows = ["table2.fees", "table4.litigation_direct"]
    assert [f.message for f in fired(seed, "FMT.ROW_MISSING")] == [
        "缺少表二「行政事业性收费」行",
        "缺少表四「行政诉讼·未经复议直接起诉」",
    ]


def test_legacy_labels_warn(seed):
    assert fired(seed, "FMT.LEGACY") == []
    seed.legacy_labels = ["本年新制作数量"]
    found = fired(seed, "FMT.LEGACY")
    assert [(f.where, f.severity) for f in found] == [("本年新制作数量", "warning")]
