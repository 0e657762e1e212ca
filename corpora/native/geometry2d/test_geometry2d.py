import math

import pytest

from geometry2d import (
    Point,
    Vector,
    area,
    bounding_box,
    centroid,
    convex_hull,
    intersection_point,
    on_segment,
    orientation,
    perimeter,
    point_in_polygon,
    segments_intersect,
    signed_area,
)

SQUARE = [Point(0, 0), Point(4, 0), Point(4, 4), Point(0, 4)]
L_SHAPE = [Point(0, 0), Point(4, 0), Point(4, 1), Point(1, 1), Point(1, 3), Point(0, 3)]


def test_vector_arithmetic():
    a, b = Vector(1, 2), Vector(3, -5)
    assert a + b == Vector(4, -3)
    assert a - b == Vector(-2, 7)
    assert b - a == Vector(2, -7)
    assert a * 3 == Vector(3, 6)
    assert 2 * b == Vector(6, -10)


def test_point_is_vector():
    assert Point is Vector
    assert Point(1, 2).x == 1 and Point(1, 2).y == 2


def test_dot():
    assert Vector(1, 2).dot(Vector(3, 4)) == 11
    assert Vector(1, 0).dot(Vector(0, 5)) == 0


def test_cross():
    assert Vector(1, 0).cross(Vector(0, 1)) == 1
    assert Vector(0, 1).cross(Vector(1, 0)) == -1
    assert Vector(2, 3).cross(Vector(4, 5)) == -2


def test_norm_and_distance():
    assert Vector(3, 4).norm() == 5.0
    assert Point(1, 1).distance_to(Point(4, 5)) == 5.0
    assert Point(2, 2).distance_to(Point(2, 2)) == 0.0


@pytest.mark.parametrize(
    "a, b, c, expected",
    [((0, 0), (1, 0), (1, 1), 1), ((0, 0), (1, 0), (1, -1), -1), ((0, 0), (1, 1), (3, 3), 0),
     ((0, 0), (2, 0), (-1, 0), 0)],
)
def test_orientation(a, b, c, expected):
    assert orientation(Point(*a), Point(*b), Point(*c)) == expected


def test_signed_area_ccw_positive():
    assert signed_area(SQUARE) == 16.0


def test_signed_area_cw_negative():
    assert signed_area(SQUARE[::-1]) == -16.0


def test_area_l_shape():
    assert area(L_SHAPE) == 6.0
    assert area(L_SHAPE[::-1]) == 6.0


def test_area_triangle():
    assert area([Point(0, 0), Point(5, 0), Point(2, 3)]) == 7.5


def test_area_degenerate():
    assert area([]) == 0.0
    assert area([Point(0, 0), Point(1, 1), Point(2, 2)]) == 0.0


def test_perimeter():
    assert perimeter(SQUARE) == 16.0
    assert perimeter([Point(0, 0), Point(3, 0), Point(3, 4)]) == 12.0
    assert perimeter(L_SHAPE) == 14.0


def test_perimeter_small_inputs():
    assert perimeter([]) == 0
    assert perimeter([Point(1, 1)]) == 0
    assert perimeter([Point(0, 0), Point(0, 2)]) == 4.0


@pytest.mark.parametrize(
    "p, expected",
    [((1, 1), True), ((0, 0), True), ((2, 2), True), ((3, 3), False), ((1, 2), False), ((-1, -1), False)],
)
def test_on_segment(p, expected):
    assert on_segment(Point(*p), Point(0, 0), Point(2, 2)) is expected


def test_on_segment_vertical_and_horizontal():
    assert on_segment(Point(0, 1), Point(0, 0), Point(0, 3))
    assert not on_segment(Point(0, 4), Point(0, 0), Point(0, 3))
    assert on_segment(Point(2, 5), Point(3, 5), Point(1, 5))
    assert not on_segment(Point(0, 5), Point(3, 5), Point(1, 5))


