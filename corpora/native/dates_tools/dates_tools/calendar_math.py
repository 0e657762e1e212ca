"""Proleptic Gregorian calendar arithmetic on (year, month, day) tuples."""
from __future__ import annotations

Date = tuple[int, int, int]

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap_year(year: int) -> bool:
    if year % 400 == 0:
        return True
    if year % 100 == 0:
        return False
    return year % 4 == 0


def days_in_month(year: int, month: int) -> int:
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    if month == 2 and is_leap_year(year):
        return 29
    return _MONTH_DAYS[month - 1]


def validate(date: Date) -> Date:
    year, month, day = date
    if year < 1:
        raise ValueError(f"year out of range: {year}")
    if not 1 <= day <= days_in_month(year, month):
        raise ValueError(f"day out of range: {date}")
    return date


def day_of_year(date: Date) -> int:
    year, month, day = validate(date)
    total = sum(_MONTH_DAYS[: month - 1]) + day
    if month > 2 and is_leap_year(year):
        total += 1
    return total


def day_of_week(date: Date) -> int:
    """Monday = 0 ... Sunday = 6, computed with a Zeller-style congruence."""
    year, month, day = validate(date)
    if month < 3:
        month += 12
        year -= 1
    century, yoc = divmod(year, 100)
    h = (day + (13 * (month + 1)) // 5 + yoc + yoc // 4 + century // 4 + 5 * century) % 7
    # Zeller gives 0 = Saturday; shift so that 0 = Monday.
    return (h + 5) % 7


def to_ordinal(date: Date) -> int:
    """Day number with 0001-01-01 == 1 (same convention as datetime.date.toordinal)."""
    year = validate(date)[0]
    prev = year - 1
    days_before_year = prev * 365 + prev // 4 - prev // 100 + prev // 400
    return days_before_year + day_of_year(date)


def from_ordinal(ordinal: int) -> Date:
    if ordinal < 1:
        raise ValueError("ordinal must be >= 1")
    # The estimate never overshoots, so only upward correction is needed.
    year = max(1, ordinal * 400 // 146097)
    while to_ordinal((year + 1, 1, 1)) <= ordinal:
        year += 1
    remaining = ordinal - to_ordinal((year, 1, 1)) + 1
    month = 1
    while remaining > days_in_month(year, month):
        remaining -= days_in_month(year, month)
        month += 1
    return (year, month, remaining)


def add_days(date: Date, days: int) -> Date:
    return from_ordinal(to_ordinal(date) + days)


def add_months(date: Date, months: int) -> Date:
    """Shift by whole months, clamping the day to the end of the target month."""
    year, month, day = validate(date)
    index = year * 12 + (month - 1) + months
    new_year, new_month0 = divmod(index, 12)
    new_month = new_month0 + 1
    if new_year < 1:
        raise ValueError("result before year 1")
    return (new_year, new_month, min(day, days_in_month(new_year, new_month)))
