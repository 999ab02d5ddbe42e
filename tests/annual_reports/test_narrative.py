"""The drafted narrative states the year's figures in the agencies' wording, and the
text rules (TXT.MISMATCH, TXT.CONTRADICTION) stay quiet on it whatever the figures."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.annual_reports.narrative import (
    GAP_MARK,
    has_gaps,
    report_draft_narrative,
    report_draft_preamble,
    self_reference,
)
from gongkai.annual_reports.sources import MediaFigures, RecordFigures
from gongkai.report.model import (
    T2_ROWS,
    T3_APPLICANT_COLUMNS,
    T3_OUTCOME_ROWS,
    T4_CELLS,
    T4_GROUPS,
    Report,
)
from gongkai.report.rules import check_report

SEED_TABLE2 = {
    "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
    "normative_documents": {"issued": 0, "repealed": 1, "in_force": 13},
    "licensing": {"decisions": 74},
    "penalties": {"decisions": 0},
    "enforcement": {"decisions": 0},
    "fees": {"amount_wan_yuan": Decimal(0)},
}


def zero_table3():
    rows = ("new_received", "carried_over", *T3_OUTCOME_ROWS)
    rows += ("processed_total", "carried_forward")
    return {row: dict.fromkeys((*T3_APPLICANT_COLUMNS, "total"), 0) for row in rows}


def zero_table4():
    return {group: dict.fromkeys(T4_CELLS, 0) for group in T4_GROUPS}


def seed_figures():
    table3 = zero_table3()
    for row in ("new_received", "partially_granted", "processed_total"):
        table3[row]["natural_person"] = table3[row]["total"] = 1
    return RecordFigures(
        table2=SEED_TABLE2,
        table3=table3,
        table4=zero_table4(),
        documents_published=47,
        information_published=61,
        reconsideration_decisions_published=37,
        interpretations=10,
        new_media=[MediaFigures("wechat", "法治中卫", 233, 1376)],
        applicants={"natural_person": 1},
    )


def justice_bureau():
    government = Agency(name="中卫市人民政府", kind=AgencyKind.GOVERNMENT)
    return Agency(
        name="中卫市司法局",
        kind=AgencyKind.DEPARTMENT,
        parent=government,
        office_name="中卫市司法局办公室",
        address="中卫市沙坡头区利民街3号",
        postcode="755000",
        phone="0955—7068636",
        email="zwsfj@163.com",
        website="https://www.nxzw.gov.cn/",
    )


def report_with(agency, figures, year=2023):
    report = Report.empty(agency=agency.name, year=year)
    for table in ("table2", "table3", "table4"):
        for row, cells in getattr(figures, table).items():
            for cell, value in cells.items():
                report.set_cell(f"{table}.{row}.{cell}", value)
    report.sections = report_draft_narrative(agency=agency, year=year, stats=figures)
    report.preamble = report_draft_preamble(agency=agency, year=year)
    return report


def test_draft_states_the_seed_figures_in_the_agencies_wording():
    texts = report_draft_narrative(
        agency=justice_bureau(), year=2023, stats=seed_figures()
    )
    overview = texts["overview"]
    assert (
        "2023 年，我局在中卫市人民政府门户网站主动公开文件 47 份、信息 61 条"
        in overview
    )
    assert "在“法治中卫”微信公众号发布信息 233 期 1376 篇" in overview
    assert "收到 1 名自然人申请公开政府信息 1 件" in overview
    assert "部分公开 1 件" in overview
    assert "无因政府信息公开导致行政复议、行政诉讼案件" in overview
    assert "现行有效规范性文件 13 件" in overview
    assert "废止规范性文件 1 件" in overview
    assert "作出行政许可决定 74 件" in overview
    assert "公开《行政复议决定书》37 件" in overview
    assert "发布政策解读 10 件" in overview
    assert "本机关 2023 年未收取政府信息处理费" in texts["other"]
    # Sections 二–四 hold only their tables, as in the published reports.
    assert texts["proactive"] == texts["applications"] == texts["appeals"] == ""


def test_drafted_seed_report_raises_no_text_finding():
    agency = justice_bureau()
    findings = check_report(report_with(agency, seed_figures()))
    assert [f for f in findings if f.rule.startswith("TXT.")] == []
    assert [f for f in findings if f.severity == "error"] == []


def test_preamble_has_legal_basis_period_download_and_contact():
    preamble = report_draft_preamble(agency=justice_bureau(), year=2023)
    first, second = preamble.split("\n")
    assert "国办公开办函〔2021〕30 号" in first
    assert "2023 年 1 月 1 日至 2023 年 12 月 31 日" in first
    assert second == (
        "本报告电子版可在中卫市人民政府门户网站下载（https://www.nxzw.gov.cn/）。"
        "如对本报告有任何疑问，请与中卫市司法局办公室联系（地址：中卫市沙坡头区利民街3号；"
        "邮编：755000；电话：0955—7068636；电子邮箱：zwsfj@163.com）。"
    )


def test_self_reference_follows_the_kind_of_agency():
    assert self_reference(Agency(name="甲市司法局", kind="department")) == "我局"
    assert (
        self_reference(Agency(name="甲市发展和改革委员会", kind="department")) == "我委"
    )
    assert self_reference(Agency(name="中卫市人民政府", kind="government")) == "我市"
    assert self_reference(Agency(name="海原县人民政府", kind="government")) == "我县"
    assert self_reference(Agency(name="沙坡头区人民政府", kind="government")) == "我区"
    assert self_reference(Agency(name="某某研究会", kind="department")) == "本机关"


def test_fee_collected_is_stated_and_appeals_are_counted():
    figures = seed_figures()
    figures.fees_collected_yuan = Decimal("300.00")
    figures.table4["reconsideration"].update(upheld=1, total=1)
    figures.table4["litigation_direct"].update(pending=2, total=2)
    texts = report_draft_narrative(agency=justice_bureau(), year=2023, stats=figures)
    assert "本机关 2023 年收取政府信息处理费 300 元" in texts["other"]
    assert "未收取" not in texts["other"]
    assert "行政复议 1 件、行政诉讼 2 件" in texts["overview"]
    assert "无因政府信息公开导致" not in texts["overview"]


def test_gaps_are_marked_for_what_only_the_office_knows():
    texts = report_draft_narrative(
        agency=justice_bureau(), year=2023, stats=seed_figures()
    )
    assert GAP_MARK in texts["overview"]
    assert set(has_gaps(texts)) == {"overview", "problems", "other"}
    texts["problems"] = "已写好。"
    assert "problems" not in has_gaps(texts)


# --- property: whatever the figures, the drafted text agrees with the tables ---

counts = st.integers(min_value=0, max_value=30)


@st.composite
def figures_strategy(draw):
    table3 = zero_table3()
    for column in T3_APPLICANT_COLUMNS:
        outcomes = {row: draw(st.integers(0, 4)) for row in T3_OUTCOME_ROWS}
        processed = sum(outcomes.values())
        forward = draw(st.integers(0, 5))
        carried = draw(st.integers(0, processed + forward))
        for row, value in outcomes.items():
            table3[row][column] = value
        table3["processed_total"][column] = processed
        table3["carried_forward"][column] = forward
        table3["carried_over"][column] = carried
        table3["new_received"][column] = processed + forward - carried
    for cells in table3.values():
        cells["total"] = sum(cells[c] for c in T3_APPLICANT_COLUMNS)
    table4 = zero_table4()
    for group in T4_GROUPS:
        for cell in ("upheld", "corrected", "other", "pending"):
            table4[group][cell] = draw(st.integers(0, 2))
        table4[group]["total"] = sum(
            table4[group][c] for c in ("upheld", "corrected", "other", "pending")
        )
    table2 = {
        row: {cell: draw(st.none() | counts) for cell in cells}
        for row, cells in T2_ROWS.items()
    }
    table2["fees"] = {"amount_wan_yuan": draw(st.none() | st.just(Decimal("1.5")))}
    applicants = {c: draw(st.integers(1, 3)) for c in T3_APPLICANT_COLUMNS}
    return RecordFigures(
        table2=table2,
        table3=table3,
        table4=table4,
        documents_published=draw(counts),
        information_published=draw(counts),
        reconsideration_decisions_published=draw(counts),
        interpretations=draw(counts),
        consultations=draw(counts),
        new_media=[MediaFigures("weibo", "某某发布", draw(counts), draw(counts))],
        fees_collected_yuan=draw(st.sampled_from([Decimal(0), Decimal("120.5")])),
        applicants=applicants,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    figures=figures_strategy(),
    kind=st.sampled_from(["department", "government"]),
)
def test_text_rules_stay_quiet_on_any_drafted_narrative(figures, kind):
    name = "乙市人民政府" if kind == "government" else "乙市交通运输局"
    agency = Agency(name=name, kind=kind)
    report = report_with(agency, figures)
    findings = check_report(report, only=["TXT.MISMATCH", "TXT.CONTRADICTION"])
    assert findings == [], report.sections["overview"]
