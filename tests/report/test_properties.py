"""Property tests: consistent reports pass, any single perturbation is caught, JSON
round-trips losslessly."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.jsonio import report_dumps, report_from_json, report_to_json
from gongkai.report.model import (
    SECTION_KEYS,
    T2_FEE_CELL,
    T2_ROWS,
    T3_APPLICANT_COLUMNS,
    T3_OUTCOME_ROWS,
    T4_CELLS,
    T4_GROUPS,
    TABLES,
    Report,
    all_cell_paths,
)
from gongkai.report.rules import check_report, has_errors

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
small = st.integers(min_value=0, max_value=6)
fees = st.decimals(
    min_value=0, max_value=9999, places=2, allow_nan=False, allow_infinity=False
)


@st.composite
def t3_column(draw):
    """One applicant column of table 3 that satisfies the 勾稽关系."""
    outcomes = {row: draw(st.integers(0, 3)) for row in T3_OUTCOME_ROWS}
    processed = sum(outcomes.values())
    forward = draw(small)
    carried = draw(st.integers(0, processed + forward))
    return {
        **outcomes,
        "processed_total": processed,
        "carried_forward": forward,
        "carried_over": carried,
        "new_received": processed + forward - carried,
    }


@st.composite
def consistent_reports(draw):
    report = Report.zero(agency="某某局", year=draw(st.integers(2019, 2030)))
    report.level = draw(st.sampled_from(["department", "government"]))
    for col in T3_APPLICANT_COLUMNS:
        for row, value in draw(t3_column()).items():
            report.table3[row][col] = value
    for cells in report.table3.values():
        cells["total"] = sum(cells[c] for c in T3_APPLICANT_COLUMNS)
    for group in T4_GROUPS:
        parts = [draw(small) for _ in T4_CELLS[:-1]]
        report.table4[group] = dict(zip(T4_CELLS, [*parts, sum(parts)], strict=True))
    for row, cells in T2_ROWS.items():
        for cell in cells:
            path = f"table2.{row}.{cell}"
            report.set_cell(
                path, draw(fees) if path == T2_FEE_CELL else draw(st.integers(0, 500))
            )
    return report


@SETTINGS
@given(consistent_reports())
def test_consistent_report_passes_every_error_rule(report):
    assert not has_errors(check_report(report))


T34_PATHS = [p for p in all_cell_paths() if not p.startswith("table2.")]
T2_PATHS = [p for p in all_cell_paths() if p.startswith("table2.")]


@SETTINGS
@given(
    consistent_reports(),
    st.sampled_from(T34_PATHS),
    st.integers(-5, 5).filter(bool),
)
def test_perturbing_any_cell_of_tables_3_and_4_is_caught(report, path, delta):
    report.set_cell(path, report.cell(path) + delta)
    assert has_errors(check_report(report)), path


@SETTINGS
@given(consistent_reports(), st.sampled_from(T2_PATHS), st.booleans())
def test_perturbing_table_2_into_an_invalid_value_is_caught(report, path, negative):
    # Table 2 has no identity inside one report: any count is possible there, so
    # only an impossible value (negative, or a fraction of a count) is an error.
    value = report.cell(path)
    if negative or path == T2_FEE_CELL:
        report.set_cell(path, -value - 1)
    else:
        report.set_cell(path, value + Decimal("0.5"))
    assert has_errors(check_report(report)), path


@SETTINGS
@given(consistent_reports(), st.sampled_from(all_cell_paths()))
def test_blanking_any_cell_skips_rules_and_reports_it(report, path):
    report.set_cell(path, None)
    findings = check_report(report)
    assert not has_errors(findings)
    assert [f.where for f in findings if f.rule == "VAL.BLANK"] == [path]


cells = st.one_of(st.none(), st.integers(-10, 10_000))


@st.composite
def any_reports(draw):
    """Arbitrary reports, blanks, absent rows and parser notes included."""
    report = Report.empty(
        agency=draw(st.text(min_size=1, max_size=12).filter(str.strip)),
        year=draw(st.integers(1900, 2999)),
        level=draw(st.sampled_from(["department", "government"])),
    )
    report.published_on = draw(st.none() | st.dates())
    report.preamble = draw(st.text(max_size=40))
    report.sections = {k: draw(st.none() | st.text(max_size=40)) for k in SECTION_KEYS}
    paths = all_cell_paths()
    for path in paths:
        value = draw(st.none() | fees) if path == T2_FEE_CELL else draw(cells)
        report.set_cell(path, value)
    rows = [f"{t}.{r}" for t, rs in TABLES.items() for r in rs]
    report.missing_rows = sorted(
        draw(st.sets(st.sampled_from(rows), max_size=3)), key=rows.index
    )
    for row_path in report.missing_rows:
        table, row = row_path.split(".")
        report.table(table)[row] = dict.fromkeys(report.table(table)[row])
    report.inferred = draw(st.lists(st.sampled_from(paths), max_size=3))
    report.uncertain = draw(st.lists(st.sampled_from(paths), max_size=3))
    report.legacy_labels = draw(st.lists(st.text(max_size=8), max_size=2))
    return report


@SETTINGS
@given(any_reports())
def test_json_round_trips_losslessly(report):
    assert report_from_json(report_to_json(report)) == report
    assert report_from_json(report_dumps(report)) == report
