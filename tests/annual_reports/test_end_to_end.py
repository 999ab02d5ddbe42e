"""Acceptance: ``gongkai demo load`` then ``gongkai report build --agency 中卫市司法局
--year 2023 --json`` prints the seed report's tables cell for cell (spec §7), with no
error finding, and the rendered HTML shows the same numbers in the official layout."""

import io
import json

from django.core.management import call_command

import pytest
from bs4 import BeautifulSoup

from gongkai.agencies.models import Agency
from gongkai.annual_reports.build import report_build_full
from gongkai.annual_reports.management.commands.report import Command
from gongkai.report.jsonio import report_from_json
from gongkai.report.model import T3_COLUMNS, T3_ROWS, T4_CELLS, T4_GROUPS
from gongkai.report.render import render_html
from gongkai.report.rules import check_report

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
def test_demo_build_reproduces_the_seed_report(db, capsys, client):
    call_command("demo", "load", stdout=io.StringIO())
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

    # The draft the workspace offers, before anyone writes a word, states the same
    # figures, and the text rules stay quiet on it.
    built = report_build_full(agency=Agency.objects.get(name="中卫市司法局"), year=2023)
    drafted = built.drafted
    assert "主动公开文件 47 份、信息 61 条" in drafted["overview"]
    assert "在“法治中卫”微信公众号发布信息 233 期 1376 篇" in drafted["overview"]
    assert "收到 1 名自然人申请公开政府信息 1 件" in drafted["overview"]
    assert "现行有效规范性文件 13 件" in drafted["overview"]
    assert "公开《行政复议决定书》37 件" in drafted["overview"]
    assert "发布政策解读 10 件" in drafted["overview"]
    assert "无因政府信息公开导致行政复议、行政诉讼案件" in drafted["overview"]
    assert "本机关 2023 年未收取政府信息处理费" in drafted["other"]
    report = built.report.copy()
    report.preamble = drafted["preamble"]
    report.sections = {k: drafted[k] for k in report.sections}
    findings = check_report(report)
    assert [f for f in findings if f.rule.startswith("TXT.")] == []
    assert [f for f in findings if f.severity == "error"] == []

    # The demo published that report: the public page shows the same numbers.
    agency = Agency.objects.get(name="中卫市司法局")
    public = BeautifulSoup(
        client.get(f"/reports/{agency.pk}/2023/").content, "html.parser"
    )
    published = {
        td["data-cell"]: td.get_text() for td in public.select("td[data-cell]")
    }
    assert published == shown
