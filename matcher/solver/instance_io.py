"""Reading a matcher-instance/1 document into an Instance (with precise error paths) and
writing a Result as matcher-result/1."""

import math
from collections.abc import Callable
from typing import Any

from matcher.solver.dayparts import INDEX, KINDS, LEVELS, VOLUNTEER_KINDS, sort_dayparts
from matcher.solver.model import (
    Assignment,
    Instance,
    Participant,
    Placement,
    Reason,
    Result,
    Session,
    Stats,
    Volunteer,
)
from matcher.solver.pins import check_pins

INSTANCE_FORMAT = "matcher-instance/1"
RESULT_FORMAT = "matcher-result/1"
_MISSING = object()


class InstanceError(ValueError):
    """An instance that breaks the format; `path` names the place (participants[3].available[1])."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


def _join(path: str, key: str | int) -> str:
    return f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else key)


class _Reader:
    """Typed access to one JSON object, raising InstanceError with the field's path."""

    def __init__(self, obj: Any, path: str) -> None:
        if not isinstance(obj, dict):
            raise InstanceError(path, "expected an object")
        self.obj, self.path = obj, path

    def at(self, key: str) -> str:
        return _join(self.path, key)

    def get(self, key: str, default: Any = _MISSING) -> Any:
        if key not in self.obj:
            if default is _MISSING:
                raise InstanceError(self.at(key), "required field missing")
            return default
        return self.obj[key]

    def number(self, key: str, default: Any = _MISSING, *, low=None, positive=False) -> float:
        value = self.get(key, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise InstanceError(self.at(key), f"expected a number, got {value!r}")
        if positive and value <= 0:
            raise InstanceError(self.at(key), f"must be greater than 0, got {value!r}")
        if low is not None and value < low:
            raise InstanceError(self.at(key), f"must be at least {low}, got {value!r}")
        return float(value)

    def count(self, key: str, default: Any = _MISSING) -> int:
        value = self.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InstanceError(self.at(key), f"expected a whole number, got {value!r}")
        if value < 0:
            raise InstanceError(self.at(key), f"must be at least 0, got {value!r}")
        return value

    def string(self, key: str, default: Any = _MISSING, choices=None) -> str:
        value = self.get(key, default)
        if not isinstance(value, str) or not value:
            raise InstanceError(self.at(key), f"expected a non-empty string, got {value!r}")
        if choices is not None and value not in choices:
            raise InstanceError(
                self.at(key), f"unknown value {value!r} (one of {', '.join(choices)})"
            )
        return value

    def array(self, key: str, default: Any = _MISSING) -> list:
        value = self.get(key, default)
        if not isinstance(value, list):
            raise InstanceError(self.at(key), f"expected an array, got {type(value).__name__}")
        return value

    def strings(self, key: str, choices=None) -> frozenset[str]:
        items = self.array(key, [])
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise InstanceError(_join(self.at(key), i), f"expected a string, got {item!r}")
            if choices is not None and item not in choices:
                raise InstanceError(_join(self.at(key), i), f"unknown value {item!r}")
        return frozenset(items)

    def dayparts(self, key: str, *, unique: bool = False, required: bool = True) -> list[str]:
        items = self.array(key) if required else self.array(key, [])
        for i, item in enumerate(items):
            where = _join(self.at(key), i)
            if not isinstance(item, str) or item not in INDEX:
                raise InstanceError(where, f"unknown day-part {item!r}")
            if unique and item in items[:i]:
                raise InstanceError(where, f"day-part {item!r} occurs twice")
        return items

    def position(self) -> tuple[float, float]:
        lat, lon = self.number("lat"), self.number("lon")
        if not -90 <= lat <= 90:
            raise InstanceError(self.at("lat"), f"latitude out of range: {lat!r}")
        if not -180 <= lon <= 180:
            raise InstanceError(self.at("lon"), f"longitude out of range: {lon!r}")
        return lat, lon


def parse_instance(doc: Any) -> Instance:
    """Validate a decoded matcher-instance/1 document and return the Instance (or raise)."""
    top = _Reader(doc, "")
    fmt = top.get("format")  # the document says what it is: matcher-instance/1
    if fmt != INSTANCE_FORMAT:
        raise InstanceError("format", f"expected {INSTANCE_FORMAT!r}, got {fmt!r}")
    placements = _unique(top, "placements", _placement)
    volunteers = _unique(top, "volunteers", _volunteer)
    ids = {"placement": {p.id: p for p in placements}}
    for kind in VOLUNTEER_KINDS:
        ids[kind] = {v.id: v for v in volunteers if v.kind == kind}
    participants = _unique(top, "participants", lambda r: _participant(r, ids))
    instance = Instance(tuple(participants), tuple(placements), tuple(volunteers))
    check_pins(instance)
    return instance


def _unique(top: _Reader, key: str, build) -> list:
    items, seen = [], set()
    for i, raw in enumerate(top.array(key, [])):
        item = build(_Reader(raw, _join(key, i)))
        if item.id in seen:
            raise InstanceError(f"{key}[{i}].id", f"duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    return items


def _placement(r: _Reader) -> Placement:
    ident, (lat, lon) = r.string("id"), r.position()
    sessions, seen = [], set()
    for i, raw in enumerate(r.array("sessions")):
        s = _Reader(raw, _join(r.at("sessions"), i))
        daypart = s.get("daypart")
        if not isinstance(daypart, str) or daypart not in INDEX:
            raise InstanceError(s.at("daypart"), f"unknown day-part {daypart!r}")
        if daypart in seen:
            raise InstanceError(
                s.at("daypart"), f"day-part {daypart!r} occurs twice in this placement"
            )
        seen.add(daypart)
        sessions.append(Session(daypart, s.number("hours", positive=True), s.count("capacity")))
    return Placement(
        ident,
        lat,
        lon,
        r.string("category"),
        tuple(sessions),
        r.string("min_language_level", "A0", LEVELS),
    )


def _volunteer(r: _Reader) -> Volunteer:
    ident, kind, (lat, lon) = (
        r.string("id"),
        r.string("kind", choices=VOLUNTEER_KINDS),
        r.position(),
    )
    max_km = r.number("max_km", positive=True) if "max_km" in r.obj else None
    return Volunteer(
        ident,
        kind,
        lat,
        lon,
        frozenset(r.dayparts("available", unique=True)),
        max_km,
        r.count("capacity", 1),
        r.number("session_hours", 2, positive=True),
        r.strings("languages"),
        r.strings("interests"),
    )


def _participant(r: _Reader, ids: dict) -> Participant:
    ident, (lat, lon) = r.string("id"), r.position()
    return Participant(
        ident,
        lat,
        lon,
        r.number("max_km", positive=True),
        frozenset(r.dayparts("available", unique=True)),
        r.number("min_hours", 6, low=0),
        r.number("max_hours", 16, positive=True),
        r.number("target_hours", 800, low=0),
        r.number("hours_done", 0, low=0),
        r.number("weeks_left", 104, positive=True),
        r.string("language_level", "A0", LEVELS),
        r.strings("interests"),
        r.strings("wants", VOLUNTEER_KINDS),
        _assignments(r, "current", ident, ids),
        _assignments(r, "pinned", ident, ids),
        _forbidden(r, ids),
    )


def _forbidden(r: _Reader, ids: dict) -> frozenset[tuple[str, str]]:
    """R8: the (kind, id) pairings this participant must not get; a pinned one is invalid."""
    out = set()
    pinned = {
        (pin.get("kind"), pin.get("id")) for pin in r.array("pinned", []) if isinstance(pin, dict)
    }
    for i, raw in enumerate(r.array("forbidden", [])):
        f = _Reader(raw, _join(r.at("forbidden"), i))
        kind = f.string("kind", choices=KINDS)
        ident = f.string("id")
        if ident not in ids[kind]:
            raise InstanceError(f.at("id"), f"unknown {kind} {ident!r}")
        if (kind, ident) in pinned:
            raise InstanceError(f.at("id"), f"{kind} {ident!r} is both pinned and forbidden")
        out.add((kind, ident))
    return frozenset(out)


def _assignments(r: _Reader, key: str, participant: str, ids: dict) -> tuple[Assignment, ...]:
    out: dict[tuple[str, str], Assignment] = {}
    for i, raw in enumerate(r.array(key, [])):
        a = _Reader(raw, _join(r.at(key), i))
        who = a.string("participant", participant)
        if who != participant:
            raise InstanceError(
                a.at("participant"), f"must be the enclosing participant {participant!r}"
            )
        kind = a.string("kind", choices=KINDS)
        ident = a.string("id")
        if ident not in ids[kind]:
            raise InstanceError(a.at("id"), f"unknown {kind} {ident!r}")
        dayparts = a.dayparts("dayparts", unique=True)
        if not dayparts or (kind != "placement" and len(dayparts) != 1):
            raise InstanceError(
                a.at("dayparts"),
                "a placement needs at least one day-part, a volunteer meeting exactly one",
            )
        if (kind, ident) in out:
            if key == "pinned":
                raise InstanceError(a.at("id"), f"{kind} {ident!r} is pinned twice")
            dayparts = [*out[(kind, ident)].dayparts, *dayparts]
        out[(kind, ident)] = Assignment(participant, kind, ident, sort_dayparts(set(dayparts)))
    return tuple(out.values())


def result_to_json(result: Result, words: Callable[[Reason], str]) -> dict:
    """The matcher-result/1 document for a Result (with optional reason_codes and fit).

    `words` renders a reason code as the plain-words sentence the format's `reasons` carry; the
    caller (the command line, solve_command.py) owns the wording."""
    return {
        "format": RESULT_FORMAT,
        "status": result.status,
        "assignments": [
            {
                "participant": a.participant,
                "kind": a.kind,
                "id": a.id,
                "dayparts": list(a.dayparts),
                "fit": [{"code": f.code, **f.data} for f in a.fit],
            }
            for a in result.assignments
        ],
        "participants": [
            {
                "id": o.id,
                "participation_hours": o.participation_hours,
                "support_hours": o.support_hours,
                "meets_minimum": o.meets_minimum,
                "reasons": [words(reason) for reason in o.reasons],
                "reason_codes": [{"code": x.code, **x.data} for x in o.reasons],
                "required_hours": o.required_hours,
                "shortfall_hours": o.shortfall_hours,
            }
            for o in result.participants
        ],
        "stats": _stats(result.stats),
    }


def _stats(stats: Stats) -> dict:
    """The result's stats: `objective` and `bound` are the format's names for the participants
    at their minimum and the upper bound (the same numbers)."""
    fields = {f: getattr(stats, f) for f in stats.__dataclass_fields__}
    fields["stages"] = list(stats.stages)
    head = {
        "seconds": fields.pop("seconds"),
        "objective": stats.participants_at_minimum,
        "bound": stats.upper_bound,
        "gap": fields.pop("gap"),
    }
    return {**head, **fields}
