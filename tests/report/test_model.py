from decimal import Decimal

import pytest

from gongkai.report.model import (
    SECTION_KEYS,
    T3_APPLICANT_COLUMNS,
    T3_COLUMNS,
    T3_OUTCOME_ROWS,
    T3_ROWS,
    T4_CELLS,
    T4_GROUPS,
    Report,
    all_cell_paths,
    cell_label,
)


def test_constants_follow_the_spec():
    assert SECTION_KEYS == (
        "overview",
        "proactive",
        "applications",
        "appeals",
        "problems",
        "other",
    )
    assert len(T3_ROWS) == 25
    assert T3_OUTCOME_ROWS[0] == "granted" and T3_OUTCOME_ROWS[-1] == "other_other"
    assert len(T3_OUTCOME_ROWS) == 21
    assert T3_COLUMNS[-1] == "total" and len(T3_APPLICANT_COLUMNS) == 6
    assert len(T4_GROUPS) == 3 and len(T4_CELLS) == 5
    assert len(all_cell_paths()) == 10 + 25 * 7 + 3 * 5


def test_empty_report_is_all_blank():
    report = Report.empty(agency="某局", year=2023)
    assert all(report.cell(path) is None for path in all_cell_paths())
    assert all(text is None for text in report.sections.values())


def test_cell_and_set_cell_by_path():
    report = Report.empty(agency="某局", year=2023)
    report.set_cell("table3.carried_forward.total", 0)
    report.set_cell("table2.fees.amount_wan_yuan", Decimal("12.5"))
    assert report.cell("table3.carried_forward.total") == 0
    assert report.table3["carried_forward"]["total"] == 0
    assert report.cell("table2.fees.amount_wan_yuan") == Decimal("12.5")
    assert report.cell("table4.reconsideration.upheld") is None


@pytest.mark.parametrize(
    "path", ["table3.nope.total", "table5.a.b", "table3.granted", "table2.fees.issued"]
)
def test_bad_paths_are_refused(path):
    report = Report.empty(agency="某局", year=2023)
    with pytest.raises(KeyError):
        report.cell(path)


def test_cell_label_names_row_and_column():
    assert (
        cell_label("table3.granted.natural_person") == "表三「予以公开」行「自然人」列"
    )
    assert cell_label("table4.reconsideration.total") == "表四「行政复议」总计"


def test_seed_fixture_has_the_seed_numbers(seed):
    assert seed.table2["normative_documents"] == {
        "issued": 0,
        "repealed": 1,
        "in_force": 13,
    }
    assert seed.table2["licensing"]["decisions"] == 74
    assert seed.cell("table2.fees.amount_wan_yuan") == Decimal("0")
    assert seed.table3["partially_granted"]["natural_person"] == 1
    assert seed.table3["processed_total"]["total"] == 1
    assert seed.cell("table3.carried_forward.total") == 0
    assert all(seed.cell(f"table4.{g}.{c}") == 0 for g in T4_GROUPS for c in T4_CELLS)
    assert "收到 1 名自然人申请公开政府信息 1 件" in seed.sections["overview"]
