"""The real reports: every cell of tables 2–4, written out by hand from the source files.

Expected values were read off the fixtures by a person, not produced by the checker:
- seed: the tab-separated tables of the file (spec §7 lists the same numbers);
- Pingtan: the glued digit runs, cut by hand so that every row total, column balance
  and outcome total holds (``640020470`` = 64|0|0|2|0|4|70 …); table 2's
  行政规范性文件 run ``693665`` has no identity to cut it by, so it stays blank;
- Shanghai: the numbered rows in the order the source prints them, the unlabelled rows
  between them in the format's order; 四、结转下年度 / 总计 is blank in the source.
"""

from datetime import date
from decimal import Decimal

from gongkai.report.model import T3_COLUMNS, T3_ROWS, T4_CELLS, T4_GROUPS
from gongkai.report.parsers.checker import check_bytes


def t3(rows: dict[str, list]) -> dict[str, dict]:
    """Table 3 from {row: [7 values]}; rows not given are all 0."""
    return {
        row: dict(zip(T3_COLUMNS, rows.get(row, [0] * 7), strict=True))
        for row in T3_ROWS
    }


def t4(groups: dict[str, list]) -> dict[str, dict]:
    return {g: dict(zip(T4_CELLS, groups[g], strict=True)) for g in T4_GROUPS}


def t2(regs, norm, licensing, penalties, enforcement, fee) -> dict[str, dict]:
    keys = ("issued", "repealed", "in_force")
    return {
        "regulations": dict(zip(keys, regs, strict=True)),
        "normative_documents": dict(zip(keys, norm, strict=True)),
        "licensing": {"decisions": licensing},
        "penalties": {"decisions": penalties},
        "enforcement": {"decisions": enforcement},
        "fees": {"amount_wan_yuan": fee},
    }


def row_paths(table: str, row: str, cells=T3_COLUMNS) -> set[str]:
    return {f"{table}.{row}.{c}" for c in cells}


def test_seed_every_cell_and_no_error(fixture_bytes):
    result = check_bytes(
        fixture_bytes("zhongwei-justice-bureau-2023-annual-report.txt"), name="seed"
    )
    report = result.report
    assert report is not None
    assert (report.agency, report.year, report.level) == (
        "中卫市司法局",
        2023,
        "department",
    )
    assert report.published_on is None
    assert report.table2 == t2((0, 0, 0), (0, 1, 13), 74, 0, 0, Decimal("0"))
    one = [1, 0, 0, 0, 0, 0, 1]
    assert report.table3 == t3(
        {"new_received": one, "partially_granted": one, "processed_total": one}
    )
    assert report.table4 == t4({g: [0] * 5 for g in T4_GROUPS})
    assert (
        report.inferred == [] and report.uncertain == [] and report.missing_rows == []
    )
    assert [f for f in result.findings if f.severity == "error"] == []
    assert all(report.sections[k] is not None for k in report.sections)
    assert report.preamble.startswith("根据《中华人民共和国政府信息公开条例》")


PINGTAN_T3 = {
    "new_received": [64, 0, 0, 2, 0, 4, 70],
    "granted": [27, 0, 0, 2, 0, 1, 30],
    "partially_granted": [5, 0, 0, 0, 0, 0, 5],
    "withheld_internal_affairs": [1, 0, 0, 0, 0, 0, 1],
    "withheld_enforcement_file": [6, 0, 0, 0, 0, 0, 6],
    "withheld_inquiry_matter": [1, 0, 0, 0, 0, 0, 1],
    "unavailable_not_held": [22, 0, 0, 0, 0, 3, 25],
    "other_other": [1, 0, 0, 0, 0, 0, 1],
    "processed_total": [63, 0, 0, 2, 0, 4, 69],
    "carried_forward": [1, 0, 0, 0, 0, 0, 1],
}


