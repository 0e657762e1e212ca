"""Date helpers working on plain (year, month, day) tuples."""
from .business_days import add_business_days, business_days_between, is_business_day
from .calendar_math import (
    add_days,
    add_months,
    day_of_week,
    day_of_year,
    days_in_month,
    from_ordinal,
    is_leap_year,
    to_ordinal,
    validate,
)
from .recurrence import Rule, occurrences

__all__ = [
    "Rule",
    "add_business_days",
    "add_days",
    "add_months",
    "business_days_between",
    "day_of_week",
    "day_of_year",
    "days_in_month",
    "from_ordinal",
    "is_business_day",
    "is_leap_year",
    "occurrences",
    "to_ordinal",
    "validate",
]
