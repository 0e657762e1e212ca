import pytest

from shop import Cart


def test_empty_cart():
    assert Cart().total() == 0
    assert Cart().count() == 0


def test_add_merges_same_item():
    cart = Cart()
    cart.add("pen", 100, 2)
    cart.add("pen", 100, 3)
    assert cart.count() == 5
    assert len(cart.lines) == 1


def test_add_rejects_bad_input():
    with pytest.raises(ValueError):
        Cart().add("pen", -1)
    with pytest.raises(ValueError):
        Cart().add("pen", 100, 0)


def test_remove():
    cart = Cart()
    cart.add("pen", 100)
    assert cart.remove("pen")
    assert not cart.remove("pen")


def test_total_small_order():
    cart = Cart()
    cart.add("bread", 250, 2, "food")
    cart.add("novel", 1200, 1, "books")
    assert cart.total() == 2 * 268 + 1200


def test_total_ten_items_gets_discount():
    cart = Cart()
    cart.add("apple", 100, 10, "food")
    assert cart.total() == 963  # 10 x 107 = 1070, minus 10%


def test_total_bulk_order():
    cart = Cart()
    cart.add("nail", 10, 60)
    assert cart.total() == 576  # 60 x 12 = 720, minus 20%
