"""A tiny shop: carts, prices and discounts. It ships with one bug for tflm to find."""

from shop.cart import Cart
from shop.pricing import bulk_discount, price_with_tax

__all__ = ["Cart", "bulk_discount", "price_with_tax"]