@pytest.mark.parametrize(
    "p, expected",
    [((2, 2), "inside"), ((5, 2), "outside"), ((-1, 2), "outside"), ((4, 2), "boundary"),
     ((0, 0), "boundary"), ((2, 4), "boundary"), ((2, 5), "outside"), ((2, -0.5), "outside")],
)
def test_point_in_square(p, expected):
    assert point_in_polygon(Point(*p), SQUARE) == expected


@pytest.mark.parametrize(
    "p, expected",
    [((0.5, 2), "inside"), ((2, 2), "outside"), ((3, 0.5), "inside"), ((1, 2), "boundary"),
     ((2, 1), "boundary"), ((0.5, 0.5), "inside"), ((3, 3), "outside")],
)
def test_point_in_concave_polygon(p, expected):
    assert point_in_polygon(Point(*p), L_SHAPE) == expected


def test_point_in_polygon_ray_through_vertex():
    diamond = [Point(2, 0), Point(4, 2), Point(2, 4), Point(0, 2)]
    assert point_in_polygon(Point(1, 2), diamond) == "inside"
    assert point_in_polygon(Point(-1, 2), diamond) == "outside"
    assert point_in_polygon(Point(5, 2), diamond) == "outside"


@pytest.mark.parametrize("p, expected", [((1, 1), "inside"), ((3, 3), "outside"), ((2, 0), "boundary")])
def test_point_in_triangle(p, expected):
    assert point_in_polygon(Point(*p), [Point(0, 0), Point(4, 0), Point(0, 4)]) == expected


def test_point_in_polygon_too_few_vertices():
    with pytest.raises(ValueError):
        point_in_polygon(Point(0, 0), [Point(0, 0), Point(1, 1)])


def test_convex_hull_square_with_interior_and_collinear():
    pts = [Point(0, 0), Point(2, 0), Point(4, 0), Point(4, 4), Point(0, 4), Point(2, 2), Point(1, 3), Point(0, 2)]
    assert convex_hull(pts) == [Point(0, 0), Point(4, 0), Point(4, 4), Point(0, 4)]


def test_convex_hull_triangle_order_ccw():
    pts = [Point(3, 3), Point(0, 0), Point(6, 0), Point(3, 1)]
    assert convex_hull(pts) == [Point(0, 0), Point(6, 0), Point(3, 3)]


def test_convex_hull_removes_duplicates():
    pts = [Point(1, 1), Point(1, 1), Point(0, 0), Point(2, 0), Point(0, 0)]
    assert convex_hull(pts) == [Point(0, 0), Point(2, 0), Point(1, 1)]


def test_convex_hull_small_inputs():
    assert convex_hull([]) == []
    assert convex_hull([Point(1, 1)]) == [Point(1, 1)]
    assert convex_hull([Point(2, 2), Point(1, 1), Point(2, 2)]) == [Point(1, 1), Point(2, 2)]


def test_convex_hull_all_collinear():
    pts = [Point(0, 0), Point(1, 1), Point(2, 2), Point(3, 3)]
    assert convex_hull(pts) == [Point(0, 0), Point(3, 3)]


def test_convex_hull_pentagon():
    pts = [Point(0, 0), Point(2, -1), Point(4, 0), Point(3, 3), Point(1, 3), Point(2, 1), Point(1, 1)]
    assert convex_hull(pts) == [Point(0, 0), Point(2, -1), Point(4, 0), Point(3, 3), Point(1, 3)]


