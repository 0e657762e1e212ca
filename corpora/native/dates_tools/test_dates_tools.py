import datetime

import pytest

from dates_tools import (
    Rule,
    add_business_days,
    add_days,
    add_months,
    business_days_between,
    day_of_week,
    day_of_year,
    days_in_month,
    from_ordinal,
    is_business_day,
    is_leap_year,
    occurrences,
    to_ordinal,
    validate,
)
from dates_tools.recurrence import next_after, nth_occurrence


# ---- calendar_math --------------------------------------------------------

@pytest.mark.parametrize(
    "year,expected",
    [(2000, True), (1900, False), (2024, True), (2023, False), (2100, False), (2400, True), (4, True)],
)
def test_is_leap_year(year, expected):
    assert is_leap_year(year) is expected


@pytest.mark.parametrize(
    "year,month,expected",
    [(2023, 1, 31), (2023, 2, 28), (2024, 2, 29), (1900, 2, 28), (2023, 4, 30), (2023, 12, 31), (2023, 11, 30)],
)
def test_days_in_month(year, month, expected):
    assert days_in_month(year, month) == expected


@pytest.mark.parametrize("month", [0, 13])
def test_days_in_month_bad_month(month):
    with pytest.raises(ValueError, match="month"):
        days_in_month(2020, month)


@pytest.mark.parametrize("date", [(2023, 2, 29), (2023, 4, 0), (2023, 4, 31), (0, 1, 1)])
def test_validate_rejects(date):
    with pytest.raises(ValueError):
        validate(date)


def test_validate_accepts_last_day():
    assert validate((2024, 2, 29)) == (2024, 2, 29)
    assert validate((1, 1, 1)) == (1, 1, 1)


@pytest.mark.parametrize(
    "date,expected",
    [((2023, 1, 1), 1), ((2023, 3, 1), 60), ((2024, 3, 1), 61), ((2024, 2, 29), 60),
     ((2024, 12, 31), 366), ((2023, 12, 31), 365)],
)
def test_day_of_year(date, expected):
    assert day_of_year(date) == expected


@pytest.mark.parametrize(
    "date",
    [(2024, 1, 1), (2024, 2, 29), (2024, 3, 1), (2000, 1, 1), (1900, 3, 1), (1999, 12, 31),
     (2023, 6, 15), (1, 1, 1), (2100, 2, 28), (1582, 10, 15), (2024, 2, 1), (2023, 12, 31)],
)
def test_day_of_week_matches_datetime(date):
    assert day_of_week(date) == datetime.date(*date).weekday()


def test_day_of_week_full_cycle():
    start = datetime.date(2023, 12, 25)
    for offset in range(70):
        d = start + datetime.timedelta(days=offset)
        assert day_of_week((d.year, d.month, d.day)) == d.weekday()


@pytest.mark.parametrize("date", [(1, 1, 1), (1, 12, 31), (2, 1, 1), (2000, 2, 29), (2024, 7, 4), (400, 12, 31)])
def test_to_ordinal_matches_datetime(date):
    assert to_ordinal(date) == datetime.date(*date).toordinal()


@pytest.mark.parametrize("ordinal", [1, 365, 366, 730119, 730179, 738886, 146097, 146098])
def test_from_ordinal_matches_datetime(ordinal):
    d = datetime.date.fromordinal(ordinal)
    assert from_ordinal(ordinal) == (d.year, d.month, d.day)


def test_from_ordinal_rejects_zero():
    with pytest.raises(ValueError):
        from_ordinal(0)


@pytest.mark.parametrize(
    "date,days,expected",
    [((2024, 2, 28), 1, (2024, 2, 29)), ((2023, 2, 28), 1, (2023, 3, 1)),
     ((2023, 12, 31), 1, (2024, 1, 1)), ((2024, 1, 1), -1, (2023, 12, 31)), ((2024, 5, 5), 0, (2024, 5, 5))],
)
def test_add_days(date, days, expected):
    assert add_days(date, days) == expected


@pytest.mark.parametrize(
    "date,months,expected",
    [
        ((2023, 1, 31), 1, (2023, 2, 28)),
        ((2024, 1, 31), 1, (2024, 2, 29)),
        ((2023, 3, 31), 1, (2023, 4, 30)),
        ((2023, 11, 15), 2, (2024, 1, 15)),
        ((2023, 12, 1), 1, (2024, 1, 1)),
        ((2024, 1, 15), -1, (2023, 12, 15)),
        ((2024, 3, 31), -1, (2024, 2, 29)),
        ((2023, 5, 10), 12, (2024, 5, 10)),
        ((2023, 5, 10), 0, (2023, 5, 10)),
        ((2024, 2, 29), 12, (2025, 2, 28)),
    ],
)
def test_add_months(date, months, expected):
    assert add_months(date, months) == expected


def test_add_months_before_year_one():
    assert add_months((1, 3, 1), -2) == (1, 1, 1)
    with pytest.raises(ValueError):
        add_months((1, 3, 1), -3)


# ---- recurrence -----------------------------------------------------------

def test_daily_with_count():
    rule = Rule((2024, 2, 27), "daily", count=4)
    assert occurrences(rule) == [(2024, 2, 27), (2024, 2, 28), (2024, 2, 29), (2024, 3, 1)]


def test_daily_with_interval():
    rule = Rule((2024, 1, 1), "daily", interval=10, count=3)
    assert occurrences(rule) == [(2024, 1, 1), (2024, 1, 11), (2024, 1, 21)]


