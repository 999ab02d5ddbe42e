"""The working-day calendar and its arithmetic (Art. 33 of the 条例, counting rule).

A day is a working day when it is Monday to Friday, unless the State Council's
schedule makes it a day off (a holiday), and a Saturday or Sunday is a working day
when the schedule makes it a make-up working day (调休上班). The schedule of a year is
announced late in the previous year, so the calendar knows a fixed set of years and
refuses to answer for any other year instead of guessing.

Pure Python: no Django import, no clock reads.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

ONE_DAY = datetime.timedelta(days=1)

Span = tuple[date, date]


class UnknownYearError(ValueError):
    """The calendar has no published schedule for ``year``; nothing is guessed."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"工作日历尚未录入 {year} 年的节假日安排，无法计算；"
            "请管理员先录入该年度安排。"
        )


def is_weekend(day: date) -> bool:
    """Saturday or Sunday."""
    return day.weekday() >= 5


def _as_date(day: date) -> date:
    if isinstance(day, datetime.datetime):
        return day.date()
    return day


@dataclass(frozen=True)
class Calendar:
    """The State Council's schedule for ``known_years``.

    ``holidays`` are Monday–Friday days off; ``makeup_workdays`` are Saturdays and
    Sundays that are working days (调休). Dates that restate the weekend rule (a
    Saturday inside a holiday span, a Wednesday "working day") have no effect and are
    dropped on construction, so equal schedules compare equal. ``names`` optionally
    names days (国庆节, 春节调休上班…) for explanations; it does not affect arithmetic.
    """

    known_years: frozenset[int]
    holidays: frozenset[date]
    makeup_workdays: frozenset[date]
    names: Mapping[date, str] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "known_years", frozenset(self.known_years))
        object.__setattr__(
            self,
            "holidays",
            frozenset(_as_date(d) for d in self.holidays if not is_weekend(d)),
        )
        object.__setattr__(
            self,
            "makeup_workdays",
            frozenset(_as_date(d) for d in self.makeup_workdays if is_weekend(d)),
        )

    @classmethod
    def from_days(
        cls,
        days: Mapping[date, bool],
        known_years: Iterable[int],
        *,
        names: Mapping[date, str] | None = None,
    ) -> Calendar:
        """Build a calendar from explicit per-day statuses (``True`` = working day).

        Days not listed follow the weekend rule. Entries that agree with the weekend
        rule are accepted and ignored (they only name the day).
        """
        holidays = {d for d, works in days.items() if not works and not is_weekend(d)}
        makeup = {d for d, works in days.items() if works and is_weekend(d)}
        return cls(
            known_years=frozenset(known_years),
            holidays=frozenset(holidays),
            makeup_workdays=frozenset(makeup),
            names=dict(names or {}),
        )

    def knows(self, year: int) -> bool:
        """Whether the schedule of ``year`` is known."""
        return year in self.known_years

    def check_year(self, year: int) -> None:
        """Raise :class:`UnknownYearError` unless ``year`` is known."""
        if year not in self.known_years:
            raise UnknownYearError(year)

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day. Raises UnknownYearError for unknown years."""
        day = _as_date(day)
        if day.year not in self.known_years:
            raise UnknownYearError(day.year)
        if day in self.holidays:
            return False
        if day in self.makeup_workdays:
            return True
        return day.weekday() < 5

    def name_of(self, day: date) -> str:
        """The day's name in the schedule (国庆节…), or ``""``."""
        return self.names.get(_as_date(day), "")


def normalise_pauses(pauses: Sequence[Span]) -> tuple[Span, ...]:
    """Validate pause intervals (inclusive bounds) and return them sorted."""
    spans = []
    for start, end in pauses:
        if end < start:
            raise ValueError(
                f"暂停期间的结束日期（{end.isoformat()}）早于开始日期"
                f"（{start.isoformat()}）。"
            )
        spans.append((_as_date(start), _as_date(end)))
    return tuple(sorted(spans))


def in_pause(day: date, spans: Sequence[Span]) -> bool:
    """Whether ``day`` lies inside any of the (inclusive) ``spans``."""
    return any(start <= day <= end for start, end in spans)


def add_working_days(
    calendar: Calendar, start: date, n: int, *, pauses: Sequence[Span] = ()
) -> date:
    """The ``n``-th working day after ``start``.

    Art. 33: a period in working days is counted from the day after the starting
    event, so ``start`` itself never counts. Days inside a pause interval (inclusive
    bounds; Art. 32 and 34 consultation time) do not count either. ``n == 0``
    returns ``start``. Raises UnknownYearError when the count runs into a year whose
    schedule is unknown.
    """
    if n < 0:
        raise ValueError(f"工作日数不能为负数（收到 {n}）。")
    spans = normalise_pauses(pauses)
    day = _as_date(start)
    remaining = n
    while remaining:
        day += ONE_DAY
        if spans and in_pause(day, spans):
            continue
        if calendar.is_workday(day):
            remaining -= 1
    return day


def _weekdays_through(ordinal: int) -> int:
    """Mondays to Fridays among the days with ordinals 1..``ordinal`` (day 1,
    0001-01-01, is a Monday)."""
    return 5 * (ordinal // 7) + min(ordinal % 7, 5)


def _merged(spans: Sequence[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in spans:  # sorted by normalise_pauses
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _check_years(
    calendar: Calendar, first: date, last: date, spans: Sequence[Span]
) -> None:
    """Raise for the earliest unknown year with a counted day in ``first..last``
    (days inside a pause are not counted, so their year need not be known)."""
    for year in range(first.year, last.year + 1):
        if calendar.knows(year):
            continue
        lo = max(first, date(year, 1, 1))
        hi = min(last, date(year, 12, 31))
        if not any(start <= lo and hi <= end for start, end in spans):
            raise UnknownYearError(year)


def _count_plain(calendar: Calendar, first: date, last: date) -> int:
    """Working days in ``first..last`` (inclusive), years already checked."""
    if last < first:
        return 0
    weekdays = _weekdays_through(last.toordinal()) - _weekdays_through(
        first.toordinal() - 1
    )
    off = sum(1 for d in calendar.holidays if first <= d <= last)
    extra = sum(1 for d in calendar.makeup_workdays if first <= d <= last)
    return weekdays - off + extra


def working_days_between(
    calendar: Calendar, start: date, end: date, *, pauses: Sequence[Span] = ()
) -> int:
    """The number of working days ``d`` with ``start < d <= end``, pause days excluded.

    Negative when ``end`` is before ``start`` (the count from ``end`` to ``start``,
    negated), so ``add_working_days(c, a, working_days_between(c, a, b))`` is the
    last working day on or before ``b`` when ``b`` is after ``a``. Counted in closed
    form (weekdays, less holidays, plus make-up days), so a span of years costs no
    more than a week.
    """
    start, end = _as_date(start), _as_date(end)
    if end < start:
        return -working_days_between(calendar, end, start, pauses=pauses)
    if end == start:
        return 0
    first = start + ONE_DAY
    spans = _merged(normalise_pauses(pauses))
    _check_years(calendar, first, end, spans)
    count = _count_plain(calendar, first, end)
    for pause_start, pause_end in spans:
        count -= _count_plain(calendar, max(first, pause_start), min(end, pause_end))
    return count
