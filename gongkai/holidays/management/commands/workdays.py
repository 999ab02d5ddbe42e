"""``gongkai workdays``: working-day arithmetic on the calendar table.

    gongkai workdays add 2024-09-27 20        → 2024-10-30
    gongkai workdays between 2024-09-27 2024-10-30   → 20
    gongkai workdays explain 2024-10-01       → 2024-10-01 休息日（国庆节）
    gongkai workdays reply 2024-09-27         → the reply deadline and its explanation

A date in a year whose schedule is not published prints a Chinese message on stderr
and exits with status 2 (no traceback).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.holidays.selectors import calendar_get
from gongkai.workdays import (
    Calendar,
    UnknownYearError,
    add_working_days,
    reply_deadline,
    working_days_between,
)

EXIT_UNKNOWN_YEAR = 2
WEEKDAYS = "一二三四五六日"


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{value}”不是有效日期，请写成 2024-09-27 的形式"
        ) from None


def pause_span(value: str) -> tuple[date, date]:
    start, sep, end = value.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError(
            f"“{value}”不是暂停期间，请写成 2024-10-08:2024-10-21 的形式"
        )
    return iso_date(start), iso_date(end)


def _add(calendar: Calendar, options: dict[str, Any]) -> str:
    due = add_working_days(
        calendar, options["date"], options["n"], pauses=options["pause"] or ()
    )
    return due.isoformat()


def _between(calendar: Calendar, options: dict[str, Any]) -> str:
    count = working_days_between(
        calendar, options["start"], options["end"], pauses=options["pause"] or ()
    )
    return str(count)


def _explain(calendar: Calendar, options: dict[str, Any]) -> str:
    day = options["date"]
    works = calendar.is_workday(day)
    status = "工作日" if works else "休息日"
    name = calendar.name_of(day)
    suffix = f"（{name}）" if name else ""
    return f"{day.isoformat()} 星期{WEEKDAYS[day.weekday()]} {status}{suffix}"


def _reply(calendar: Calendar, options: dict[str, Any]) -> str:
    deadline = reply_deadline(
        calendar,
        received_on=options["date"],
        extension_days=options["extension"],
    )
    return "\n".join([deadline.due.isoformat(), *deadline.explanation])


ACTIONS = {"add": _add, "between": _between, "explain": _explain, "reply": _reply}


class Command(BaseCommand):
    help = "工作日计算（按国务院节假日安排，含调休）/ working-day arithmetic"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser(
            "add", help="起算日之后第 N 个工作日 / the N-th working day after DATE"
        )
        add.add_argument("date", type=iso_date)
        add.add_argument("n", type=int)
        between = sub.add_parser(
            "between", help="两日之间的工作日数 / working days in (START, END]"
        )
        between.add_argument("start", type=iso_date)
        between.add_argument("end", type=iso_date)
        for p in (add, between):
            p.add_argument(
                "--pause",
                type=pause_span,
                action="append",
                help="不计入的暂停期间 START:END（含首尾）/ a pause, inclusive",
            )
        explain = sub.add_parser(
            "explain", help="某日是否工作日 / is DATE a working day"
        )
        explain.add_argument("date", type=iso_date)
        reply = sub.add_parser(
            "reply", help="答复期限（《条例》第三十三条）/ the reply deadline"
        )
        reply.add_argument("date", type=iso_date, help="收到申请之日 / date of receipt")
        reply.add_argument("--extension", type=int, default=0)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            output = ACTIONS[options["action"]](calendar_get(), options)
        except UnknownYearError as exc:
            self.stderr.write(str(exc))
            sys.exit(EXIT_UNKNOWN_YEAR)
        except ValueError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        self.stdout.write(output)
