"""Planar geometry helpers built around an immutable Vector type."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple


class Vector(NamedTuple):
    """A 2D vector, also used to represent points."""

    x: float
    y: float

    def __add__(self, other: Vector) -> Vector:
        return Vector(self.x + other.x, self.y + other.y)

    def __sub__(self, other: Vector) -> Vector:
        return Vector(self.x - other.x, self.y - other.y)

    def __mul__(self, k: float) -> Vector:
        return Vector(self.x * k, self.y * k)

    __rmul__ = __mul__

    def dot(self, other: Vector) -> float:
        return self.x * other.x + self.y * other.y

    def cross(self, other: Vector) -> float:
        """z-component of the 3D cross product; positive when other is counter-clockwise."""
        return self.x * other.y - self.y * other.x

    def norm(self) -> float:
        return math.hypot(self.x, self.y)

    def distance_to(self, other: Vector) -> float:
        return (other - self).norm()


Point = Vector


def orientation(a: Point, b: Point, c: Point) -> int:
    """1 for a counter-clockwise turn a->b->c, -1 for clockwise, 0 if collinear."""
    turn = (b - a).cross(c - a)
    if turn > 0:
        return 1
    if turn < 0:
        return -1
    return 0


def signed_area(poly: Sequence[Point]) -> float:
    """Shoelace formula; positive for counter-clockwise vertex order."""
    total = 0.0
    n = len(poly)
    for i in range(n):
        total += poly[i].cross(poly[(i + 1) % n])
    return total / 2


def area(poly: Sequence[Point]) -> float:
    return abs(signed_area(poly))


def perimeter(poly: Sequence[Point]) -> float:
    """Length of the closed boundary, including the edge back to the first vertex."""
    return sum(poly[i].distance_to(poly[i - 1]) for i in range(len(poly)))


def on_segment(p: Point, a: Point, b: Point) -> bool:
    """True if p lies on the closed segment ab."""
    if orientation(a, b, p) != 0:
        return False
    return min(a.x, b.x) <= p.x <= max(a.x, b.x) and min(a.y, b.y) <= p.y <= max(a.y, b.y)


def point_in_polygon(p: Point, poly: Sequence[Point]) -> str:
    """Classify p as "inside", "outside" or "boundary" using ray casting."""
    n = len(poly)
    if n < 3:
        raise ValueError("a polygon needs at least 3 vertices")
    inside = False
    for i in range(n):
        a, b = poly[i - 1], poly[i]
        if on_segment(p, a, b):
            return "boundary"
        if (a.y > p.y) != (b.y > p.y):
            x_cross = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y)
            if p.x < x_cross:
                inside = not inside
    return "inside" if inside else "outside"


def convex_hull(points: Sequence[Point]) -> list[Point]:
    """Monotone chain hull, counter-clockwise from the lowest-leftmost point, no collinear points."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def half(seq: Sequence[Point]) -> list[Point]:
        chain: list[Point] = []
        for p in seq:
            while len(chain) >= 2 and orientation(chain[-2], chain[-1], p) <= 0:
                chain.pop()
            chain.append(p)
        return chain

    lower = half(pts)
    upper = half(pts[::-1])
    return lower[:-1] + upper[:-1]


def segments_intersect(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether closed segments ab and cd share at least one point."""
    o1, o2 = orientation(a, b, c), orientation(a, b, d)
    o3, o4 = orientation(c, d, a), orientation(c, d, b)
    if o1 != o2 and o3 != o4:
        return True
    return on_segment(c, a, b) or on_segment(d, a, b) or on_segment(a, c, d) or on_segment(b, c, d)


def intersection_point(a: Point, b: Point, c: Point, d: Point) -> Point | None:
    """The single crossing point of segments ab and cd, or None (parallel or disjoint)."""
    r, s = b - a, d - c
    denom = r.cross(s)
    if denom == 0:
        return None
    t = (c - a).cross(s) / denom
    u = (c - a).cross(r) / denom
    if not (0 <= t <= 1 and 0 <= u <= 1):
        return None
    return a + r * t


def bounding_box(points: Sequence[Point]) -> tuple[Point, Point]:
    """(min corner, max corner) of the axis-aligned bounding box; ValueError if empty."""
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    return Vector(min(xs), min(ys)), Vector(max(xs), max(ys))


def centroid(poly: Sequence[Point]) -> Point:
    """Centroid of a simple polygon with non-zero area."""
    a = signed_area(poly)
    if a == 0:
        raise ValueError("degenerate polygon has no centroid")
    cx = cy = 0.0
    n = len(poly)
    for i in range(n):
        p, q = poly[i], poly[(i + 1) % n]
        w = p.cross(q)
        cx += (p.x + q.x) * w
        cy += (p.y + q.y) * w
    return Vector(cx / (6 * a), cy / (6 * a))
