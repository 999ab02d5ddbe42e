"""The ``gongkai`` console script: Django's management commands with the right settings.

``gongkai migrate``, ``gongkai runserver`` and every other Django command work as with
``manage.py``; the project's own commands (``demo``, ``report``, ``workdays``) are
listed first by ``gongkai --help``, in Chinese and English.
"""

from __future__ import annotations

import os
import sys

DEFAULT_SETTINGS = "config.settings.dev"

# (command, Chinese summary, English summary). Commands appear here once they exist.
PROJECT_COMMANDS: list[tuple[str, str, str]] = [
    (
        "demo",
        "演示数据：gongkai demo load 载入演示机关、用户和业务记录",
        "demo data: load demo agencies, users and records",
    ),
    (
        "report",
        "年度报告：生成、校验、渲染、检查政府信息公开工作年度报告",
        "annual report: build, validate, render and check reports",
    ),
    (
        "workdays",
        "工作日：按节假日和调休计算工作日",
        "working days: arithmetic with holidays and make-up days",
    ),
    (
        "publications_daily",
        "每日任务：规范性文件到期标记失效、到期前提醒",
        "daily job: lapse and remind normative documents",
    ),
    (
        "portal_snapshots",
        "每日任务（其后）及升级后：生成公开信息页面的静态页",
        "daily job (after it) and after upgrades: render the item pages",
    ),
    (
        "portal_purge_pending",
        "每日任务：删除未提交申请留下的身份证明文件",
        "daily job: delete identity documents of forms never submitted",
    ),
]

HELP_HEADER = """\
用法 / usage: gongkai <命令 command> [选项 options]

公开（Gongkai）—— 政府信息公开工作与年度报告
Gongkai — government information disclosure work and its annual report

项目命令 / project commands:
"""

HELP_FOOTER = """
Django 管理命令（如 migrate、runserver、createsuperuser）同样可用：
Django's management commands (migrate, runserver, createsuperuser, …) work too:
  gongkai help            列出全部命令 / list every command
  gongkai help <命令>      某个命令的帮助 / help for one command
"""


def project_help() -> str:
    lines = [HELP_HEADER]
    width = max(len(name) for name, _zh, _en in PROJECT_COMMANDS)
    for name, zh, en in PROJECT_COMMANDS:
        lines.append(f"  {name:<{width}} {zh}\n  {'':<{width}} {en}\n")
    lines.append(HELP_FOOTER)
    return "".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    if not args or args[0] in {"-h", "--help"}:
        sys.stdout.write(project_help())
        return
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(["gongkai", *args])
    except ImproperlyConfigured as error:
        # Settings that refuse to start (production without its environment) say why,
        # without a traceback.
        sys.stderr.write(MISCONFIGURED.format(error=error))
        sys.exit(1)
    except (OperationalError, ProgrammingError) as error:
        if not _is_missing_table(error):
            raise
        sys.stderr.write(UNMIGRATED.format(error=error))
        sys.exit(1)


MISCONFIGURED = """\
配置错误 / configuration error: {error}
"""

UNMIGRATED = """\
数据库尚未建立或尚未迁移（{error}）。请先运行 `gongkai migrate`（或 `make demo`）。
The database has not been created or migrated yet ({error}). Run `gongkai migrate`
(or `make demo`) first.
"""


def _is_missing_table(error: Exception) -> bool:
    """SQLite says "no such table", PostgreSQL "relation … does not exist"."""
    text = str(error)
    return "no such table" in text or ("relation" in text and "does not exist" in text)


if __name__ == "__main__":
    main()
