import pytest

from unit_convert import (
    UNITS,
    DimensionError,
    ParseError,
    Unit,
    convert,
    convert_quantity,
    format_quantity,
    parse_quantity,
    parse_unit,
    same_dimension,
)
from unit_convert.convert import convert_difference
from unit_convert.units import LENGTH, describe


# ---- units ----------------------------------------------------------------

def test_unit_to_and_from_si():
    km = UNITS["km"]
    assert km.to_si(2.5) == 2500.0
    assert km.from_si(2500.0) == 2.5


@pytest.mark.parametrize(
    "symbol,dim",
    [("m", (1, 0, 0, 0)), ("kg", (0, 1, 0, 0)), ("h", (0, 0, 1, 0)), ("K", (0, 0, 0, 1)), ("F", (0, 0, 0, 1))],
)
def test_base_dimensions(symbol, dim):
    assert UNITS[symbol].dim == dim


def test_offset_flag():
    assert UNITS["C"].is_offset
    assert not UNITS["K"].is_offset
    assert not UNITS["m"].is_offset


def test_unit_multiplication_and_division():
    area = UNITS["m"] * UNITS["cm"]
    assert area.dim == (2, 0, 0, 0)
    assert area.scale == pytest.approx(0.01)
    assert area.symbol == "m*cm"
    speed = UNITS["km"] / UNITS["h"]
    assert speed.dim == (1, 0, -1, 0)
    assert speed.scale == pytest.approx(1000 / 3600)
    assert speed.symbol == "km/h"


def test_unit_power():
    sq = UNITS["ft"].power(2)
    assert sq.dim == (2, 0, 0, 0)
    assert sq.scale == pytest.approx(0.3048 ** 2)
    assert sq.symbol == "ft^2"
    inv = UNITS["s"].power(-1)
    assert inv.dim == (0, 0, -1, 0)
    assert UNITS["m"].power(1) is UNITS["m"]


def test_offset_units_cannot_combine():
    with pytest.raises(DimensionError):
        UNITS["C"] * UNITS["m"]
    with pytest.raises(DimensionError):
        UNITS["m"] / UNITS["F"]
    with pytest.raises(DimensionError):
        UNITS["C"].power(2)


@pytest.mark.parametrize(
    "dim,text",
    [((1, 0, 0, 0), "length"), ((1, 0, -2, 0), "length/time^2"), ((0, 0, 0, 0), "1"),
     ((2, 1, 0, 0), "length^2*mass"), ((0, 0, -1, 0), "1/time"), ((0, 1, -1, -1), "mass/time/temperature")],
)
def test_describe(dim, text):
    assert describe(dim) == text


# ---- parser ---------------------------------------------------------------

@pytest.mark.parametrize(
    "text,dim,scale",
    [
        ("km", (1, 0, 0, 0), 1000.0),
        ("km/h", (1, 0, -1, 0), 1000 / 3600),
        ("m/s^2", (1, 0, -2, 0), 1.0),
        ("m/s/s", (1, 0, -2, 0), 1.0),
        ("kg*m/s^2", (1, 1, -2, 0), 1.0),
        ("g / cm^3", (-3, 1, 0, 0), 1000.0),
        ("s^-1", (0, 0, -1, 0), 1.0),
        ("mi*h^-1", (1, 0, -1, 0), 1609.344 / 3600),
    ],
)
def test_parse_unit(text, dim, scale):
    unit = parse_unit(text)
    assert unit.dim == dim
    assert unit.scale == pytest.approx(scale)


@pytest.mark.parametrize("text", ["", "   ", "furlong", "m/", "/s", "m**s", "m^", "m^0", "m^x", "m^-"])
def test_parse_unit_errors(text):
    with pytest.raises(ParseError):
        parse_unit(text)


def test_parse_unit_offset_compound_rejected():
    with pytest.raises(DimensionError):
        parse_unit("C/s")


