import pytest

from inventory import (
    InventoryError,
    Order,
    OrderLine,
    Product,
    Store,
    low_stock_report,
    reorder_suggestions,
    reserved_ratio,
    valuation_report,
)


def make_store():
    store = Store()
    store.add_product(Product("A1", "Apple", 50, on_hand=10, restock_level=3, restock_quantity=20))
    store.add_product(Product("B2", "Banana", 20, on_hand=4, restock_level=5, restock_quantity=10))
    store.add_product(Product("C3", "Cherry", 300, on_hand=2, restock_level=0))
    return store


# ---- models ---------------------------------------------------------------

def test_product_defaults():
    p = Product("X", "x", 5)
    assert (p.on_hand, p.reserved, p.restock_level, p.restock_quantity) == (0, 0, 0, 0)


def test_product_available_subtracts_reserved():
    p = Product("X", "x", 10, on_hand=7, reserved=3)
    assert p.available == 4


def test_product_stock_value():
    assert Product("X", "x", 125, on_hand=4).stock_value() == 500


@pytest.mark.parametrize("on_hand,level,expected", [(5, 5, True), (6, 5, False), (4, 5, True)])
def test_needs_restock_boundary(on_hand, level, expected):
    assert Product("X", "x", 1, on_hand=on_hand, restock_level=level).needs_restock() is expected


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sku": "", "name": "n", "unit_cost": 1},
        {"sku": "S", "name": "n", "unit_cost": -1},
        {"sku": "S", "name": "n", "unit_cost": 1, "on_hand": -1},
    ],
)
def test_product_validation(kwargs):
    with pytest.raises(InventoryError):
        Product(**kwargs)


def test_zero_cost_and_zero_stock_allowed():
    p = Product("S", "n", 0, on_hand=0)
    assert p.stock_value() == 0


@pytest.mark.parametrize("qty", [0, -2])
def test_order_line_requires_positive_quantity(qty):
    with pytest.raises(InventoryError):
        OrderLine("A", qty)


def test_order_quantity_of_and_total():
    order = Order(1, [OrderLine("A", 2), OrderLine("B", 3), OrderLine("A", 4)])
    assert order.quantity_of("A") == 6
    assert order.quantity_of("Z") == 0
    assert order.total_units() == 9
    assert order.status == "open"


# ---- store ----------------------------------------------------------------

def test_duplicate_sku_rejected():
    store = make_store()
    with pytest.raises(InventoryError, match="duplicate"):
        store.add_product(Product("A1", "again", 1))


def test_get_unknown_sku():
    with pytest.raises(InventoryError, match="unknown sku"):
        Store().get("nope")


def test_receive_adds_stock():
    store = make_store()
    assert store.receive("A1", 5) == 15
    assert store.get("A1").on_hand == 15
    assert store.receive("A1", 1) == 16


@pytest.mark.parametrize("qty", [0, -1])
def test_receive_rejects_non_positive(qty):
    with pytest.raises(InventoryError):
        make_store().receive("A1", qty)


def test_adjust_down_and_up():
    store = make_store()
    assert store.adjust("A1", -4) == 6
    assert store.adjust("A1", 1) == 7


def test_adjust_cannot_go_below_reserved():
    store = make_store()
    store.place_order([("A1", 6)])
    assert store.adjust("A1", -4) == 6  # exactly the reserved amount is allowed
    with pytest.raises(InventoryError):
        store.adjust("A1", -1)


def test_place_order_reserves_stock():
    store = make_store()
    order = store.place_order([("A1", 3), ("B2", 1)])
    assert order.order_id == 1
    assert store.get("A1").reserved == 3
    assert store.get("A1").available == 7
    assert store.get("A1").on_hand == 10
    assert store.get("B2").reserved == 1


def test_place_order_merges_duplicate_lines():
    store = make_store()
    order = store.place_order([("A1", 2), ("A1", 3)])
    assert order.lines == [OrderLine("A1", 5)]
    assert store.get("A1").reserved == 5


def test_order_ids_increase():
    store = make_store()
    first = store.place_order([("A1", 1)])
    second = store.place_order([("A1", 1)])
    assert (first.order_id, second.order_id) == (1, 2)
    assert store.orders[2] is second


def test_place_order_exact_available_ok():
    store = make_store()
    store.place_order([("C3", 2)])
    assert store.get("C3").available == 0


def test_place_order_is_all_or_nothing():
    store = make_store()
    with pytest.raises(InventoryError, match="insufficient stock for B2: 4 available, 5 requested"):
        store.place_order([("A1", 2), ("B2", 5)])
    assert store.get("A1").reserved == 0
    assert store.orders == {}


def test_place_order_counts_existing_reservations():
    store = make_store()
    store.place_order([("C3", 1)])
    with pytest.raises(InventoryError):
        store.place_order([("C3", 2)])


def test_place_empty_order_rejected():
    with pytest.raises(InventoryError, match="no lines"):
        make_store().place_order([])


def test_place_order_unknown_sku():
    with pytest.raises(InventoryError, match="unknown sku"):
        make_store().place_order([("ZZ", 1)])


