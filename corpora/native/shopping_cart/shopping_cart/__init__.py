"""Shopping cart pricing in integer cents."""
from .cart import Cart, CartError, LineItem
from .discounts import BuyXGetY, Coupon, FixedOff, PercentOff
from .pricing import Receipt, checkout, round_div

__all__ = [
    "BuyXGetY",
    "Cart",
    "CartError",
    "Coupon",
    "FixedOff",
    "LineItem",
    "PercentOff",
    "Receipt",
    "checkout",
    "round_div",
]
