"""Building the solver instance from the database: pseudonymous, scoped, current and pinned."""

import re
from datetime import date

from matcher.extensions import db
from matcher.models import ParticipantStatus, VolunteerAbsence
from matcher.services.matching.instance import build_instance
from tests.matching.conftest import WEEK

PSEUDONYM = re.compile(r"^[psv]\d+$")


def test_ids_are_pseudonymous_and_map_back(world):
    built = build_instance(WEEK)
    inst = built.instance
    ids = [p.id for p in inst.participants] + [p.id for p in inst.placements]
    ids += [v.id for v in inst.volunteers]
    assert ids and all(PSEUDONYM.match(i) for i in ids)
    assert "Amina" not in repr(inst) and "Tuin" not in repr(inst)
    assert sorted(built.participant_of.values()) == sorted([world["amina"].id, world["yonas"].id])
    amina = next(p for p in inst.participants if built.participant_of[p.id] == world["amina"].id)
    assert amina.wants == frozenset({"taalmaatje"})
    assert amina.interests == frozenset({"groen"})
    assert "mon-ev" in amina.available and amina.max_km == 5


def test_active_matches_become_current_and_pinned_ones_pinned(world, make):
    make.match(world["amina"], placement=world["garden"], dayparts=("mon-am", "tue-am"))
    make.match(world["yonas"], placement=world["shop"], dayparts=("mon-am",), pinned=True)
    built = build_instance(WEEK)
    people = {built.participant_of[p.id]: p for p in built.instance.participants}
    amina, yonas = people[world["amina"].id], people[world["yonas"].id]
    assert [(a.kind, a.dayparts) for a in amina.current] == [("placement", ("mon-am", "tue-am"))]
    assert built.target_of[amina.current[0].id] == world["garden"].id
    assert yonas.current == () and built.target_of[yonas.pinned[0].id] == world["shop"].id


def test_ended_or_future_matches_are_not_current(world, make):
    make.match(world["amina"], placement=world["garden"], ends_on=date(2026, 11, 15))
    make.match(world["yonas"], placement=world["shop"], starts_on=date(2026, 11, 30))
    built = build_instance(WEEK)
    assert all(p.current == () for p in built.instance.participants)


def test_deactivated_records_and_absences_in_the_week_are_left_out(world, make):
    world["shop"].active = False
    world["yonas"].status = ParticipantStatus.PAUSED
    away = make.volunteer(municipality=world["town"], first_name="Weg")
    db.session.add(
        VolunteerAbsence(volunteer=away, starts_on=date(2026, 11, 20), ends_on=date(2026, 11, 30))
    )
    later = make.volunteer(municipality=world["town"], first_name="Later")
    db.session.add(
        VolunteerAbsence(volunteer=later, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 9))
    )
    db.session.commit()
    built = build_instance(WEEK)
    assert set(built.participant_of.values()) == {world["amina"].id}
    assert set(built.target_of.values()) == {world["garden"].id, world["henk"].id, later.id}


def test_a_match_with_a_deactivated_placement_is_dropped_with_a_reason(world, make):
    match = make.match(world["amina"], placement=world["shop"])
    world["shop"].active = False
    db.session.commit()
    built = build_instance(WEEK)
    assert built.dropped == [(match, "placement_inactive")]
    assert all(p.current == () for p in built.instance.participants)


def test_scope_one_municipality_and_seats_outside_it_lower_capacity(world, make):
    other = make.municipality("Borne")
    outsider = make.participant(municipality=other)
    make.match(outsider, placement=world["garden"], dayparts=("wed-am",))
    built = build_instance(WEEK, world["town"].id)
    assert set(built.participant_of.values()) == {world["amina"].id, world["yonas"].id}
    garden = next(
        p for p in built.instance.placements if built.target_of[p.id] == world["garden"].id
    )
    assert {s.daypart: s.capacity for s in garden.sessions} == {
        "mon-am": 1,
        "tue-am": 1,
        "wed-am": 1,
    }
    everyone = build_instance(WEEK)
    assert outsider.id in everyone.participant_of.values()


def test_a_pin_that_became_impossible_is_released(world, make):
    match = make.match(world["amina"], placement=world["garden"], dayparts=("mon-am",), pinned=True)
    world["amina"].availability = 2  # only mon-pm now
    db.session.commit()
    built = build_instance(WEEK)
    (amina,) = [
        p for p in built.instance.participants if built.participant_of[p.id] == world["amina"].id
    ]
    assert amina.pinned == () and len(amina.current) == 1
    assert built.unpinned == [match]
