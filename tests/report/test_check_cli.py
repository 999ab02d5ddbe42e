"""``gongkai report check``: output, JSON shape (spec §5), exit codes, cross-year."""

import json
import subprocess
import sys

import pytest

from gongkai.report.cli import main
from gongkai.report.jsonio import report_dumps, report_from_json
from gongkai.report.model import SECTION_KEYS
from gongkai.report.render import render_html
from tests.report.parsers.conftest import FIXTURES
from tests.report.parsers.deform import seed_report

SEED_TXT = str(FIXTURES / "zhongwei-justice-bureau-2023-annual-report.txt")
PINGTAN = str(FIXTURES / "pingtan-zone-2021.txt")
SHANGHAI = str(FIXTURES / "shanghai-stcsm-2024.md")
SPEC_KEYS = {
    "file",
    "format",
    "agency",
    "year",
    "level",
    "published_on",
    "preamble",
    "sections",
    "table2",
    "table3",
    "table4",
    "findings",
    "inferred",
}


def scanned_pdf() -> bytes:
    """A PDF whose page is a picture: no text layer at all."""
    import weasyprint

    return weasyprint.HTML(
        string='<div style="width:12cm;height:8cm;background:#777"></div>'
    ).write_pdf()


def run_json(args, capsys):
    code = main(["check", "--json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_seed_human_output_exit_0(capsys):
    assert main(["check", SEED_TXT]) == 0
    out = capsys.readouterr().out
    assert "机关：中卫市司法局　年度：2023　类型：部门" in out
    assert "行政规范性文件：本年制发件数 0，本年废止件数 1，现行有效件数 13" in out
    assert "部分公开：1 0 0 0 0 0 1" in out
    assert "结论：未发现错误。" in out


def test_json_array_in_the_spec_shape(capsys):
    code, results = run_json([SEED_TXT, PINGTAN, SHANGHAI], capsys)
    assert code == 0  # warnings only
    assert [r["file"] for r in results] == [SEED_TXT, PINGTAN, SHANGHAI]
    for result in results:
        assert set(result) >= SPEC_KEYS
        assert set(result["sections"]) == set(SECTION_KEYS)
        for finding in result["findings"]:
            assert set(finding) == {"rule", "severity", "message", "where"}
        # the object reads back as a report (the output keys are accepted)
        assert report_from_json(result).agency == result["agency"]
    seed, pingtan, shanghai = results
    assert seed["inferred"] == [] and seed["findings"] == []
    assert seed["table2"]["normative_documents"] == {
        "issued": 0,
        "repealed": 1,
        "in_force": 13,
    }
    assert pingtan["table3"]["new_received"]["natural_person"] == 64
    assert "table3.new_received.natural_person" in pingtan["inferred"]
    assert pingtan["table2"]["normative_documents"]["issued"] is None
    assert pingtan["published_on"] == "2022-02-08"
    assert shanghai["table3"]["carried_forward"]["total"] is None
    assert {"rule": "VAL.BLANK", "where": "table3.carried_forward.total"}.items() <= (
        shanghai["findings"][0].items()
    )


def test_error_finding_exit_1(tmp_path, capsys):
    text = (FIXTURES / "zhongwei-justice-bureau-2023-annual-report.txt").read_text()
    broken = text.replace("(七) 总计\t1\t0", "(七) 总计\t2\t0")
    assert broken != text
    path = tmp_path / "broken.txt"
    path.write_text(broken, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "[错误] T3.BALANCE" in out and "[错误] T3.ROW_TOTAL" in out
    assert "结论：有错误，报告不一致。" in out


def test_unreadable_file_exit_2_others_still_checked(tmp_path, capsys):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf())
    missing = tmp_path / "nope.txt"
    code, results = run_json([str(scan), SEED_TXT, str(missing)], capsys)
    assert code == 2
    assert results[0]["file"] == str(scan)
    assert results[0]["error"].startswith("无文本层")
    assert results[0]["findings"] == [] and "table3" not in results[0]
    assert results[1]["agency"] == "中卫市司法局" and results[1]["findings"] == []
    assert results[2]["error"] == "文件不存在。"


def test_unreadable_human_message(tmp_path, capsys):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 10)
    assert main(["check", str(junk)]) == 2
    assert "无法检查：" in capsys.readouterr().out


def _year_report(year: int, carried_over: int):
    report = seed_report()
    report.year = year
    report.set_cell("table3.carried_over.natural_person", carried_over)
    report.set_cell("table3.carried_over.total", carried_over)
    report.set_cell("table3.new_received.natural_person", 1 - carried_over)
    report.set_cell("table3.new_received.total", 1 - carried_over)
    report.set_cell("table3.carried_forward.natural_person", 0)
    return report


def test_consecutive_years_checked_together(tmp_path, capsys):
    before = _year_report(2022, 0)
    before.set_cell("table3.carried_forward.natural_person", 1)
    before.set_cell("table3.carried_forward.total", 1)
    before.set_cell("table3.new_received.natural_person", 2)
    before.set_cell("table3.new_received.total", 2)
    after = _year_report(2023, 0)  # says nothing was carried over: breaks the chain
    first = tmp_path / "2022.html"
    first.write_text(render_html(before, standalone=True), encoding="utf-8")
    second = tmp_path / "2023.html"
    second.write_text(render_html(after, standalone=True), encoding="utf-8")
    code, results = run_json([str(second), str(first)], capsys)
    assert code == 1
    chain = [f for f in results[0]["findings"] if f["rule"] == "X.CARRY_CHAIN"]
    assert [f["where"] for f in chain] == [
        "table3.carried_over.natural_person",
        "table3.carried_over.total",
    ]
    assert not [f for f in results[1]["findings"] if f["rule"].startswith("X.")]


def test_previous_given_explicitly(tmp_path, capsys):
    before = _year_report(2022, 0)
    before.set_cell("table3.carried_forward.natural_person", 1)
    before.set_cell("table3.carried_forward.total", 1)
    before.set_cell("table3.new_received.natural_person", 2)
    before.set_cell("table3.new_received.total", 2)
    previous = tmp_path / "2022.json"
    previous.write_text(report_dumps(before), encoding="utf-8")
    code, results = run_json(["--previous", str(previous), SEED_TXT], capsys)
    assert code == 1
    assert {f["rule"] for f in results[0]["findings"]} >= {"X.CARRY_CHAIN"}
    # without --previous the same file is consistent
    assert main(["check", SEED_TXT]) == 0


def test_previous_unreadable_exit_2(tmp_path, capsys):
    assert main(["check", "--previous", str(tmp_path / "no.json"), SEED_TXT]) == 2
    assert "上年报告" in capsys.readouterr().err


@pytest.mark.slow
def test_console_script_no_traceback(tmp_path):
    junk = tmp_path / "x.pdf"
    junk.write_bytes(b"%PDF-1.4\n garbage")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "gongkai.report", "check", str(junk), SEED_TXT],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert "PDF 文件已损坏或无法解析" in result.stdout


