import pytest

from shop.pricing import apply_percent, bulk_discount, price_with_tax


@pytest.mark.parametrize("category, expected", [("food", 107), ("books", 100), ("other", 119), ("toys", 119)])
def test_price_with_tax(category, expected):
    assert price_with_tax(100, category) == expected


def test_tax_rounds_half_up():
    assert price_with_tax(50, "food") == 54  # 53.5 -> 54


@pytest.mark.parametrize("quantity, percent", [(1, 0), (9, 0), (10, 10), (11, 10), (49, 10), (50, 20), (80, 20)])
def test_bulk_discount(quantity, percent):
    assert bulk_discount(quantity) == percent


def test_apply_percent():
    assert apply_percent(1000, 10) == 900
    assert apply_percent(999, 0) == 999
