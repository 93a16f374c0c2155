"""A grid index for finding everything within a radius."""

import math
from collections import defaultdict

from matcher.solver.rules import EARTH_RADIUS_KM, haversine_km, within

KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180.0


class GridIndex:
    """Points bucketed in cells of `cell_deg` degrees; `near` returns candidates within a radius."""

    def __init__(self, points: list[tuple[float, float]], cell_deg: float = 0.05) -> None:
        self.points = points
        self.cell = cell_deg
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, (lat, lon) in enumerate(points):
            self.cells[self._key(lat, lon)].append(i)

    def _key(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.cell), math.floor(lon / self.cell)

    def near(self, lat: float, lon: float, radius_km: float) -> list[tuple[int, float]]:
        """Indices and distances of the points within `radius_km` (rule R3), in index order."""
        found = [
            (i, haversine_km(lat, lon, *self.points[i])) for i in self._box(lat, lon, radius_km)
        ]
        return sorted((i, d) for i, d in found if within(d, radius_km))

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