def test_weekly_until_inclusive():
    rule = Rule((2024, 1, 1), "weekly", until=(2024, 1, 29))
    assert occurrences(rule) == [(2024, 1, 1), (2024, 1, 8), (2024, 1, 15), (2024, 1, 22), (2024, 1, 29)]


def test_weekly_until_excludes_past_date():
    rule = Rule((2024, 1, 1), "weekly", interval=2, until=(2024, 1, 28))
    assert occurrences(rule) == [(2024, 1, 1), (2024, 1, 15)]


def test_monthly_clamps_without_drift():
    rule = Rule((2023, 1, 31), "monthly", count=4)
    assert occurrences(rule) == [(2023, 1, 31), (2023, 2, 28), (2023, 3, 31), (2023, 4, 30)]


def test_monthly_interval_quarterly():
    rule = Rule((2023, 11, 30), "monthly", interval=3, count=3)
    assert occurrences(rule) == [(2023, 11, 30), (2024, 2, 29), (2024, 5, 30)]


def test_count_and_until_whichever_first():
    rule = Rule((2024, 1, 1), "daily", count=10, until=(2024, 1, 3))
    assert len(occurrences(rule)) == 3
    rule = Rule((2024, 1, 1), "daily", count=2, until=(2024, 1, 30))
    assert occurrences(rule) == [(2024, 1, 1), (2024, 1, 2)]


def test_count_zero_gives_nothing():
    assert occurrences(Rule((2024, 1, 1), "daily", count=0)) == []


def test_until_before_start_gives_nothing():
    assert occurrences(Rule((2024, 1, 5), "daily", until=(2024, 1, 4))) == []


def test_occurrence_limit():
    rule = Rule((2024, 1, 1), "daily", count=100)
    assert len(occurrences(rule, limit=5)) == 5


def test_default_occurrence_cap():
    rule = Rule((2000, 1, 1), "daily", until=(2010, 1, 1))
    dates = occurrences(rule)
    assert len(dates) == 1000
    assert dates[-1] == (2002, 9, 26)


def test_nth_occurrence():
    rule = Rule((2024, 1, 31), "monthly", interval=2, count=1)
    assert nth_occurrence(rule, 0) == (2024, 1, 31)
    assert nth_occurrence(rule, 1) == (2024, 3, 31)
    assert nth_occurrence(rule, 2) == (2024, 5, 31)


def test_next_after():
    rule = Rule((2024, 1, 1), "weekly", count=3)
    assert next_after(rule, (2024, 1, 1)) == (2024, 1, 8)
    assert next_after(rule, (2023, 12, 31)) == (2024, 1, 1)
    assert next_after(rule, (2024, 1, 15)) is None


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"frequency": "yearly", "count": 1}, "frequency"),
        ({"frequency": "daily", "interval": 0, "count": 1}, "interval"),
        ({"frequency": "daily"}, "count or until"),
        ({"frequency": "daily", "count": -1}, "non-negative"),
    ],
)
def test_rule_validation(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Rule((2024, 1, 1), **kwargs)


def test_rule_validates_start():
    with pytest.raises(ValueError):
        Rule((2023, 2, 30), "daily", count=1)


# ---- business days --------------------------------------------------------

@pytest.mark.parametrize(
    "date,expected",
    [((2024, 1, 5), True), ((2024, 1, 6), False), ((2024, 1, 7), False), ((2024, 1, 8), True)],
)
def test_is_business_day_weekends(date, expected):
    assert is_business_day(date) is expected


def test_is_business_day_holiday():
    assert is_business_day((2024, 12, 25), [(2024, 12, 25)]) is False
    assert is_business_day((2024, 12, 24), [(2024, 12, 25)]) is True


def test_business_days_between_one_week():
    # Mon 2024-01-01 to Mon 2024-01-08, half open: five weekdays
    assert business_days_between((2024, 1, 1), (2024, 1, 8)) == 5


def test_business_days_between_same_day():
    assert business_days_between((2024, 1, 3), (2024, 1, 3)) == 0


def test_business_days_between_excludes_end():
    # Fri -> Mon: only Friday counts
    assert business_days_between((2024, 1, 5), (2024, 1, 8)) == 1
    assert business_days_between((2024, 1, 5), (2024, 1, 6)) == 1
    assert business_days_between((2024, 1, 6), (2024, 1, 8)) == 0


def test_business_days_between_with_holidays():
    holidays = [(2024, 1, 2), (2024, 1, 6), (2024, 2, 1)]
    assert business_days_between((2024, 1, 1), (2024, 1, 8), holidays) == 4


def test_business_days_between_reversed_is_negative():
    assert business_days_between((2024, 1, 8), (2024, 1, 1)) == -5


def test_business_days_between_month():
    assert business_days_between((2024, 2, 1), (2024, 3, 1)) == 21


def test_add_business_days_skips_weekend():
    assert add_business_days((2024, 1, 5), 1) == (2024, 1, 8)
    assert add_business_days((2024, 1, 1), 5) == (2024, 1, 8)


def test_add_business_days_skips_holiday():
    assert add_business_days((2024, 12, 24), 1, [(2024, 12, 25), (2024, 12, 26)]) == (2024, 12, 27)


def test_add_business_days_backwards():
    assert add_business_days((2024, 1, 8), -1) == (2024, 1, 5)
    assert add_business_days((2024, 1, 8), -5) == (2024, 1, 1)


def test_add_business_days_zero_keeps_date():
    assert add_business_days((2024, 1, 6), 0) == (2024, 1, 6)


def test_add_and_between_agree():
    start = (2024, 3, 4)
    holidays = [(2024, 3, 29), (2024, 4, 1)]
    end = add_business_days(start, 23, holidays)
    assert business_days_between(start, end, holidays) == 23
