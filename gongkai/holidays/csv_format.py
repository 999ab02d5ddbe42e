"""Reading a year's schedule from CSV: ``date,type,name`` per line.

``type`` is 休 / holiday (a day off) or 班 / workday (a make-up working day on a
weekend). A header line (``date,type,name`` or ``日期,类型,名称``) is optional; the file
may be UTF-8 (with or without BOM) or GB18030 (what spreadsheet programs save in
Chinese locales). Every line is checked; the errors name their line, and an import
with any error imports nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import MAX_YEAR, MIN_YEAR

DAY_OFF_WORDS = {"休", "假", "放假", "休息", "holiday", "off"}
WORKDAY_WORDS = {"班", "上班", "调休上班", "workday", "work"}
HEADER_WORDS = {"date", "日期"}
DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
MAX_NAME_LENGTH = 100
MAX_LINES = 1000


@dataclass(frozen=True)
class CsvDay:
    line: int
    day: date
    is_workday: bool
    name: str


def decode_csv(content: bytes) -> str:
    """The file's text: UTF-8 (BOM allowed) or GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is neither UTF-8 nor GB18030 text."))


def _parse_date(value: str) -> date | None:
    match = DATE_RE.match(value)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _parse_type(value: str) -> bool | None:
    word = value.strip().lower()
    if word in DAY_OFF_WORDS:
        return False
    if word in WORKDAY_WORDS:
        return True
    return None


def day_problem(day: date, is_workday: bool) -> str | None:
    """Why ``day`` cannot have this status, or None. Shared by the CSV import and
    the day form: a Monday–Friday is a working day already."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return _("The year must be between %(min)s and %(max)s.") % {
            "min": MIN_YEAR,
            "max": MAX_YEAR,
        }
    if is_workday and day.weekday() < 5:
        return _(
            "%(date)s is a Monday to Friday and already a working day; only "
            "weekend make-up working days are entered as working days."
        ) % {"date": day.isoformat()}
    return None


def _parse_line(number: int, cells: list[str]) -> tuple[CsvDay | None, list[str]]:
    errors: list[str] = []
    if len(cells) not in (2, 3):
        return None, [
            _("Line %(line)s: expected 3 columns (date,type,name), found %(n)s.")
            % {"line": number, "n": len(cells)}
        ]
    raw_date, raw_type = cells[0], cells[1]
    name = cells[2] if len(cells) == 3 else ""
    day = _parse_date(raw_date)
    is_workday = _parse_type(raw_type)
    if day is None:
        errors.append(
            _("Line %(line)s: “%(value)s” is not a date; write it as 2025-10-01.")
            % {"line": number, "value": raw_date}
        )
    if is_workday is None:
        errors.append(
            _(
                "Line %(line)s: type “%(value)s” is not understood; write 休 for a "
                "day off or 班 for a make-up working day."
            )
            % {"line": number, "value": raw_type}
        )
    if len(name) > MAX_NAME_LENGTH:
        errors.append(
            _("Line %(line)s: the name is longer than %(max)s characters.")
            % {"line": number, "max": MAX_NAME_LENGTH}
        )
    if day is not None and is_workday is not None:
        problem = day_problem(day, is_workday)
        if problem:
            errors.append(
                _("Line %(line)s: %(problem)s") % {"line": number, "problem": problem}
            )
    if errors or day is None or is_workday is None:
        return None, errors
    return CsvDay(number, day, is_workday, name), []


def _is_header(cells: list[str]) -> bool:
    return bool(cells) and cells[0].strip().lower().lstrip("\ufeff") in HEADER_WORDS


def parse_calendar_csv(content: bytes) -> list[CsvDay]:
    """Every day in the file, or ValidationError listing every bad line."""
    text = decode_csv(content)
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) > MAX_LINES:
        raise ValidationError(
            _("The file has more than %(max)s lines.") % {"max": MAX_LINES}
        )
    days: list[CsvDay] = []
    errors: list[str] = []
    seen: dict[date, int] = {}
    for number, raw in enumerate(rows, start=1):
        cells = [cell.strip() for cell in raw]
        if not any(cells) or (number == 1 and _is_header(cells)):
            continue
        parsed, line_errors = _parse_line(number, cells)
        errors += line_errors
        if parsed is None:
            continue
        if parsed.day in seen:
            errors.append(
                _("Line %(line)s: %(date)s already appears on line %(first)s.")
                % {"line": number, "date": parsed.day, "first": seen[parsed.day]}
            )
            continue
        seen[parsed.day] = number
        days.append(parsed)
    if errors:
        raise ValidationError(errors)
    if not days:
        raise ValidationError(_("The file contains no days."))
    return days
