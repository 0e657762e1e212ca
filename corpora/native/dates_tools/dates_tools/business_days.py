"""Business-day arithmetic with weekends and a holiday list."""
from __future__ import annotations

from collections.abc import Iterable

from .calendar_math import Date, day_of_week, from_ordinal, to_ordinal

WEEKEND = (5, 6)


def _holiday_ordinals(holidays: Iterable[Date]) -> set[int]:
    return {to_ordinal(h) for h in holidays}


def is_business_day(date: Date, holidays: Iterable[Date] = ()) -> bool:
    if day_of_week(date) in WEEKEND:
        return False
    return to_ordinal(date) not in _holiday_ordinals(holidays)


def business_days_between(start: Date, end: Date, holidays: Iterable[Date] = ()) -> int:
    """Business days in the half-open range [start, end); negative if end < start."""
    lo, hi = to_ordinal(start), to_ordinal(end)
    sign = 1
    if hi < lo:
        lo, hi = hi, lo
        sign = -1
    skip = _holiday_ordinals(holidays)
    count = 0
    for ordinal in range(lo, hi):
        # ordinal 1 (0001-01-01) is a Monday, so (ordinal - 1) % 7 is the weekday.
        if (ordinal - 1) % 7 in WEEKEND or ordinal in skip:
            continue
        count += 1
    return sign * count


def add_business_days(date: Date, days: int, holidays: Iterable[Date] = ()) -> Date:
    """Move forward (or backward) by a number of business days."""
    skip = _holiday_ordinals(holidays)
    ordinal = to_ordinal(date)
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    while remaining > 0:
        ordinal += step
        if (ordinal - 1) % 7 not in WEEKEND and ordinal not in skip:
            remaining -= 1
    return from_ordinal(ordinal)
