"""Chinese wording shared by the deadline explanations (pure, no Django)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

_DIGITS = "零一二三四五六七八九"


def cn_count(n: int) -> str:
    """A count as it is read aloud before a measure word: 2 → 两, 12 → 十二."""
    if n == 2:
        return "两"
    if 0 <= n < 10:
        return _DIGITS[n]
    if 10 <= n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    if 20 <= n < 100:
        tens, units = divmod(n, 10)
        return _DIGITS[tens] + "十" + (_DIGITS[units] if units else "")
    return str(n)


def full_date(day: date) -> str:
    """2024年9月27日."""
    return f"{day.year}年{day.month}月{day.day}日"


def short_date(day: date, *, year: int) -> str:
    """9月29日 when ``day`` is in ``year``, else the full date."""
    if day.year != year:
        return full_date(day)
    return f"{day.month}月{day.day}日"


def date_list(days: Iterable[date], *, year: int) -> str:
    """9月29日、10月12日."""
    return "、".join(short_date(d, year=year) for d in days)


def full_span(start: date, end: date) -> str:
    """2024年10月8日至10月21日 (one day: 2024年10月8日)."""
    if start == end:
        return full_date(start)
    return f"{full_date(start)}至{short_date(end, year=start.year)}"
