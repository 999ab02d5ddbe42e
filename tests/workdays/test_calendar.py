"""Working-day arithmetic: weekends, holidays, make-up days, pauses, year ends."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays import (
    Calendar,
    UnknownYearError,
    add_working_days,
    working_days_between,
)

D = date

# The published schedules (国务院办公厅 notices), entered independently of the
# package: (first day off, last day off, make-up working days).
REAL_SCHEDULES = {
    "2024 春节": (D(2024, 2, 10), D(2024, 2, 17), [D(2024, 2, 4), D(2024, 2, 18)]),
    "2024 国庆节": (D(2024, 10, 1), D(2024, 10, 7), [D(2024, 9, 29), D(2024, 10, 12)]),
    "2025 春节": (D(2025, 1, 28), D(2025, 2, 4), [D(2025, 1, 26), D(2025, 2, 8)]),
    "2025 国庆节、中秋节": (
        D(2025, 10, 1),
        D(2025, 10, 8),
        [D(2025, 9, 28), D(2025, 10, 11)],
    ),
}


@pytest.mark.parametrize("name", sorted(REAL_SCHEDULES))
def test_package_matches_the_published_schedule(cal, name):
    first, last, makeup = REAL_SCHEDULES[name]
    # Every day from ten days before to ten days after the break.
    day = first - timedelta(days=10)
    while day <= last + timedelta(days=10):
        if first <= day <= last:
            expected = False
        elif day in makeup:
            expected = True
        else:
            expected = day.weekday() < 5
        assert cal.is_workday(day) is expected, day
        day += timedelta(days=1)


def test_holiday_names(cal):
    assert cal.name_of(D(2024, 10, 1)) == "国庆节"
    assert cal.name_of(D(2024, 9, 29)) == "国庆节调休上班"
    assert cal.name_of(D(2025, 10, 6)) == "中秋节"
    assert cal.name_of(D(2024, 3, 5)) == ""


def test_known_years_are_the_package_years(cal):
    assert cal.known_years == frozenset(range(2004, 2027))


def test_unknown_year_raises_a_clear_chinese_error(cal):
    with pytest.raises(UnknownYearError) as exc:
        cal.is_workday(D(2027, 1, 4))
    assert exc.value.year == 2027
    assert str(exc.value) == (
        "工作日历尚未录入 2027 年的节假日安排，无法计算；请管理员先录入该年度安排。"
    )
    assert isinstance(exc.value, ValueError)
    with pytest.raises(UnknownYearError):
        cal.is_workday(D(2003, 12, 31))


# start, n, expected: the n-th working day after start
ADD_CASES = [
    (D(2024, 3, 1), 1, D(2024, 3, 4)),  # Friday → Monday
    (D(2024, 3, 2), 1, D(2024, 3, 4)),  # Saturday → Monday
    (D(2024, 3, 4), 5, D(2024, 3, 11)),
    (D(2024, 3, 4), 0, D(2024, 3, 4)),
    (D(2024, 9, 27), 20, D(2024, 10, 30)),  # 国庆节 2024 with both make-up days
    (D(2024, 9, 27), 1, D(2024, 9, 29)),  # Sunday make-up day
    (D(2024, 9, 30), 1, D(2024, 10, 8)),
    (D(2024, 10, 11), 1, D(2024, 10, 12)),  # Saturday make-up day
    (D(2024, 2, 2), 20, D(2024, 3, 6)),  # 春节 2024
    (D(2024, 2, 9), 1, D(2024, 2, 18)),
    (D(2025, 1, 24), 20, D(2025, 2, 27)),  # 春节 2025
    (D(2025, 1, 27), 1, D(2025, 2, 5)),
    (D(2025, 9, 26), 20, D(2025, 10, 30)),  # 国庆节、中秋节 2025
    (D(2025, 9, 30), 1, D(2025, 10, 9)),
    (D(2024, 12, 20), 20, D(2025, 1, 20)),  # year end, 元旦 2025
    (D(2024, 12, 31), 1, D(2025, 1, 2)),
    (D(2025, 12, 31), 1, D(2026, 1, 4)),  # 元旦 2026: Jan 1–3 off, Sunday Jan 4 works
]


@pytest.mark.parametrize(("start", "n", "expected"), ADD_CASES)
def test_add_working_days(cal, start, n, expected):
    assert add_working_days(cal, start, n) == expected
    assert working_days_between(cal, start, expected) == n


# start, n, pauses, expected
PAUSE_CASES = [
    # A pause over the whole 2024 National Day break: the make-up Sunday inside the
    # pause does not count, the one after it does.
    (
        D(2024, 9, 20),
        20,
        [(D(2024, 9, 27), D(2024, 10, 10))],
        D(2024, 10, 31),
    ),
    # A pause ending on a holiday changes nothing more than the holiday itself.
    (D(2024, 9, 27), 20, [(D(2024, 10, 2), D(2024, 10, 6))], D(2024, 10, 30)),
    # A pause of one working day adds one working day.
    (D(2024, 3, 1), 5, [(D(2024, 3, 5), D(2024, 3, 5))], D(2024, 3, 11)),
    # Two pauses, one across the year end with 元旦 2026 and its make-up Sunday.
    (
        D(2025, 12, 15),
        20,
        [(D(2025, 12, 24), D(2026, 1, 5))],
        D(2026, 1, 23),
    ),
    (
        D(2024, 3, 1),
        10,
        [(D(2024, 3, 4), D(2024, 3, 5)), (D(2024, 3, 11), D(2024, 3, 11))],
        D(2024, 3, 20),
    ),
]


@pytest.mark.parametrize(("start", "n", "pauses", "expected"), PAUSE_CASES)
def test_add_working_days_with_pauses(cal, start, n, pauses, expected):
    assert add_working_days(cal, start, n, pauses=pauses) == expected
    assert working_days_between(cal, start, expected, pauses=pauses) == n


BETWEEN_CASES = [
    (D(2024, 3, 1), D(2024, 3, 1), 0),
    (D(2024, 3, 1), D(2024, 3, 3), 0),  # weekend only
    (D(2024, 3, 1), D(2024, 3, 8), 5),
    (D(2024, 3, 8), D(2024, 3, 1), -5),
    (D(2024, 9, 30), D(2024, 10, 7), 0),  # the National Day break
    (D(2024, 9, 28), D(2024, 10, 13), 7),  # 29, 30 Sep and 8–12 Oct
    (D(2024, 12, 31), D(2025, 1, 1), 0),
    (D(2024, 1, 1), D(2024, 12, 31), 251),  # 2024: 366 days
]


@pytest.mark.parametrize(("start", "end", "expected"), BETWEEN_CASES)
def test_working_days_between(cal, start, end, expected):
    assert working_days_between(cal, start, end) == expected


def test_working_days_in_2024_by_hand(cal):
    # 262 Mondays–Fridays in 2024; 19 of them off (元旦 1, 春节 5, 清明 2, 劳动节 3,
    # 端午 1, 中秋 2, 国庆 5); 8 make-up weekend days: 262 - 19 + 8 = 251.
    weekdays = sum(
        1 for n in range(366) if (D(2024, 1, 1) + timedelta(days=n)).weekday() < 5
    )
    offs = sum(1 for d in cal.holidays if d.year == 2024)
    makeups = sum(1 for d in cal.makeup_workdays if d.year == 2024)
    assert (weekdays, offs, makeups) == (262, 19, 8)
    assert working_days_between(cal, D(2023, 12, 31), D(2024, 12, 31)) == 251


def test_counting_into_an_unknown_year_raises(cal):
    with pytest.raises(UnknownYearError) as exc:
        add_working_days(cal, D(2026, 12, 10), 20)
    assert exc.value.year == 2027
    with pytest.raises(UnknownYearError):
        working_days_between(cal, D(2026, 12, 30), D(2027, 1, 5))


def test_negative_n_and_reversed_pause_are_refused(cal):
    with pytest.raises(ValueError, match="不能为负数"):
        add_working_days(cal, D(2024, 3, 1), -1)
    with pytest.raises(ValueError, match="早于开始日期"):
        add_working_days(cal, D(2024, 3, 1), 3, pauses=[(D(2024, 3, 5), D(2024, 3, 4))])


def test_calendar_drops_entries_that_restate_the_weekend_rule():
    a = Calendar(
        known_years=frozenset({2024}),
        holidays=frozenset({D(2024, 10, 4), D(2024, 10, 5)}),  # Fri, Sat
        makeup_workdays=frozenset({D(2024, 10, 12), D(2024, 10, 11)}),  # Sat, Fri
    )
    assert a.holidays == {D(2024, 10, 4)}
    assert a.makeup_workdays == {D(2024, 10, 12)}
    b = Calendar.from_days(
        {
            D(2024, 10, 4): False,
            D(2024, 10, 5): False,
            D(2024, 10, 12): True,
            D(2024, 10, 11): True,
        },
        [2024],
        names={D(2024, 10, 4): "国庆节"},
    )
    assert a == b
    assert b.name_of(D(2024, 10, 4)) == "国庆节"
    assert not b.is_workday(D(2024, 10, 4))
    assert b.is_workday(D(2024, 10, 12))
    assert b.is_workday(D(2024, 10, 11))
    assert not b.is_workday(D(2024, 10, 13))


def test_datetime_is_treated_as_its_date(cal):
    from datetime import datetime

    assert cal.is_workday(datetime(2024, 10, 12, 9, 30)) is True
    assert cal.is_workday(datetime(2024, 10, 1, 9, 30)) is False


days = st.dates(min_value=D(2004, 1, 1), max_value=D(2025, 6, 30))


@settings(max_examples=200, deadline=None)
@given(start=days, n=st.integers(min_value=0, max_value=120))
def test_add_and_between_are_inverse(cal, start, n):
    due = add_working_days(cal, start, n)
    assert working_days_between(cal, start, due) == n
    assert n == 0 or cal.is_workday(due)


@settings(max_examples=200, deadline=None)
@given(
    start=days,
    n=st.integers(min_value=1, max_value=60),
    offset=st.integers(min_value=0, max_value=40),
    length=st.integers(min_value=0, max_value=30),
)
def test_pauses_only_ever_push_the_date_later(cal, start, n, offset, length):
    pause_start = start + timedelta(days=offset)
    pause = (pause_start, pause_start + timedelta(days=length))
    plain = add_working_days(cal, start, n)
    paused = add_working_days(cal, start, n, pauses=[pause])
    assert paused >= plain
    assert working_days_between(cal, start, paused, pauses=[pause]) == n
    assert not (pause[0] <= paused <= pause[1])


def _between_by_walking(calendar, start, end, pauses):
    """The definition, day by day: the reference for the closed-form count."""
    if end < start:
        return -_between_by_walking(calendar, end, start, pauses)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if any(a <= day <= b for a, b in pauses):
            continue
        count += calendar.is_workday(day)
    return count


spans = st.lists(
    st.tuples(days, st.integers(min_value=0, max_value=60)).map(
        lambda p: (p[0], p[0] + timedelta(days=p[1]))
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(start=days, end=days, pauses=spans)
def test_closed_form_count_equals_the_day_by_day_count(cal, start, end, pauses):
    assert working_days_between(cal, start, end, pauses=pauses) == _between_by_walking(
        cal, start, end, pauses
    )


def test_unknown_year_inside_a_pause_is_not_needed(cal):
    small = Calendar(
        known_years=frozenset({2024, 2026}), holidays=frozenset(), makeup_workdays=set()
    )
    whole_2025 = [(D(2025, 1, 1), D(2025, 12, 31))]
    assert working_days_between(
        small, D(2024, 12, 30), D(2026, 1, 2), pauses=whole_2025
    ) == _between_by_walking(small, D(2024, 12, 30), D(2026, 1, 2), whole_2025)
    with pytest.raises(UnknownYearError) as raised:
        working_days_between(small, D(2024, 12, 30), D(2026, 1, 2))
    assert raised.value.year == 2025
