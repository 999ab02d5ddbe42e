import json
import subprocess
import sys

import pytest

from gongkai.report.cli import main
from tests.report.conftest import SEED_JSON


def _write(tmp_path, data, name="r.json"):
    path = tmp_path / name
    path.write_text(
        data if isinstance(data, str) else json.dumps(data, ensure_ascii=False),
        encoding="utf-8",
    )
    return str(path)


def _seed_data():
    return json.loads(SEED_JSON.read_text(encoding="utf-8"))


def test_validate_seed_exit_0(capsys):
    assert main(["validate", str(SEED_JSON)]) == 0
    assert "0 个错误，0 个警告" in capsys.readouterr().out


def test_validate_errors_exit_1_and_name_the_cell(tmp_path, capsys):
    data = _seed_data()
    data["table3"]["carried_over"]["total"] = 1
    assert main(["validate", _write(tmp_path, data)]) == 1
    out = capsys.readouterr().out
    assert "[错误] T3.BALANCE table3.carried_forward.total：" in out
    assert "本年新收 1 + 上年结转 1 ≠ 办理结果总计 1 + 结转下年度 0" in out


def test_validate_negative_is_a_finding(tmp_path, capsys):
    data = _seed_data()
    data["table3"]["granted"]["natural_person"] = -1
    assert main(["validate", _write(tmp_path, data)]) == 1
    assert "VAL.NEGATIVE" in capsys.readouterr().out


def test_validate_warnings_only_exit_0(tmp_path, capsys):
    data = _seed_data()
    data["table4"]["reconsideration"]["other"] = None
    assert main(["validate", _write(tmp_path, data)]) == 0
    assert "[警告] VAL.BLANK" in capsys.readouterr().out


def test_validate_json_output(tmp_path, capsys):
    data = _seed_data()
    data["table3"]["granted"]["total"] = 2
    path = _write(tmp_path, data)
    assert main(["validate", path, "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["file"] == path and out["agency"] == "中卫市司法局"
    assert {"rule", "severity", "message", "where"} <= set(out["findings"][0])
    assert "T3.ROW_TOTAL" in {f["rule"] for f in out["findings"]}


def test_validate_with_previous(tmp_path, capsys):
    prev = _seed_data()
    prev["year"] = 2022
    prev["table3"]["carried_forward"]["total"] = 3
    path = _write(tmp_path, prev, "prev.json")
    assert main(["validate", str(SEED_JSON), "--previous", path]) == 1
    assert "X.CARRY_CHAIN" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"agency": ', "不是有效的 JSON"),
        ("[]", "应为JSON 对象"),
        ('{"agency": "x"}', "缺少必需的键"),
        ('{"agency": "x", "colour": 1}', "未知的键 colour"),
    ],
)
def test_validate_unusable_exit_2_without_traceback(tmp_path, capsys, content, message):
    assert main(["validate", _write(tmp_path, content)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_validate_wrong_type_names_the_path(tmp_path, capsys):
    data = _seed_data()
    data["table3"]["granted"]["total"] = "一"
    assert main(["validate", _write(tmp_path, data)]) == 2
    assert "table3.granted.total" in capsys.readouterr().err


def test_validate_missing_file_and_wrong_previous_year(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "none.json")]) == 2
    assert "文件不存在" in capsys.readouterr().err
    assert main(["validate", str(SEED_JSON), "--previous", str(SEED_JSON)]) == 2
    assert "上年报告的年度应为 2022" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["html", "md", "json", "docx"])
def test_render_writes_the_file(tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    assert main(["render", str(SEED_JSON), "--format", fmt, "-o", str(out)]) == 0
    assert out.stat().st_size > 1000


def test_render_text_to_stdout_and_binary_needs_output(capsys):
    assert main(["render", str(SEED_JSON), "--format", "md"]) == 0
    assert "## 一、总体情况" in capsys.readouterr().out
    assert main(["render", str(SEED_JSON), "--format", "pdf"]) == 2
    assert "-o" in capsys.readouterr().err


def test_render_fragment(capsys):
    assert main(["render", str(SEED_JSON), "--fragment"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('<article class="gk-report"') and "<html" not in out


def test_render_unusable_input_and_unwritable_output(tmp_path, capsys):
    assert main(["render", _write(tmp_path, "nope")]) == 2
    assert "不是有效的 JSON" in capsys.readouterr().err
    out = tmp_path / "no" / "such" / "dir.html"
    assert main(["render", str(SEED_JSON), "-o", str(out)]) == 2
    assert "无法写入" in capsys.readouterr().err


def test_schema_prints_json(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].endswith("2020-12/schema")


def test_bad_arguments_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["render", str(SEED_JSON), "--format", "rtf"])
    assert info.value.code == 2


def test_console_script_path_has_no_traceback(tmp_path):
    bad = _write(tmp_path, "{")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "gongkai.report", "validate", bad],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "不是有效的 JSON" in result.stderr and "Traceback" not in result.stderr
