import pytest

from shopping_cart import (
    BuyXGetY,
    Cart,
    CartError,
    Coupon,
    FixedOff,
    LineItem,
    PercentOff,
    Receipt,
    checkout,
    round_div,
)
from shopping_cart.pricing import best_line_discounts, category_tax


def sample_cart():
    cart = Cart()
    cart.add("apple", 125, 4, "food")       # 500
    cart.add("soap", 399, 2, "household")   # 798
    cart.add("book", 1500, 1, "books")      # 1500
    return cart


# ---- rounding -------------------------------------------------------------

@pytest.mark.parametrize(
    "n,d,mode,expected",
    [
        (10, 4, "half_up", 3), (10, 4, "half_even", 2), (10, 4, "down", 2),
        (14, 4, "half_even", 4), (14, 4, "half_up", 4),
        (11, 4, "half_even", 3), (9, 4, "half_up", 2), (9, 4, "half_even", 2),
        (12, 4, "half_even", 3), (0, 7, "half_up", 0), (19, 4, "down", 4),
    ],
)
def test_round_div(n, d, mode, expected):
    assert round_div(n, d, mode) == expected


def test_round_div_denominator_one():
    assert round_div(5, 1, "half_up") == 5


def test_round_div_default_is_half_even():
    assert round_div(5, 2) == 2
    assert round_div(7, 2) == 4


@pytest.mark.parametrize("n,d,mode", [(1, 0, "half_up"), (-1, 2, "half_up"), (5, 2, "ceiling")])
def test_round_div_errors(n, d, mode):
    with pytest.raises(ValueError):
        round_div(n, d, mode)


# ---- cart -----------------------------------------------------------------

def test_line_total():
    assert LineItem("x", 250, 3).total == 750


def test_add_and_subtotal():
    cart = sample_cart()
    assert cart.subtotal() == 2798
    assert cart.item_count() == 7
    assert len(cart) == 3


def test_add_defaults_and_returns_line():
    cart = Cart()
    line = cart.add("a", 100)
    assert line == LineItem("a", 100, 1, "general")
    assert cart.get("a") is line


def test_add_same_sku_merges():
    cart = Cart()
    cart.add("a", 100, 2)
    line = cart.add("a", 100, 3)
    assert line.quantity == 5
    assert len(cart) == 1


def test_add_conflicting_price_rejected():
    cart = Cart()
    cart.add("a", 100)
    with pytest.raises(CartError, match="conflicting"):
        cart.add("a", 101)
    with pytest.raises(CartError, match="conflicting"):
        cart.add("a", 100, category="food")


@pytest.mark.parametrize("price,qty", [(100, 0), (100, -1), (-1, 1)])
def test_add_validation(price, qty):
    with pytest.raises(CartError):
        Cart().add("a", price, qty)


def test_free_item_allowed():
    cart = Cart()
    cart.add("gift", 0)
    assert cart.subtotal() == 0


def test_lines_sorted_by_sku():
    assert [line.sku for line in sample_cart().lines()] == ["apple", "book", "soap"]


def test_remove_partial_and_whole():
    cart = sample_cart()
    cart.remove("apple", 3)
    assert cart.get("apple").quantity == 1
    cart.remove("apple", 1)
    assert len(cart) == 2
    cart.remove("soap")
    assert [line.sku for line in cart.lines()] == ["book"]


def test_remove_single_unit():
    cart = sample_cart()
    cart.remove("apple", 1)
    assert cart.get("apple").quantity == 3


def test_remove_more_than_present_drops_line():
    cart = sample_cart()
    cart.remove("soap", 5)
    with pytest.raises(CartError, match="not in cart"):
        cart.get("soap")


def test_remove_non_positive_rejected():
    with pytest.raises(CartError):
        sample_cart().remove("apple", 0)


def test_set_quantity():
    cart = sample_cart()
    cart.set_quantity("book", 3)
    assert cart.get("book").quantity == 3
    cart.set_quantity("book", 0)
    assert len(cart) == 2
    with pytest.raises(CartError):
        cart.set_quantity("apple", -1)


def test_missing_sku():
    with pytest.raises(CartError, match="pear not in cart"):
        Cart().remove("pear")


# ---- discounts ------------------------------------------------------------

