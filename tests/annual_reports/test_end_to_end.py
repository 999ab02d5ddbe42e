"""Acceptance: ``gongkai demo load`` then ``gongkai report build --agency 中卫市司法局
--year 2023 --json`` prints the seed report's tables cell for cell (spec §7), with no
error finding, and the rendered HTML shows the same numbers in the official layout."""

import json

from django.core.management import call_command

import pytest
from bs4 import BeautifulSoup

from gongkai.annual_reports.management.commands.report import Command
from gongkai.report.jsonio import report_from_json
from gongkai.report.model import T3_COLUMNS, T3_ROWS, T4_CELLS, T4_GROUPS
from gongkai.report.render import render_html

# annual-report-spec.md §7, typed in from the seed report.
SEED_TABLE2 = {
    "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
    "normative_documents": {"issued": 0, "repealed": 1, "in_force": 13},
    "licensing": {"decisions": 74},
    "penalties": {"decisions": 0},
    "enforcement": {"decisions": 0},
    "fees": {"amount_wan_yuan": "0"},
}
SEED_TABLE3 = {row: dict.fromkeys(T3_COLUMNS, 0) for row in T3_ROWS}
for _row in ("new_received", "partially_granted", "processed_total"):
    SEED_TABLE3[_row].update(natural_person=1, total=1)
SEED_TABLE4 = {group: dict.fromkeys(T4_CELLS, 0) for group in T4_GROUPS}


def run_build(capsys, *args):
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["gongkai", "report", "build", *args])
    captured = capsys.readouterr()
    return exited.value.code, captured.out, captured.err


@pytest.mark.slow
def test_demo_build_reproduces_the_seed_report(db, capsys):
    call_command("demo", "load")
    capsys.readouterr()
    code, out, err = run_build(
        capsys, "--agency", "中卫市司法局", "--year", "2023", "--json"
    )
    data = json.loads(out)
    assert data["table2"] == SEED_TABLE2
    assert data["table3"] == SEED_TABLE3
    assert data["table4"] == SEED_TABLE4
    assert [f for f in data["findings"] if f["severity"] == "error"] == []
    assert code == 0, err

    report = report_from_json({k: v for k, v in data.items() if k != "findings"})
    page = BeautifulSoup(render_html(report), "html.parser")
    shown = {td["data-cell"]: td.get_text() for td in page.select("td[data-cell]")}
    assert shown["table2.normative_documents.in_force"] == "13"
    assert shown["table2.normative_documents.repealed"] == "1"
    assert shown["table2.licensing.decisions"] == "74"
    assert shown["table3.new_received.natural_person"] == "1"
    assert shown["table3.partially_granted.total"] == "1"
    assert shown["table3.carried_forward.total"] == "0"
    assert shown["table4.reconsideration.total"] == "0"
    text = page.get_text()
    assert "主动公开文件 47 份、信息 61 条" in text
    assert "收到 1 名自然人申请公开政府信息 1 件" in text
