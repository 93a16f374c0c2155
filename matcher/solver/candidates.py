"""Candidate pairs: only reachable (R3), level-compatible (R4) pairs sharing a free day-part
(R1, R2, R6), found through a grid index rather than by testing every pair. The rules are the
predicates of rules.py; no edge that candidate generation leaves out can break them, so the
greedy, settling and the CP-SAT model do not check them again.

Everything downstream works on the integer-indexed `Candidates`: hours are scaled to hundredths
(session hours rounded up, load caps rounded down, so integer models never break R5; the weekly
minimum rounded up, so reaching it in hundredths reaches it in hours).
"""

import math
from dataclasses import dataclass, field

from matcher.solver import rules
from matcher.solver.dayparts import INDEX
from matcher.solver.geo import GridIndex
from matcher.solver.model import Instance

SCALE = 100


def up(hours: float) -> int:
    """Hours to hundredths, rounded up."""
    return math.ceil(hours * SCALE - 1e-6)


def down(hours: float) -> int:
    """Hours to hundredths, rounded down."""
    return math.floor(hours * SCALE + 1e-6)


@dataclass
class Candidates:
    """Indexed sessions and candidate edges of one instance.

    The parallel arrays below are the storage, kept as plain lists for speed: the inner loops of
    the greedy (greedy.State), settling's dynamic programme and the CP-SAT model read them
    directly. Everything else asks the named accessors (`edge_participant(e)`, `edge_daypart(e)`,
    `meeting_volunteer(e)` …), which say what an edge's number means.
    """

    instance: Instance
    # sessions, flattened over placements
    s_place: list[int] = field(default_factory=list)
    s_day: list[int] = field(default_factory=list)
    s_hours: list[int] = field(default_factory=list)
    s_cap: list[int] = field(default_factory=list)
    s_hours_f: list[float] = field(default_factory=list)
    # placement edges x: participant attends session
    x_p: list[int] = field(default_factory=list)
    x_s: list[int] = field(default_factory=list)
    x_km: list[float] = field(default_factory=list)
    x_interest: list[bool] = field(default_factory=list)
    # volunteer edges y: participant meets volunteer in a day-part
    y_p: list[int] = field(default_factory=list)
    y_v: list[int] = field(default_factory=list)
    y_day: list[int] = field(default_factory=list)
    y_km: list[float] = field(default_factory=list)
    # per participant: edge lists, and scaled limits
    p_x: list[list[int]] = field(default_factory=list)
    p_y: list[list[int]] = field(default_factory=list)
    p_min: list[int] = field(default_factory=list)
    p_req: list[int] = field(default_factory=list)
    p_max: list[int] = field(default_factory=list)
    p_weight: list[int] = field(default_factory=list)
    v_hours: list[int] = field(default_factory=list)
    v_cap: list[int] = field(default_factory=list)
    v_kind: list[str] = field(default_factory=list)
    pinned_x: set[int] = field(default_factory=set)
    pinned_y: set[int] = field(default_factory=set)
    forbidden_x: set[int] = field(default_factory=set)
    current_x: set[int] = field(default_factory=set)
    current_y: set[int] = field(default_factory=set)
    current_units: list[int] = field(default_factory=list)  # per participant, incl. impossible
    place_of: dict[str, int] = field(default_factory=dict)
    vol_of: dict[str, int] = field(default_factory=dict)

    @property
    def n_participants(self) -> int:
        """Number of participants."""
        return len(self.p_min)

    def x_hours(self, e: int) -> int:
        """Scaled hours of placement edge e."""
        return self.s_hours[self.x_s[e]]

    # Placement edges ("participant attends session"), by edge number.
    def edge_participant(self, e: int) -> int:
        """The participant (instance position) of placement edge e."""
        return self.x_p[e]

    def edge_session(self, e: int) -> int:
        """The session (flattened session number) of placement edge e."""
        return self.x_s[e]

    def edge_placement(self, e: int) -> int:
        """The placement (instance position) of placement edge e."""
        return self.s_place[self.x_s[e]]

    def edge_daypart(self, e: int) -> int:
        """The day-part (index into dayparts.DAYPARTS) of placement edge e."""
        return self.s_day[self.x_s[e]]

    def edge_hours(self, e: int) -> float:
        """The session hours of placement edge e, as in the instance (not scaled)."""
        return self.s_hours_f[self.x_s[e]]

    def edge_km(self, e: int) -> float:
        """The distance of placement edge e."""
        return self.x_km[e]

    def edge_liked(self, e: int) -> bool:
        """Whether placement edge e's category is among the participant's interests."""
        return self.x_interest[e]

    # Volunteer edges ("participant meets volunteer in a day-part"), by edge number.
    def meeting_participant(self, e: int) -> int:
        """The participant of volunteer edge e."""
        return self.y_p[e]

    def meeting_volunteer(self, e: int) -> int:
        """The volunteer (instance position) of volunteer edge e."""
        return self.y_v[e]

    def meeting_daypart(self, e: int) -> int:
        """The day-part of volunteer edge e."""
        return self.y_day[e]

    def meeting_kind(self, e: int) -> str:
        """The kind of volunteer (taalmaatje, buddy) of volunteer edge e."""
        return self.v_kind[self.y_v[e]]

    def meeting_hours(self, e: int) -> float:
        """The volunteer's session hours for volunteer edge e, as in the instance."""
        return self.instance.volunteers[self.y_v[e]].session_hours

    def meeting_km(self, e: int) -> float:
        """The distance of volunteer edge e."""
        return self.y_km[e]