def test_pingtan_glued_tables_recovered_through_the_identities(fixture_bytes):
    result = check_bytes(fixture_bytes("pingtan-zone-2021.txt"), name="pingtan")
    report = result.report
    assert report is not None
    assert (report.agency, report.year, report.level) == (
        "平潭综合实验区",
        2021,
        "government",
    )
    assert report.published_on == date(2022, 2, 8)
    assert report.table3 == t3(PINGTAN_T3)
    assert report.table4 == t4(
        {
            "reconsideration": [1, 0, 2, 0, 3],
            "litigation_direct": [12, 0, 0, 0, 12],
            "litigation_after_reconsideration": [0, 0, 0, 0, 0],
        }
    )
    none3 = (None, None, None)
    assert report.table2 == t2(
        (0, 0, 0), none3, 2293, 1282, 42, Decimal("24252.311082")
    )
    # Rows whose digit runs had several cuts, settled by the identities: inferred.
    glued = ("new_received", "granted", "unavailable_not_held", "processed_total")
    expected_inferred = set().union(*(row_paths("table3", r) for r in glued))
    for group in T4_GROUPS:
        expected_inferred |= row_paths("table4", group, T4_CELLS)
    assert set(report.inferred) == expected_inferred
    # 693665 is 3 cells with no identity to cut it by: blank and uncertain, not guessed.
    assert set(report.uncertain) == row_paths(
        "table2", "normative_documents", ("issued", "repealed", "in_force")
    )
    uncertain = {f.where for f in result.findings if f.rule == "VAL.UNCERTAIN"}
    assert uncertain == set(report.uncertain)
    assert not [f for f in result.findings if f.rule.startswith(("T3.", "T4."))]
    assert report.preamble.startswith("根据《中华人民共和国政府信息公开条例》")
    assert "当前位置" not in report.preamble


SHANGHAI_T3 = {
    "new_received": [32, 2, 0, 0, 0, 0, 34],
    "carried_over": [2, 0, 0, 0, 0, 0, 2],
    "granted": [9, 0, 0, 0, 0, 0, 9],
    "withheld_internal_affairs": [1, 0, 0, 0, 0, 0, 1],
    "withheld_process_info": [1, 0, 0, 0, 0, 0, 1],
    "unavailable_not_held": [4, 0, 0, 0, 0, 0, 4],
    "unavailable_needs_creation": [6, 0, 0, 0, 0, 0, 6],
    "other_no_correction": [8, 2, 0, 0, 0, 0, 10],
    "other_other": [4, 0, 0, 0, 0, 0, 4],
    "processed_total": [33, 2, 0, 0, 0, 0, 35],
    "carried_forward": [1, 0, 0, 0, 0, 0, None],
}


def test_shanghai_scrambled_markdown(fixture_bytes):
    result = check_bytes(fixture_bytes("shanghai-stcsm-2024.md"), name="shanghai")
    report = result.report
    assert report is not None
    assert (report.agency, report.year, report.level) == (
        "上海市科委",
        2024,
        "department",
    )
    assert report.table2 == t2((0, 0, 0), (13, 0, 55), 97, 0, 0, Decimal("0"))
    assert report.table3 == t3(SHANGHAI_T3)
    assert report.table4 == t4(
        {
            "reconsideration": [1, 0, 0, 0, 1],
            "litigation_direct": [0] * 5,
            "litigation_after_reconsideration": [0] * 5,
        }
    )
    # The blank cell is reported as blank, not filled in from the balance.
    blank = [f for f in result.findings if f.rule == "VAL.BLANK"]
    assert [f.where for f in blank] == ["table3.carried_forward.total"]
    assert report.uncertain == [] and report.missing_rows == []
    assert not result.has_errors
    # Rows without their own label were placed between labelled rows: inferred.
    placed = (
        "partially_granted",
        "withheld_law_prohibited",
        "withheld_internal_affairs",
        "unavailable_not_held",
        "unavailable_needs_creation",
        "unavailable_still_unclear",
        "declined_excessive",
        "declined_confirmation",
        "other_no_correction",
        "other_fee_unpaid",
    )
    assert set(report.inferred) == set().union(
        *(row_paths("table3", r) for r in placed)
    )
    assert report.sections["problems"].startswith("（一）主要问题")
