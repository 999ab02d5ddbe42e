"""The schedules shipped in the ``chinesecalendar`` package (module ``chinese_calendar``).

The package covers 2004 up to the latest year its release knows and cannot be
extended at run time; later years are entered by an administrator in the holiday
table. This module only translates the package's data into per-day statuses with
Chinese names; it is pure (no Django).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import metadata

import chinese_calendar

from .calendar import Calendar

# The package's English holiday names, in the wording of the State Council notices.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

MAKEUP_SUFFIX = "调休上班"


@dataclass(frozen=True)
class PackagedDay:
    day: date
    is_workday: bool
    name: str


def _chinese(name: str) -> str:
    return HOLIDAY_NAMES.get(name, name)


def package_version() -> str:
    """The installed ``chinesecalendar`` release, e.g. ``1.11.0``."""
    try:
        return metadata.version("chinesecalendar")
    except metadata.PackageNotFoundError:  # pragma: no cover - always installed
        return "unknown"


def package_years() -> frozenset[int]:
    """Every year from the first to the last one the package has data for."""
    years = {d.year for d in chinese_calendar.holidays} | {
        d.year for d in chinese_calendar.workdays
    }
    return frozenset(range(min(years), max(years) + 1))


def package_days() -> list[PackagedDay]:
    """Every day the package lists, sorted: holidays (including the weekend days of
    a holiday span, which name the span) and make-up working days."""
    days = [
        PackagedDay(day, False, _chinese(name))
        for day, name in chinese_calendar.holidays.items()
    ]
    days += [
        PackagedDay(day, True, _chinese(name) + MAKEUP_SUFFIX)
        for day, name in chinese_calendar.workdays.items()
    ]
    return sorted(days, key=lambda d: d.day)


def package_calendar() -> Calendar:
    """The package's schedules as a :class:`Calendar` (all years it covers)."""
    days = package_days()
    return Calendar.from_days(
        {d.day: d.is_workday for d in days},
        package_years(),
        names={d.day: d.name for d in days},
    )