def test_ship_removes_stock_and_reservation():
    store = make_store()
    order = store.place_order([("A1", 4)])
    shipped = store.ship(order.order_id)
    assert shipped.status == "shipped"
    assert store.get("A1").on_hand == 6
    assert store.get("A1").reserved == 0


def test_cancel_releases_reservation():
    store = make_store()
    order = store.place_order([("A1", 4)])
    assert store.cancel(order.order_id) is order
    assert order.status == "cancelled"
    assert store.get("A1").on_hand == 10
    assert store.get("A1").reserved == 0


def test_cannot_ship_twice():
    store = make_store()
    order = store.place_order([("A1", 1)])
    store.ship(order.order_id)
    with pytest.raises(InventoryError, match="is shipped"):
        store.ship(order.order_id)
    with pytest.raises(InventoryError, match="is shipped"):
        store.cancel(order.order_id)


def test_ship_unknown_order():
    with pytest.raises(InventoryError, match="unknown order 9"):
        make_store().ship(9)


def test_open_orders_lists_only_open():
    store = make_store()
    a = store.place_order([("A1", 1)])
    b = store.place_order([("A1", 1)])
    c = store.place_order([("A1", 1)])
    store.ship(a.order_id)
    store.cancel(c.order_id)
    assert store.open_orders() == [b]


def test_restock_all_receives_configured_quantity():
    store = make_store()
    # B2: available 4 <= 5 -> restock 10; C3: available 2 > 0 -> no; A1: 10 > 3 -> no
    assert store.restock_all() == {"B2": 10}
    assert store.get("B2").on_hand == 14


def test_restock_uses_available_not_on_hand():
    store = make_store()
    store.place_order([("A1", 7)])  # available 3 == restock level
    assert store.restock_all() == {"A1": 20, "B2": 10}
    assert store.get("A1").on_hand == 30


def test_restock_quantity_of_one():
    store = Store()
    store.add_product(Product("U", "u", 1, on_hand=0, restock_level=0, restock_quantity=1))
    assert store.restock_all() == {"U": 1}


def test_restock_skips_zero_restock_quantity():
    store = make_store()
    store.place_order([("C3", 2)])  # available 0 <= 0 but restock_quantity 0
    assert "C3" not in store.restock_all()


# ---- reports --------------------------------------------------------------

def test_low_stock_report_orders_by_shortfall():
    store = make_store()
    store.place_order([("A1", 8), ("C3", 2)])
    # A1: 2-3=-1, B2: 4-5=-1, C3: 0-0=0
    assert low_stock_report(store) == [("A1", 2, 3), ("B2", 4, 5), ("C3", 0, 0)]


def test_low_stock_report_empty_when_all_fine():
    store = Store()
    store.add_product(Product("Q", "q", 1, on_hand=9, restock_level=2))
    assert low_stock_report(store) == []


def test_low_stock_report_most_urgent_first():
    store = Store()
    store.add_product(Product("A", "a", 1, on_hand=4, restock_level=5))
    store.add_product(Product("B", "b", 1, on_hand=0, restock_level=5))
    assert [row[0] for row in low_stock_report(store)] == ["B", "A"]


def test_low_stock_report_ties_by_sku_not_level():
    store = Store()
    store.add_product(Product("Z", "z", 1, on_hand=2, restock_level=3))
    store.add_product(Product("Y", "y", 1, on_hand=4, restock_level=5))
    assert [row[0] for row in low_stock_report(store)] == ["Y", "Z"]


def test_valuation_report():
    report = valuation_report(make_store())
    assert report["per_sku"] == {"A1": 500, "B2": 80, "C3": 600}
    assert report["total"] == 1180
    assert report["top"] == "C3"


def test_valuation_report_tie_prefers_first_sku():
    store = Store()
    store.add_product(Product("Z", "z", 10, on_hand=1))
    store.add_product(Product("Y", "y", 5, on_hand=2))
    assert valuation_report(store)["top"] == "Y"


def test_valuation_report_empty_store():
    assert valuation_report(Store()) == {"total": 0, "per_sku": {}, "top": None}


def test_valuation_zero_value_product_is_top():
    store = Store()
    store.add_product(Product("Z", "z", 0, on_hand=0))
    assert valuation_report(store)["top"] == "Z"


def test_reorder_suggestions():
    store = make_store()
    # goals: A1 3+5=8 (avail 10), B2 5+5=10 (avail 4), C3 0+5=5 (avail 2)
    assert reorder_suggestions(store, 5) == {"B2": 6, "C3": 3}


def test_reorder_suggestions_exact_goal_not_listed():
    store = make_store()
    assert reorder_suggestions(store, 7) == {"B2": 8, "C3": 5}
    assert "A1" not in reorder_suggestions(store, 7)
    assert reorder_suggestions(store, 8)["A1"] == 1


def test_reorder_suggestions_zero_cover():
    assert reorder_suggestions(make_store(), 0) == {"B2": 1}


def test_reorder_suggestions_negative_cover():
    with pytest.raises(ValueError):
        reorder_suggestions(make_store(), -1)


def test_reserved_ratio():
    store = make_store()
    store.place_order([("A1", 4)])
    assert reserved_ratio(store) == pytest.approx(4 / 16)


def test_reserved_ratio_empty():
    assert reserved_ratio(Store()) == 0.0