def build_candidates(instance: Instance) -> Candidates:
    """All candidate edges of an instance, with pins and current mapped onto them."""
    c = Candidates(instance)
    session_of = _sessions(c, instance)
    for v in instance.volunteers:
        c.v_hours.append(up(v.session_hours))
        c.v_cap.append(v.capacity)
        c.v_kind.append(v.kind)
    c.place_of = {pl.id: j for j, pl in enumerate(instance.placements)}
    c.vol_of = {v.id: i for i, v in enumerate(instance.volunteers)}
    place_index = GridIndex([(pl.lat, pl.lon) for pl in instance.placements])
    vol_index = GridIndex([(v.lat, v.lon) for v in instance.volunteers])
    for p, person in enumerate(instance.participants):
        c.p_min.append(up(person.minimum))
        c.p_req.append(up(person.required))
        c.p_max.append(down(person.max_hours))
        c.p_weight.append(max(1, round(person.pace)))
        c.p_x.append(_placement_edges(c, p, person, place_index, session_of))
        c.p_y.append(_volunteer_edges(c, p, person, vol_index))
        _mark_assignments(c, p, person, session_of)
    return c


def _sessions(c: Candidates, instance: Instance) -> dict[tuple[int, int], int]:
    session_of = {}
    for j, placement in enumerate(instance.placements):
        for s in placement.sessions:
            session_of[(j, INDEX[s.daypart])] = len(c.s_place)
            c.s_place.append(j)
            c.s_day.append(INDEX[s.daypart])
            c.s_hours.append(up(s.hours))
            c.s_cap.append(s.capacity)
            c.s_hours_f.append(s.hours)
    return session_of


def _placement_edges(c, p, person, index, session_of) -> list[int]:
    """Sessions within reach (R3), at the participant's level (R4), in a day-part they are
    free (R1) with a session (R2) that has seats and fits the load cap alone (R5), of a
    placement the coordinator did not refuse for them (R8)."""
    edges, placements = [], c.instance.placements
    days = sorted(INDEX[d] for d in person.available)
    for j, km in index.near(person.lat, person.lon, rules.placement_radius(person)):
        placement = placements[j]
        if not rules.level_allows(person.language_level, placement.min_language_level):
            continue
        if not rules.allowed(person, "placement", placement.id):
            continue
        for d in days:
            s = session_of.get((j, d))
            if s is None or c.s_cap[s] == 0 or c.s_hours[s] > c.p_max[p]:
                continue
            edges.append(len(c.x_p))
            c.x_p.append(p)
            c.x_s.append(s)
            c.x_km.append(km)
            c.x_interest.append(placement.category in person.interests)
    return edges


def _volunteer_edges(c, p, person, index) -> list[int]:
    """Wanted volunteers (R6), not refused for them (R8), within both travel radii (R3)
    sharing a free day-part (R1, R6)."""
    if not person.wants:
        return []
    edges, volunteers = [], c.instance.volunteers
    # The combined radius (R3) is never wider than the participant's own.
    for v, km in index.near(person.lat, person.lon, rules.placement_radius(person)):
        vol = volunteers[v]
        if not rules.wants(person, vol.kind) or vol.capacity == 0 or c.v_hours[v] > c.p_max[p]:
            continue
        if not rules.within(km, rules.volunteer_radius(person, vol)):
            continue
        if not rules.allowed(person, vol.kind, vol.id):
            continue
        for d in sorted(INDEX[x] for x in person.available & vol.available):
            edges.append(len(c.y_p))
            c.y_p.append(p)
            c.y_v.append(v)
            c.y_day.append(d)
            c.y_km.append(km)
    return edges


def _mark_assignments(c: Candidates, p: int, person, session_of) -> None:
    """Map pinned and current assignments onto edges (pins are valid; current may not be)."""
    place_of, vol_of = c.place_of, c.vol_of
    x_by = {c.x_s[e]: e for e in c.p_x[p]}
    y_by = {(c.y_v[e], c.y_day[e]): e for e in c.p_y[p]}
    units = 0
    for is_pin, group in ((True, person.pinned), (False, person.current)):
        for a in group:
            if a.kind == "placement":
                j = place_of[a.id]
                found = [x_by.get(session_of.get((j, INDEX[d]), -1)) for d in a.dayparts]
                if is_pin:
                    c.pinned_x.update(found)
                    c.forbidden_x.update(
                        e for s, e in x_by.items() if c.s_place[s] == j and e not in found
                    )
                else:
                    units += len(found)
                    c.current_x.update(e for e in found if e is not None)
            else:
                e = y_by.get((vol_of[a.id], INDEX[a.dayparts[0]]))
                if is_pin:
                    c.pinned_y.add(e)
                else:
                    units += 1
                    if e is not None:
                        c.current_y.add(e)
    c.current_units.append(units)