def test_percent_off_sku():
    rule = PercentOff(10, sku="soap")
    assert rule.line_discount(LineItem("soap", 399, 2)) == 80  # 79.8 -> 80
    assert rule.line_discount(LineItem("apple", 399, 2)) == 0


def test_percent_off_half_rounds_up():
    assert PercentOff(50).line_discount(LineItem("x", 1, 1)) == 1
    assert PercentOff(25).line_discount(LineItem("x", 2, 1)) == 1


def test_percent_off_category_and_all():
    line = LineItem("x", 1000, 1, "food")
    assert PercentOff(15, category="food").line_discount(line) == 150
    assert PercentOff(15, category="books").line_discount(line) == 0
    assert PercentOff(100).line_discount(line) == 1000


def test_percent_off_one_percent_allowed():
    assert PercentOff(1).line_discount(LineItem("x", 1000, 1)) == 10


@pytest.mark.parametrize("percent", [0, 101, -5])
def test_percent_validation(percent):
    with pytest.raises(CartError):
        PercentOff(percent)


@pytest.mark.parametrize("qty,free", [(1, 0), (2, 0), (3, 1), (5, 1), (6, 2), (7, 2)])
def test_buy_two_get_one(qty, free):
    rule = BuyXGetY("apple", 2, 1)
    assert rule.line_discount(LineItem("apple", 100, qty)) == free * 100


def test_buy_x_get_y_multiple_free():
    rule = BuyXGetY("a", 3, 2)
    assert rule.line_discount(LineItem("a", 10, 10)) == 40
    assert rule.line_discount(LineItem("b", 10, 10)) == 0


def test_buy_one_get_one():
    assert BuyXGetY("a", 1, 1).line_discount(LineItem("a", 10, 5)) == 20


@pytest.mark.parametrize("buy,get", [(0, 1), (1, 0)])
def test_buy_x_get_y_validation(buy, get):
    with pytest.raises(CartError):
        BuyXGetY("a", buy, get)


def test_fixed_off_caps_at_total():
    assert FixedOff(500).order_discount(2000) == 500
    assert FixedOff(500).order_discount(300) == 300


def test_coupon_eligibility_boundary():
    coupon = Coupon("SAVE", amount=100, min_spend=1000)
    assert coupon.eligible(1000)
    assert not coupon.eligible(999)


def test_coupon_defaults():
    assert Coupon("C", amount=1).eligible(0)
    assert Coupon("C", amount=1).order_discount(50) == 1
    assert Coupon("C", percent=1).order_discount(500) == 5


def test_coupon_percent_and_amount():
    assert Coupon("P", percent=10).order_discount(1005) == 101  # 100.5 -> 101
    assert Coupon("A", amount=700).order_discount(500) == 500


@pytest.mark.parametrize("kwargs", [{}, {"percent": 5, "amount": 5}])
def test_coupon_validation(kwargs):
    with pytest.raises(CartError):
        Coupon("X", **kwargs)


# ---- pricing --------------------------------------------------------------

def test_best_line_discount_does_not_stack():
    cart = sample_cart()
    rules = (PercentOff(10, category="food"), BuyXGetY("apple", 3, 1), PercentOff(5))
    # apple: 50 vs 125 vs 25 -> 125 ; book: 75 ; soap: 40 (39.9)
    assert best_line_discounts(cart, rules) == {"apple": 125, "book": 75, "soap": 40}


def test_best_line_discount_empty_rules():
    assert best_line_discounts(sample_cart()) == {}


def test_category_tax_uses_default_and_half_even():
    taxes = category_tax({"food": 250, "books": 1000, "toys": 50}, {"food": 500, "default": 1000})
    # food 12.5 -> 12 (even) ; books 100 ; toys 5
    assert taxes == {"books": 100, "food": 12, "toys": 5}


def test_category_tax_no_rate():
    assert category_tax({"food": 100000}, {}) == {"food": 0}


def test_category_tax_large_amount_exact():
    assert category_tax({"food": 1_000_000}, {"food": 500}) == {"food": 50000}


def test_checkout_same_category_lines_are_summed():
    cart = Cart()
    cart.add("tea", 255, 1, "food")
    cart.add("jam", 250, 1, "food")
    receipt = checkout(cart, tax_rates_bp={"food": 1000})
    # 505 * 10 % = 50.5 -> 50 (half even); per line it would be 26 + 25
    assert receipt.tax_by_category == {"food": 50}


