"""Working-day arithmetic and the cached calendar.

Run: ``.venv/bin/python benchmarks/bench_workdays.py`` (or ``make bench``). Uses the
test settings and a throw-away test database (the data migration seeds 2004–2026).
Prints medians of repeated runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import timeit
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def median_us(func: Callable[[], object], *, number: int, repeat: int = 7) -> float:
    runs = timeit.repeat(func, number=number, repeat=repeat)
    return statistics.median(runs) / number * 1e6


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from gongkai.holidays import selectors
        from gongkai.workdays import (
            Pause,
            add_working_days,
            reply_deadline,
            working_days_between,
        )

        cal = selectors.calendar_get()
        start = date(2024, 1, 1)
        assert add_working_days(cal, start, 251) == date(2024, 12, 31)
        figures = {
            "add_working_days, 251 working days (all of 2024)": median_us(
                lambda: add_working_days(cal, start, 251), number=200
            ),
            "add_working_days, 20 working days (one reply period)": median_us(
                lambda: add_working_days(cal, date(2024, 9, 27), 20), number=2000
            ),
            "working_days_between, 2024-01-01..2024-12-31": median_us(
                lambda: working_days_between(cal, start, date(2024, 12, 31)),
                number=200,
            ),
            "reply_deadline with pause and extension, explanation included": median_us(
                lambda: reply_deadline(
                    cal,
                    received_on=date(2025, 9, 1),
                    supplement_received_on=date(2025, 9, 26),
                    extension_days=20,
                    pauses=[Pause(date(2025, 10, 9), date(2025, 10, 20), "征求意见")],
                ),
                number=500,
            ),
            "calendar_get, process cache hit (1 query)": median_us(
                selectors.calendar_get, number=2000
            ),
        }

        def django_cache_hit() -> None:
            selectors._memo.clear()
            selectors.calendar_get()

        def cold() -> None:
            selectors._memo.clear()
            cache.clear()
            selectors.calendar_get()

        figures["calendar_get, Django cache hit (1 query + unpickle)"] = median_us(
            django_cache_hit, number=200
        )
        figures["calendar_get, cold build (3 queries, ~770 rows)"] = median_us(
            cold, number=50
        )
        for label, value in figures.items():
            print(f"{label:<66} {value:>10.1f} µs")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
