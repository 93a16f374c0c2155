"""Fixtures for the solver tests: instance factories and a solve helper that always runs the
independent feasibility check."""

import copy
import json

import pytest

from matcher.solve_command import result_document as result_to_json
from matcher.solver.instance_io import parse_instance
from matcher.solver.solve import solve

from .feasibility import check

HOME = (52.3567, 6.6625)  # Almelo
KM_LAT = 1 / 111.195  # degrees of latitude per km (sphere of radius 6371.0088 km)


def north(km: float) -> tuple[float, float]:
    """A point `km` north of HOME."""
    return HOME[0] + km * KM_LAT, HOME[1]


def person(ident: str = "p1", *, at_km: float = 0.0, **fields) -> dict:
    """A participant dict with sensible values, free every weekday morning and afternoon."""
    lat, lon = north(at_km)
    base = {
        "id": ident,
        "lat": lat,
        "lon": lon,
        "max_km": 10,
        "available": [
            f"{d}-{p}" for d in ("mon", "tue", "wed", "thu", "fri") for p in ("am", "pm")
        ],
    }
    return {**base, **fields}


def place(ident: str = "s1", *, at_km: float = 1.0, sessions=None, **fields) -> dict:
    """A placement dict; sessions given as (daypart, hours, capacity) tuples."""
    lat, lon = north(at_km)
    sessions = sessions or [("mon-am", 3, 1), ("wed-am", 3, 1)]
    return {
        "id": ident,
        "lat": lat,
        "lon": lon,
        "category": fields.pop("category", "groen"),
        "sessions": [{"daypart": d, "hours": h, "capacity": c} for d, h, c in sessions],
        **fields,
    }


def volunteer(ident: str = "t1", kind: str = "taalmaatje", *, at_km: float = 1.0, **fields) -> dict:
    """A volunteer dict, free on Friday evening by default."""
    lat, lon = north(at_km)
    return {"id": ident, "kind": kind, "lat": lat, "lon": lon, "available": ["fri-ev"], **fields}


def doc(participants=(), placements=(), volunteers=()) -> dict:
    """A matcher-instance/1 document."""
    return {
        "format": "matcher-instance/1",
        "participants": list(participants),
        "placements": list(placements),
        "volunteers": list(volunteers),
    }


@pytest.fixture
def run():
    """Solve a document (1 worker, seed 0), check it independently, return the result JSON."""

    def _run(instance: dict, *, time_limit: float = 5.0, seed: int = 0) -> dict:
        frozen = copy.deepcopy(instance)
        result = solve(parse_instance(instance), time_limit=time_limit, workers=1, seed=seed)
        out = json.loads(json.dumps(result_to_json(result)))
        assert check(frozen, out) == []
        assert instance == frozen, "the solver must not change its input"
        return out

    return _run


def placed(out: dict, participant: str) -> dict[str, list[str]]:
    """The placement day-parts per placement id of one participant in a result."""
    return {
        a["id"]: a["dayparts"]
        for a in out["assignments"]
        if a["participant"] == participant and a["kind"] == "placement"
    }


def outcome(out: dict, participant: str) -> dict:
    """The participants[] entry of one participant."""
    return next(o for o in out["participants"] if o["id"] == participant)
