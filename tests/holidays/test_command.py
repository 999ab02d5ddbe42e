"""``gongkai workdays``: prints ISO dates and counts; unknown years exit 2 in Chinese."""

from io import StringIO

from django.core.management import call_command

import pytest

from gongkai import cli

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("add", "2024-09-27", "20"), "2024-10-30"),
        (("add", "2025-09-26", "20"), "2025-10-30"),
        (("add", "2024-12-20", "20"), "2025-01-20"),
        (("add", "2024-09-20", "20", "--pause", "2024-09-27:2024-10-10"), "2024-10-31"),
        (("between", "2024-09-27", "2024-10-30"), "20"),
        (("between", "2024-10-30", "2024-09-27"), "-20"),
        (("explain", "2024-10-01"), "2024-10-01 星期二 休息日（国庆节）"),
        (("explain", "2024-10-12"), "2024-10-12 星期六 工作日（国庆节调休上班）"),
        (("explain", "2024-10-14"), "2024-10-14 星期一 工作日"),
    ],
)
def test_workdays_command(args, expected):
    assert run(*args) == expected


def test_reply_prints_due_date_and_explanation():
    lines = run("reply", "2024-09-27").splitlines()
    assert lines[0] == "2024-10-30"
    assert lines[1].startswith("2024年9月27日收到申请；自次日起算20个工作日")


def test_console_script_unknown_year_exits_2_without_traceback(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["workdays", "add", "2026-12-20", "20"])
    assert exc.value.code == 2
    captured = capsys.readouterr()
    assert captured.err.strip() == (
        "工作日历尚未录入 2027 年的节假日安排，无法计算；请管理员先录入该年度安排。"
    )
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_console_script_prints_the_date(capsys):
    cli.main(["workdays", "add", "2024-09-27", "20"])
    assert capsys.readouterr().out == "2024-10-30\n"


def test_bad_input_is_a_chinese_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["workdays", "add", "2024-13-01", "3"])
    assert exc.value.code == 2
    assert "不是有效日期" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        cli.main(["workdays", "add", "2024-09-27", "-1"])
    assert exc.value.code == 1
    assert "不能为负数" in capsys.readouterr().err
