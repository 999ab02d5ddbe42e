"""Reads of the working-day calendar.

``calendar_get`` is what the rest of the system uses: the whole table as a pure
:class:`gongkai.workdays.Calendar`, cached per version token (see
``CalendarVersion``), so it costs one small query when nothing changed.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404

from gongkai.workdays import Calendar

from .models import CalendarDay, CalendarVersion, CalendarYear, CalendarYearStatus

CACHE_KEY = "gongkai:holidays:calendar:{token}"
CACHE_SECONDS = 24 * 3600

# token → calendar; process-local, holds the latest version only.
_memo: dict[str, Calendar] = {}


def _build_calendar() -> Calendar:
    known = CalendarYear.objects.filter(
        status=CalendarYearStatus.PUBLISHED
    ).values_list("year", flat=True)
    rows = list(CalendarDay.objects.values_list("date", "is_workday", "name"))
    return Calendar.from_days(
        {day: works for day, works, _name in rows},
        known,
        names={day: name for day, _works, name in rows if name},
    )


def calendar_version_token() -> str | None:
    """The current version token, or None if the calendar was never written."""
    return CalendarVersion.objects.filter(pk=1).values_list("token", flat=True).first()


def calendar_get() -> Calendar:
    """The whole calendar table: published years are known, every entered day counts.

    Cached in the process and in Django's cache under the current version token;
    every service that changes the table changes the token.
    """
    token = calendar_version_token()
    if token is None:
        return _build_calendar()
    found = _memo.get(token)
    if found is not None:
        return found
    key = CACHE_KEY.format(token=token)
    found = cache.get(key)
    if found is None:
        found = _build_calendar()
        cache.set(key, found, CACHE_SECONDS)
    _memo.clear()
    _memo[token] = found
    return found


def calendar_year_list() -> list[CalendarYear]:
    """Every year, newest first, with ``days_off`` and ``makeup_days`` counts
    (Monday–Friday days off, weekend working days)."""
    counts: dict[int, tuple[int, int]] = {
        row["year"]: (row["days_off"], row["makeup_days"])
        for row in CalendarDay.objects.annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(
            days_off=Count(
                "pk", filter=Q(is_workday=False) & Q(date__week_day__in=[2, 3, 4, 5, 6])
            ),
            makeup_days=Count("pk", filter=Q(is_workday=True)),
        )
    }
    years = list(CalendarYear.objects.all())
    for year in years:
        days_off, makeup_days = counts.get(year.year, (0, 0))
        year.days_off = days_off  # type: ignore[attr-defined]
        year.makeup_days = makeup_days  # type: ignore[attr-defined]
    return years


def calendar_year_get(*, year: int) -> CalendarYear:
    """One year of the table (404 if absent)."""
    return get_object_or_404(CalendarYear, year=year)


def calendar_day_list(*, year: int) -> list[CalendarDay]:
    """The days entered for ``year``, in date order."""
    return list(CalendarDay.objects.filter(date__year=year).order_by("date"))


@dataclass(frozen=True)
class GridDay:
    """One cell of the month grid."""

    day: date
    in_month: bool
    kind: str  # "workday", "weekend", "holiday", "makeup"
    name: str


@dataclass(frozen=True)
class GridMonth:
    month: int
    weeks: list[list[GridDay]]


def _kind(day: date, entry: CalendarDay | None) -> str:
    if entry is not None:
        return "makeup" if entry.is_workday else "holiday"
    return "weekend" if day.weekday() >= 5 else "workday"


def calendar_month_grid(*, year: int) -> list[GridMonth]:
    """Twelve month grids (weeks from Monday) showing the year's entered days,
    published or not."""
    entries = {d.date: d for d in calendar_day_list(year=year)}
    grid = stdlib_calendar.Calendar(firstweekday=0)
    months = []
    for month in range(1, 13):
        weeks = [
            [
                GridDay(
                    day=day,
                    in_month=day.month == month,
                    kind=_kind(day, entries.get(day)),
                    name=entries[day].name if day in entries else "",
                )
                for day in week
            ]
            for week in grid.monthdatescalendar(year, month)
        ]
        months.append(GridMonth(month=month, weeks=weeks))
    return months
