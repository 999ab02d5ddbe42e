"""``gongkai report check`` on a collection: directories, several processes, one line
per file (``--summary``) and a spreadsheet (``--csv``)."""

import csv
import json
import shutil

import pytest

from gongkai.report.cli import main
from gongkai.report.commands import check as check_command
from gongkai.report.render import render_html, render_markdown
from tests.report.parsers.conftest import FIXTURES
from tests.report.test_check_cli import _year_report


@pytest.fixture
def collection(tmp_path):
    """A year's collection as an evaluator downloads it: reports of several shapes in
    sub-directories, two consecutive years of one agency whose carry-over chain breaks,
    a scan-like picture, a hidden file and a note that is no report."""
    root = tmp_path / "2023年度报告"
    (root / "区县").mkdir(parents=True)
    (root / "部门").mkdir()
    for name in ("pingtan-zone-2021.txt", "shanghai-stcsm-2024.md"):
        shutil.copy(FIXTURES / name, root / "区县" / name)
    shutil.copy(
        FIXTURES / "zhongwei-justice-bureau-2023-annual-report.txt",
        root / "部门" / "司法局2023.txt",
    )
    before = _year_report(2022, 0)
    before.agency = "示范民政局"
    before.set_cell("table3.carried_forward.natural_person", 1)
    before.set_cell("table3.carried_forward.total", 1)
    before.set_cell("table3.new_received.natural_person", 2)
    before.set_cell("table3.new_received.total", 2)
    after = _year_report(2023, 0)
    after.agency = "示范民政局"
    (root / "部门" / "民政局2022.html").write_text(
        render_html(before, standalone=True), encoding="utf-8"
    )
    (root / "部门" / "民政局2023.md").write_text(
        render_markdown(after), encoding="utf-8"
    )
    (root / "部门" / "说明.txt").write_text("下载于 2024 年 2 月。", encoding="utf-8")
    (root / "部门" / "封面.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (root / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    return root


def _run(args, capsys):
    code = main(["check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_directory_stands_for_its_report_files(collection, capsys):
    code, out, err = _run(["--json", "--jobs", "1", str(collection)], capsys)
    files = [r["file"].removeprefix(str(collection) + "/") for r in json.loads(out)]
    assert files == [
        "区县/pingtan-zone-2021.txt",
        "区县/shanghai-stcsm-2024.md",
        "部门/司法局2023.txt",
        "部门/民政局2022.html",
        "部门/民政局2023.md",
        "部门/说明.txt",
    ]
    assert "有 1 个文件不是报告文件类型，已跳过" in err  # 封面.png; .DS_Store is hidden
    assert code == 2  # 说明.txt is no report


def test_summary_one_line_per_file_and_totals(collection, capsys):
    code, out, _ = _run(["--summary", "--jobs", "1", str(collection)], capsys)
    lines = out.splitlines()
    assert lines[0] == "文件\t机关\t年度\t错误\t警告\t结论\t规则"
    by_file = {line.split("\t")[0].rsplit("/", 1)[-1]: line for line in lines[1:-1]}
    assert by_file["司法局2023.txt"].split("\t")[1:6] == [
        "中卫市司法局",
        "2023",
        "0",
        "0",
        "未发现错误",
    ]
    # the 2023 report of 示范民政局 breaks the chain from its 2022 report (same run)
    row = by_file["民政局2023.md"].split("\t")
    assert row[5] == "有错误" and "X.CARRY_CHAIN×2" in row[6]
    assert "VAL.UNCERTAIN×3" in by_file["pingtan-zone-2021.txt"]
    assert "无法检查：未找到年度报告" in by_file["说明.txt"]
    assert lines[-1] == "合计：6 个文件；未发现错误 4 个，有错误 1 个，无法检查 1 个。"
    assert code == 2


def test_csv_opens_in_a_spreadsheet(collection, tmp_path, capsys):
    out_file = tmp_path / "汇总.csv"
    code, _, _ = _run(
        ["--summary", "--csv", str(out_file), "--jobs", "1", str(collection)], capsys
    )
    raw = out_file.read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the BOM
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 6
    pingtan = next(r for r in rows if r["文件"].endswith("pingtan-zone-2021.txt"))
    assert pingtan["机关"] == "平潭综合实验区" and pingtan["发布日期"] == "2022-02-08"
    assert (pingtan["错误"], pingtan["警告"], pingtan["存疑格数"]) == ("0", "3", "3")
    assert pingtan["推断格数"] == "43"
    note = next(r for r in rows if r["文件"].endswith("说明.txt"))
    assert note["结论"].startswith("无法检查：") and note["机关"] == ""


def test_several_processes_give_the_same_results(collection, capsys, monkeypatch):
    monkeypatch.setattr(check_command, "PARALLEL_FROM", 2)
    _, one, _ = _run(["--json", "--jobs", "1", str(collection)], capsys)
    code, two, _ = _run(["--json", "--jobs", "2", str(collection)], capsys)
    assert json.loads(two) == json.loads(one)
    chain = [
        f["rule"]
        for r in json.loads(two)
        if r["file"].endswith("民政局2023.md")
        for f in r["findings"]
    ]
    assert chain.count("X.CARRY_CHAIN") == 2  # linked across processes
    assert code == 2


def test_json_and_summary_together_refused(capsys):
    code, _, err = _run(["--json", "--summary", str(FIXTURES)], capsys)
    assert code == 2 and "只能选一个" in err


def test_an_empty_directory_is_said(tmp_path, capsys):
    (tmp_path / "图片.jpg").write_bytes(b"\xff\xd8\xff")
    code, out, err = _run([str(tmp_path)], capsys)
    assert code == 2 and out == ""
    assert "没有可检查的报告文件" in err


def test_csv_that_cannot_be_written_is_said(tmp_path, capsys):
    target = tmp_path / "no-such-dir" / "x.csv"
    code, _, err = _run(
        ["--csv", str(target), str(FIXTURES / "pingtan-zone-2021.txt")], capsys
    )
    assert code == 2 and "无法写入" in err
