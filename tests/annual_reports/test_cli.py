"""``gongkai report build``: JSON in the spec's shape, renderings, Chinese errors."""

import json

import pytest

from gongkai.annual_reports.management.commands.report import Command
from gongkai.report.jsonio import report_from_json


def run(capsys, *args):
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["gongkai", "report", "build", *args])
    captured = capsys.readouterr()
    return exited.value.code, captured.out, captured.err


def test_json_is_the_spec_shape_with_findings(dept, capsys):
    code, out, err = run(capsys, "--agency", dept.name, "--year", "2023", "--json")
    data = json.loads(out)
    findings = data.pop("findings")
    report = report_from_json(data)  # refuses anything not in the spec's shape
    assert report.agency == dept.name and report.year == 2023
    assert {f["rule"] for f in findings} == {"VAL.BLANK"}  # table 2 not entered
    assert code == 0


def test_agency_found_by_organisation_code(dept, capsys):
    code, out, _err = run(capsys, "--agency", dept.org_code, "--year", "2023")
    assert json.loads(out)["agency"] == dept.name and code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agency", "不存在的局", "--year", "2023"], "找不到"),
        (["--agency", "甲市司法局", "--year", "二〇二三"], "年度须为整数"),
        (["--agency", "甲市司法局", "--year", "1999"], "报告年度须在"),
        (["--agency", "甲市司法局", "--year", "2023", "--format", "pdf"], "-o"),
    ],
)
def test_unusable_input_exits_2_with_a_chinese_message(dept, capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert message in err and "Traceback" not in err


def test_renders_html_to_a_file(dept, capsys, tmp_path):
    target = tmp_path / "r.html"
    code, _out, _err = run(
        capsys,
        "--agency",
        dept.name,
        "--year",
        "2023",
        "--format",
        "html",
        "-o",
        str(target),
    )
    html = target.read_text(encoding="utf-8")
    assert code == 0
    assert "甲市司法局" in html and 'data-cell="table3.new_received.total"' in html


def test_error_findings_exit_1(dept, clerk, capsys):
    from gongkai.annual_reports.services import report_override_cell, report_start

    report = report_start(acting_user=clerk, agency=dept, year=2023)
    report_override_cell(
        acting_user=clerk,
        report=report,
        path="table3.granted.total",
        value=2,
        reason="测试",
    )
    code, out, _err = run(capsys, "--agency", dept.name, "--year", "2023")
    assert code == 1
    assert "T3.ROW_TOTAL" in {f["rule"] for f in json.loads(out)["findings"]}


def test_help_lists_the_build_subcommand(capsys):
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["gongkai", "report", "--help"])
    out = capsys.readouterr().out
    assert exited.value.code == 0
    assert "render" in out and "gongkai report build --agency" in out
