"""Physical unit parsing and conversion."""
from .convert import convert, convert_quantity, format_quantity, same_dimension
from .parser import ParseError, parse_quantity, parse_unit
from .units import UNITS, DimensionError, Unit

__all__ = [
    "UNITS",
    "DimensionError",
    "ParseError",
    "Unit",
    "convert",
    "convert_quantity",
    "format_quantity",
    "parse_quantity",
    "parse_unit",
    "same_dimension",
]