def test_checkout_coupon_percent_includes_tax():
    coupons = {"TEN": Coupon("TEN", percent=10)}
    receipt = checkout(sample_cart(), tax_rates_bp={"default": 1000}, coupons=coupons, codes=("TEN",))
    # (2798 + 280) * 10 % = 307.8 -> 308
    assert receipt.order_discount == 308


def test_checkout_plain():
    receipt = checkout(sample_cart())
    assert receipt.subtotal == 2798
    assert receipt.tax == 0
    assert receipt.total == 2798


def test_checkout_with_tax_by_category():
    receipt = checkout(sample_cart(), tax_rates_bp={"food": 700, "household": 2000})
    # food 500*7% = 35 ; household 798*20% = 159.6 -> 160 ; books 0
    assert receipt.tax_by_category == {"books": 0, "food": 35, "household": 160}
    assert receipt.tax == 195
    assert receipt.total == 2993


def test_checkout_tax_after_line_discounts():
    receipt = checkout(
        sample_cart(),
        line_rules=(PercentOff(50, sku="book"),),
        tax_rates_bp={"books": 1000},
    )
    assert receipt.line_discount == 750
    assert receipt.tax_by_category["books"] == 75
    assert receipt.total == 2798 - 750 + 75


def test_checkout_order_rule_after_tax():
    receipt = checkout(sample_cart(), tax_rates_bp={"default": 1000}, order_rules=(FixedOff(300),))
    # tax: books 150, food 50, household 79.8 -> 80 = 280
    assert receipt.tax == 280
    assert receipt.order_discount == 300
    assert receipt.total == 2798 + 280 - 300


def test_checkout_coupon_min_spend_uses_discounted_spend():
    coupons = {"BIG": Coupon("BIG", amount=500, min_spend=2500)}
    cart = sample_cart()
    ok = checkout(cart, coupons=coupons, codes=("BIG",))
    assert ok.applied_codes == ["BIG"]
    assert ok.total == 2298
    boundary = checkout(cart, line_rules=(PercentOff(19, sku="book"),), coupons=coupons, codes=("BIG",))
    assert boundary.applied_codes == ["BIG"]  # spend 2513
    rejected = checkout(cart, line_rules=(PercentOff(20, sku="book"),), coupons=coupons, codes=("BIG",))
    assert rejected.applied_codes == []
    assert rejected.rejected_codes == ["BIG"]
    assert rejected.total == 2798 - 300


def test_checkout_unknown_and_repeated_codes_rejected():
    coupons = {"TEN": Coupon("TEN", percent=10)}
    receipt = checkout(sample_cart(), coupons=coupons, codes=("TEN", "NOPE", "TEN"))
    assert receipt.applied_codes == ["TEN"]
    assert receipt.rejected_codes == ["NOPE", "TEN"]
    assert receipt.order_discount == 280  # 279.8 -> 280


def test_checkout_coupons_apply_on_remaining_total():
    coupons = {"HALF": Coupon("HALF", percent=50), "FIVE": Coupon("FIVE", amount=500)}
    receipt = checkout(sample_cart(), order_rules=(FixedOff(798),), coupons=coupons,
                       codes=("FIVE", "HALF"))
    # 2798 - 798 = 2000 ; -500 = 1500 ; half of 1500 = 750
    assert receipt.order_discount == 798 + 500 + 750
    assert receipt.total == 750


def test_checkout_never_negative():
    coupons = {"BIG": Coupon("BIG", amount=10**6)}
    receipt = checkout(sample_cart(), order_rules=(FixedOff(2000),), coupons=coupons, codes=("BIG",))
    assert receipt.total == 0


def test_checkout_empty_cart():
    receipt = checkout(Cart(), tax_rates_bp={"default": 500}, order_rules=(FixedOff(100),))
    assert receipt == Receipt()
    assert receipt.total == 0


def test_line_discount_capped_at_line_total():
    class Silly:
        def line_discount(self, line):
            return 10**6

    cart = Cart()
    cart.add("a", 100, 2)
    assert checkout(cart, line_rules=(Silly(),)).line_discount == 200
