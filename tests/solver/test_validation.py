"""Every way an instance can break the format is refused with the place named."""

import copy

import pytest

from matcher.solver.instance_io import InstanceError, parse_instance

from .conftest import doc, person, place, volunteer


def valid() -> dict:
    """A small valid instance to break in one place at a time."""
    return doc(
        [
            person("p1", wants=["taalmaatje"], available=["mon-am", "wed-am", "fri-ev"]),
            person("p2", at_km=2),
        ],
        [place("s1"), place("s2", sessions=[("tue-pm", 2.5, 2)])],
        [volunteer("t1")],
    )


def broken(change) -> dict:
    d = copy.deepcopy(valid())
    change(d)
    return d


def _set(path, value):
    def change(d):
        *head, last = path
        target = d
        for key in head:
            target = target[key]
        if value is DELETE:
            del target[last]
        else:
            target[last] = value

    return change


DELETE = object()
PIN_S1 = {"kind": "placement", "id": "s1", "dayparts": ["mon-am"]}

CASES = [
    (
        _set(["participants", 1, "available", 1], "mon-xx"),
        "participants[1].available[1]: unknown day-part 'mon-xx'",
    ),
    (_set(["participants", 1, "id"], "p1"), "participants[1].id: duplicate id 'p1'"),
    (_set(["placements", 1, "id"], "s1"), "placements[1].id: duplicate id 's1'"),
    (_set(["volunteers", 0, "id"], 7), "volunteers[0].id: expected a non-empty string"),
    (_set(["participants", 0, "lat"], DELETE), "participants[0].lat: required field missing"),
    (_set(["participants", 0, "max_km"], DELETE), "participants[0].max_km: required field missing"),
    (_set(["participants", 0, "available"], DELETE), "participants[0].available: required field"),
    (_set(["placements", 0, "category"], DELETE), "placements[0].category: required field missing"),
    (_set(["placements", 0, "sessions"], DELETE), "placements[0].sessions: required field missing"),
    (_set(["volunteers", 0, "kind"], DELETE), "volunteers[0].kind: required field missing"),
    (_set(["participants", 0, "max_km"], True), "participants[0].max_km: expected a number"),
    (_set(["participants", 0, "min_hours"], "6"), "participants[0].min_hours: expected a number"),
    (_set(["participants", 0, "lat"], 91), "participants[0].lat: latitude out of range"),
    (_set(["placements", 0, "lon"], -180.5), "placements[0].lon: longitude out of range"),
    (_set(["participants", 0, "min_hours"], -1), "participants[0].min_hours: must be at least 0"),
    (_set(["participants", 0, "hours_done"], -1), "participants[0].hours_done: must be at least 0"),
    (
        _set(["participants", 0, "max_hours"], 0),
        "participants[0].max_hours: must be greater than 0",
    ),
    (_set(["participants", 0, "weeks_left"], 0), "participants[0].weeks_left: must be greater"),
    (_set(["participants", 0, "max_km"], -2), "participants[0].max_km: must be greater than 0"),
    (
        _set(["placements", 1, "sessions", 0, "capacity"], -1),
        "placements[1].sessions[0].capacity: must be at least 0",
    ),
    (
        _set(["placements", 1, "sessions", 0, "capacity"], 1.5),
        "placements[1].sessions[0].capacity: expected a whole number",
    ),
    (
        _set(["placements", 1, "sessions", 0, "capacity"], 3.0),
        "placements[1].sessions[0].capacity: expected a whole number, got 3.0",
    ),
    (
        _set(["participants", 0, "available", 2], "mon-am"),
        "participants[0].available[2]: day-part 'mon-am' occurs twice",
    ),
    (
        _set(["volunteers", 0, "available"], ["fri-ev", "fri-ev"]),
        "volunteers[0].available[1]: day-part 'fri-ev' occurs twice",
    ),
    (
        _set(["placements", 1, "sessions", 0, "hours"], 0),
        "placements[1].sessions[0].hours: must be greater than 0",
    ),
    (
        _set(["placements", 0, "sessions", 1, "daypart"], "mon-am"),
        "placements[0].sessions[1].daypart: day-part 'mon-am' occurs twice",
    ),
    (
        _set(["placements", 0, "sessions", 1, "daypart"], "weekend"),
        "placements[0].sessions[1].daypart: unknown day-part 'weekend'",
    ),
    (_set(["volunteers", 0, "capacity"], True), "volunteers[0].capacity: expected a whole number"),
    (_set(["volunteers", 0, "session_hours"], 0), "volunteers[0].session_hours: must be greater"),
    (_set(["volunteers", 0, "kind"], "coach"), "volunteers[0].kind: unknown value 'coach'"),
    (
        _set(["participants", 0, "language_level"], "C1"),
        "participants[0].language_level: unknown value 'C1'",
    ),
    (_set(["participants", 0, "wants"], ["coach"]), "participants[0].wants[0]: unknown value"),
    (
        _set(["participants", 0, "interests"], [3]),
        "participants[0].interests[0]: expected a string",
    ),
    (_set(["participants"], {}), "participants: expected an array"),
    (_set(["participants", 0], []), "participants[0]: expected an object"),
    (_set(["format"], "matcher-instance/2"), "format: expected 'matcher-instance/1'"),
    (_set(["format"], DELETE), "format: required field missing"),
    (
        _set(
            ["participants", 0, "current"],
            [{"kind": "placement", "id": "nope", "dayparts": ["mon-am"]}],
        ),
        "participants[0].current[0].id: unknown placement 'nope'",
    ),
    (
        _set(
            ["participants", 0, "pinned"], [{"kind": "buddy", "id": "t1", "dayparts": ["fri-ev"]}]
        ),
        "participants[0].pinned[0].id: unknown buddy 't1'",
    ),
    (
        _set(["participants", 0, "pinned"], [{**PIN_S1, "participant": "p2"}]),
        "participants[0].pinned[0].participant: must be the enclosing participant",
    ),
    (
        _set(["participants", 0, "pinned"], [{**PIN_S1, "dayparts": []}]),
        "participants[0].pinned[0].dayparts: a placement needs at least one day-part",
    ),
    (
        _set(["participants", 0, "pinned"], [{**PIN_S1, "dayparts": ["mon-am", "mon-am"]}]),
        "participants[0].pinned[0].dayparts[1]: day-part 'mon-am' occurs twice",
    ),
    (
        _set(["participants", 0, "pinned"], [PIN_S1, PIN_S1]),
        "participants[0].pinned[1].id: placement 's1' is pinned twice",
    ),
    # pins that break hard rules 1–6
    (
        _set(["participants", 0, "pinned"], [{**PIN_S1, "dayparts": ["tue-am"]}]),
        "participants[0].pinned[0]: pin breaks a hard rule: participant is not available",
    ),
    (
        _set(["participants", 1, "pinned"], [{**PIN_S1, "dayparts": ["tue-am"]}]),
        "participants[1].pinned[0]: pin breaks a hard rule: placement has no session",
    ),
    (_set(["participants", 1, "max_km"], 0.5), None),  # fine without pins
    (
        _set(
            ["participants", 1, "pinned"],
            [
                {"kind": "placement", "id": "s1", "dayparts": ["mon-am"]},
            ],
        ),
        None,
    ),
    (_set(["participants", 1, "language_level"], "A0"), None),
    (
        _set(
            ["participants", 0, "pinned"],
            [{"kind": "taalmaatje", "id": "t1", "dayparts": ["mon-am"]}],
        ),
        "participants[0].pinned[0]: pin breaks a hard rule: not both available",
    ),
    (
        _set(
            ["participants", 1, "pinned"],
            [{"kind": "taalmaatje", "id": "t1", "dayparts": ["fri-ev"]}],
        ),
        "participants[1].pinned[0]: pin breaks a hard rule: participant does not want a taalmaatje",
    ),
]