def test_a_file_without_any_table_is_not_reported_as_forty_missing_rows(
    tmp_path, capsys
):
    """Text that is not a report, and a report's narrative without its tables, are
    refused with a reason (exit 2) instead of one FMT.ROW_MISSING per row."""
    chat = tmp_path / "notes.txt"
    chat.write_text("会议纪要：下周一上午九点开会。", encoding="utf-8")
    seed = (FIXTURES / "zhongwei-justice-bureau-2023-annual-report.txt").read_text(
        encoding="utf-8"
    )
    narrative = tmp_path / "narrative.txt"
    narrative.write_text(
        seed[: seed.index("二、主动公开政府信息情况")], encoding="utf-8"
    )
    code, results = run_json([str(chat), str(narrative), SEED_TXT], capsys)
    assert code == 2
    assert results[0]["error"].startswith("未找到年度报告：")
    assert results[0]["findings"] == [] and "table3" not in results[0]
    assert results[1]["error"].startswith(
        "未找到统计表：文件中有中卫市司法局2023年度报告的文字"
    )
    assert results[2]["findings"] == []


def test_one_table_found_is_still_checked(capsys, tmp_path):
    """A report with only table 2 is checked: its other rows are missing (FMT.ROW_MISSING)."""
    seed = (FIXTURES / "zhongwei-justice-bureau-2023-annual-report.txt").read_text(
        encoding="utf-8"
    )
    partial = tmp_path / "partial.txt"
    partial.write_text(
        seed[: seed.index("三、收到和处理政府信息公开申请情况")], encoding="utf-8"
    )
    code, results = run_json([str(partial)], capsys)
    assert code == 1
    assert results[0]["table2"]["licensing"]["decisions"] == 74
    missing = {
        f["where"] for f in results[0]["findings"] if f["rule"] == "FMT.ROW_MISSING"
    }
    assert "table3.new_received" in missing and "table2.licensing" not in missing