@pytest.mark.parametrize(
    "a, b, c, d, expected",
    [
        ((0, 0), (4, 4), (0, 4), (4, 0), True),      # proper crossing
        ((0, 0), (2, 2), (3, 3), (5, 5), False),     # collinear, disjoint
        ((0, 0), (3, 3), (2, 2), (5, 5), True),      # collinear, overlapping
        ((0, 0), (2, 0), (2, 0), (3, 5), True),      # touching at an endpoint
        ((0, 0), (4, 0), (2, 0), (2, 3), True),      # T junction
        ((0, 0), (4, 0), (2, 1), (2, 3), False),     # above, no contact
        ((0, 0), (1, 1), (1, 0), (2, -1), False),    # lines cross outside the segments
        ((0, 0), (0, 4), (1, 0), (1, 4), False),     # parallel
        ((2, 0), (2, 3), (0, 0), (4, 0), True),      # T junction, roles swapped
        ((2, 2), (5, 5), (0, 0), (3, 3), True),      # overlap, roles swapped
        ((3, 3), (5, 5), (0, 0), (4, 4), True),
    ],
)
def test_segments_intersect(a, b, c, d, expected):
    assert segments_intersect(Point(*a), Point(*b), Point(*c), Point(*d)) is expected


def test_intersection_point_crossing():
    assert intersection_point(Point(0, 0), Point(4, 4), Point(0, 4), Point(4, 0)) == Point(2, 2)


def test_intersection_point_asymmetric():
    assert intersection_point(Point(0, 0), Point(6, 0), Point(1, -1), Point(1, 2)) == Point(1, 0)


def test_intersection_point_at_endpoint():
    assert intersection_point(Point(0, 0), Point(2, 0), Point(2, 0), Point(2, 5)) == Point(2, 0)


def test_intersection_point_away_from_origin():
    assert intersection_point(Point(1, 1), Point(5, 3), Point(1, 3), Point(5, 1)) == Point(3, 2)


def test_intersection_point_offset_segments():
    assert intersection_point(Point(2, 1), Point(2, 7), Point(0, 4), Point(6, 4)) == Point(2, 4)


def test_intersection_point_at_start_of_first_segment():
    assert intersection_point(Point(1, 1), Point(3, 1), Point(1, 0), Point(1, 2)) == Point(1, 1)


def test_intersection_point_at_end_of_second_segment():
    assert intersection_point(Point(0, 0), Point(4, 0), Point(2, 3), Point(2, 0)) == Point(2, 0)


def test_intersection_point_parallel():
    assert intersection_point(Point(0, 0), Point(1, 0), Point(0, 1), Point(1, 1)) is None


@pytest.mark.parametrize(
    "c, d",
    [((3, -1), (3, 1)), ((1, 1), (1, 3)), ((1, -3), (1, -1)), ((-1, -1), (-1, 1))],
)
def test_intersection_point_outside_segments(c, d):
    assert intersection_point(Point(0, 0), Point(2, 0), Point(*c), Point(*d)) is None


def test_bounding_box():
    pts = [Point(3, -1), Point(-2, 4), Point(0, 0), Point(5, 2)]
    assert bounding_box(pts) == (Point(-2, -1), Point(5, 4))


def test_bounding_box_single_point():
    assert bounding_box([Point(1, 2)]) == (Point(1, 2), Point(1, 2))


def test_bounding_box_empty():
    with pytest.raises(ValueError):
        bounding_box([])


def test_centroid_square():
    assert centroid(SQUARE) == Point(2.0, 2.0)


def test_centroid_clockwise_square():
    assert centroid(SQUARE[::-1]) == Point(2.0, 2.0)


def test_centroid_triangle():
    c = centroid([Point(0, 0), Point(6, 0), Point(0, 3)])
    assert c.x == pytest.approx(2.0) and c.y == pytest.approx(1.0)


def test_centroid_l_shape():
    c = centroid(L_SHAPE)
    # rectangles 4x1 (centre 2, 0.5) and 1x2 (centre 0.5, 2)
    assert c.x == pytest.approx((4 * 2 + 2 * 0.5) / 6)
    assert c.y == pytest.approx((4 * 0.5 + 2 * 2) / 6)


def test_centroid_degenerate():
    with pytest.raises(ValueError):
        centroid([Point(0, 0), Point(1, 1), Point(2, 2)])


def test_hull_area_matches_shoelace():
    pts = [Point(math.cos(k), math.sin(k)) for k in range(12)]
    hull = convex_hull(pts)
    assert signed_area(hull) > 0
    assert all(p in pts for p in hull)