@pytest.mark.parametrize(
    "text,value,symbol",
    [
        ("3.5 km", 3.5, "km"),
        ("-40F", -40.0, "F"),
        ("  10 min ", 10.0, "min"),
        ("1e3 m", 1000.0, "m"),
        ("2.5e-3 km", 0.0025, "km"),
        ("+7 lb", 7.0, "lb"),
        ("5in", 5.0, "in"),
        (".5 h", 0.5, "h"),
    ],
)
def test_parse_quantity(text, value, symbol):
    number, unit = parse_quantity(text)
    assert number == pytest.approx(value)
    assert unit.symbol == symbol


@pytest.mark.parametrize(
    "text,fragment",
    [("km", "missing number"), ("12", "missing unit"), ("", "missing number"), ("1.2.3 m", "bad number"),
     ("5e m", "bad number"), ("3 parsec", "unknown unit"), ("3.e5 m", "unknown unit 'e5m'")],
)
def test_parse_quantity_errors(text, fragment):
    with pytest.raises(ParseError, match=fragment):
        parse_quantity(text)


# ---- convert --------------------------------------------------------------

@pytest.mark.parametrize(
    "value,src,dst,expected",
    [
        (1, "km", "m", 1000),
        (12, "in", "ft", 1),
        (1, "mi", "km", 1.609344),
        (2, "lb", "oz", 32),
        (1500, "g", "kg", 1.5),
        (90, "min", "h", 1.5),
        (1, "day", "min", 1440),
        (100, "km/h", "m/s", 27.7777778),
        (60, "mi/h", "km/h", 96.56064),
        (1, "g/cm^3", "kg/m^3", 1000),
    ],
)
def test_convert_plain(value, src, dst, expected):
    assert convert(value, src, dst) == pytest.approx(expected)


@pytest.mark.parametrize(
    "value,src,dst,expected",
    [
        (0, "C", "F", 32),
        (100, "C", "F", 212),
        (-40, "C", "F", -40),
        (32, "F", "C", 0),
        (0, "C", "K", 273.15),
        (0, "K", "C", -273.15),
        (451, "F", "K", 505.9277778),
        (300, "K", "F", 80.33),
    ],
)
def test_convert_temperature(value, src, dst, expected):
    assert convert(value, src, dst) == pytest.approx(expected)


def test_convert_accepts_unit_objects():
    assert convert(3, UNITS["ft"], UNITS["in"]) == pytest.approx(36)
    custom = Unit("league", LENGTH, 4828.032)
    assert convert(1, custom, "mi") == pytest.approx(3)


def test_convert_incompatible_dimensions():
    with pytest.raises(DimensionError, match="cannot convert length to time"):
        convert(1, "m", "s")
    with pytest.raises(DimensionError, match="length/time to length"):
        convert(1, "km/h", "km")
    with pytest.raises(DimensionError, match="cannot convert temperature to mass"):
        convert(1, "C", "kg")


def test_convert_difference_ignores_offset():
    assert convert_difference(10, "C", "F") == pytest.approx(18)
    assert convert_difference(9, "F", "K") == pytest.approx(5)
    assert convert_difference(2, "km", "m") == pytest.approx(2000)
    with pytest.raises(DimensionError):
        convert_difference(1, "C", "m")


def test_convert_quantity_string():
    assert convert_quantity("3.5 km", "m") == pytest.approx(3500)
    assert convert_quantity("212 F", "C") == pytest.approx(100)
    with pytest.raises(DimensionError):
        convert_quantity("3 kg", "m")


def test_same_dimension():
    assert same_dimension("km/h", "m/s")
    assert not same_dimension("km", "kg")
    assert same_dimension(UNITS["C"], "F")


@pytest.mark.parametrize(
    "value,unit,digits,text",
    [
        (1.5, "km", 3, "1.5 km"),
        (2.0, "m", 3, "2 m"),
        (1 / 3, "h", 2, "0.33 h"),
        (27.77777, "m/s", 3, "27.778 m/s"),
        (-0.0001, "C", 2, "0 C"),
        (100, "g", 0, "100 g"),
        (-3.25, "F", 1, "-3.2 F"),
    ],
)
def test_format_quantity(value, unit, digits, text):
    assert format_quantity(value, unit, digits) == text


def test_format_quantity_with_unit_object():
    assert format_quantity(10, UNITS["kg"]) == "10 kg"


def test_format_quantity_default_three_digits():
    assert format_quantity(1 / 3, "h") == "0.333 h"
