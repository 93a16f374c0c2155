"""A grid index for finding everything within a radius, and a memo of distances for many
solves of nearly the same instance (the advice's confirmations)."""

import math
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from matcher.solver.rules import EARTH_RADIUS_KM, haversine_km, within

KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180.0

# While `remembered_distances` runs: (lat, lon) of the one looking -> {(lat, lon) of a point: km},
# and under ("near", the index's points, lat, lon, radius) the answer of GridIndex.near.
_MEMO: ContextVar[dict | None] = ContextVar("matcher_distance_memo", default=None)


@contextmanager
def remembered_distances() -> Iterator[None]:
    """Within this block every GridIndex remembers the distances it computes and reuses them:
    the advice solves the same people against the same places dozens of times, and building
    the candidates (mostly these distances) took a second of each confirmation's limit on M.
    The distances are rules.haversine_km's own floats, so nothing within reach changes."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


class GridIndex:
    """Points bucketed in cells of `cell_deg` degrees; `near` returns candidates within a radius."""

    def __init__(self, points: list[tuple[float, float]], cell_deg: float = 0.05) -> None:
        self.points = points
        self.cell = cell_deg
        self.memo = _MEMO.get()
        # The points themselves (compared on a hit), not only their hash, in the memo key.
        self.signature = tuple(points) if self.memo is not None else None
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, (lat, lon) in enumerate(points):
            self.cells[self._key(lat, lon)].append(i)

    def _key(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.cell), math.floor(lon / self.cell)

    def near(self, lat: float, lon: float, radius_km: float) -> list[tuple[int, float]]:
        """Indices and distances of the points within `radius_km` (rule R3), in index order."""
        if self.memo is None:
            return self._near(lat, lon, radius_km, None)
        key = ("near", self.signature, lat, lon, radius_km)
        answer = self.memo.get(key)
        if answer is None:
            answer = self.memo[key] = self._near(lat, lon, radius_km, self.memo)
        return list(answer)

    def _near(self, lat: float, lon: float, radius_km: float, memo: dict | None):
        points = self.points
        if memo is None:
            box = self._box(lat, lon, radius_km)
            found = [(i, haversine_km(lat, lon, *points[i])) for i in box]
        else:
            known = memo.setdefault((lat, lon), {})
            found = []
            for i in self._box(lat, lon, radius_km):
                point = points[i]
                km = known.get(point)
                if km is None:
                    km = known[point] = haversine_km(lat, lon, *point)
                found.append((i, km))
        return tuple(sorted((i, d) for i, d in found if within(d, radius_km)))

    def _box(self, lat: float, lon: float, radius_km: float):
        """A conservative superset: the lat/lon box around the circle, or everything."""
        dlat = radius_km / KM_PER_DEGREE * 1.001 + 1e-9
        edge = min(abs(lat) + dlat, 90.0)
        cos_edge = math.cos(math.radians(edge))
        n_cells = (2 * dlat / self.cell + 2) ** 2 / max(cos_edge, 1e-12)
        if (
            cos_edge < 1e-6
            or radius_km / KM_PER_DEGREE / cos_edge > 170
            or n_cells > len(self.points)
        ):
            yield from range(len(self.points))
            return
        dlon = dlat / cos_edge
        if lon - dlon < -180 or lon + dlon > 180:
            yield from range(len(self.points))
            return
        lat0, lon0 = self._key(lat - dlat, lon - dlon)
        lat1, lon1 = self._key(lat + dlat, lon + dlon)
        for a in range(lat0, lat1 + 1):
            for b in range(lon0, lon1 + 1):
                yield from self.cells.get((a, b), ())