@pytest.mark.parametrize(("change", "message"), CASES)
def test_refused_with_path(change, message):
    instance = broken(change)
    if message is None:
        parse_instance(instance)
        return
    with pytest.raises(InstanceError) as caught:
        parse_instance(instance)
    assert str(caught.value).startswith(message)


def test_pin_out_of_reach():
    d = valid()
    d["participants"][1].update(max_km=0.5, pinned=[PIN_S1])
    with pytest.raises(InstanceError, match=r"participants\[1\]\.pinned\[0\]: .*km away"):
        parse_instance(d)


def test_pin_language_level():
    d = valid()
    d["placements"][0]["min_language_level"] = "B1"
    d["participants"][1]["pinned"] = [PIN_S1]
    with pytest.raises(InstanceError, match=r"pinned\[0\]: .*language level B1"):
        parse_instance(d)


def test_pins_over_capacity_together():
    d = valid()
    d["participants"][0]["pinned"] = [PIN_S1]
    d["participants"][1]["pinned"] = [PIN_S1]
    with pytest.raises(InstanceError, match=r"participants\[1\]\.pinned\[0\]: .*over its capacity"):
        parse_instance(d)


def test_pins_over_load_cap():
    d = valid()
    d["participants"][1].update(max_hours=5, pinned=[{**PIN_S1, "dayparts": ["mon-am", "wed-am"]}])
    with pytest.raises(InstanceError, match=r"participants\[1\]\.pinned\[0\]: .*exceed max_hours"):
        parse_instance(d)


def test_pins_same_daypart_twice():
    d = valid()
    d["placements"][1]["sessions"].append({"daypart": "mon-am", "hours": 2, "capacity": 1})
    d["participants"][1]["pinned"] = [
        PIN_S1,
        {"kind": "placement", "id": "s2", "dayparts": ["mon-am"]},
    ]
    with pytest.raises(InstanceError, match=r"pinned\[1\]: .*already taken by another pin"):
        parse_instance(d)


def test_pinned_volunteer_twice_in_one_daypart():
    d = valid()
    pin = {"kind": "taalmaatje", "id": "t1", "dayparts": ["fri-ev"]}
    d["volunteers"][0]["capacity"] = 2
    for p in d["participants"]:
        free = sorted({*p["available"], "fri-ev"})
        p.update(wants=["taalmaatje"], available=free, pinned=[pin])
    with pytest.raises(InstanceError, match=r"participants\[1\]\.pinned\[0\]: .*already meets"):
        parse_instance(d)


def test_defaults_follow_the_format():
    inst = parse_instance(doc([person()], [place()], [volunteer()]))
    p, s, v = inst.participants[0], inst.placements[0], inst.volunteers[0]
    assert (p.min_hours, p.max_hours, p.target_hours, p.hours_done, p.weeks_left) == (
        6,
        16,
        800,
        0,
        104,
    )
    assert (p.language_level, p.interests, p.wants, p.current, p.pinned) == (
        "A0",
        set(),
        set(),
        (),
        (),
    )
    assert s.min_language_level == "A0"
    assert (v.max_km, v.capacity, v.session_hours, v.languages, v.interests) == (
        None,
        1,
        2,
        set(),
        set(),
    )


def test_current_may_break_rules_but_not_name_unknown_ids():
    d = valid()
    d["participants"][1]["current"] = [{"kind": "placement", "id": "s1", "dayparts": ["sat-ev"]}]
    assert parse_instance(d).participants[1].current[0].dayparts == ("sat-ev",)
