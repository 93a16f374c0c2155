"""Reasons as data: codes with their numbers for each miss and each assignment, plus the plain
Dutch sentence the JSON result carries (the web layer may render the codes itself).

Participant codes (below minimum): no_reachable_placement {nearest_km, max_km},
language_level {level, lowest_needed, reachable}, no_shared_daypart {reachable},
load_cap {max_hours, minimum, possible_hours}, too_few_hours {possible_hours, minimum},
capacity_taken {sessions, taken_by, more_urgent}, no_combination {free_sessions}, pinned {}.
Missing wanted volunteer: no_volunteer_reachable {kind, nearest_km}, no_volunteer_daypart
{kind, reachable}, volunteer_capacity_taken {kind, volunteers, taken_by}, no_room_for_volunteer
{kind}. Assignment fit: distance {km}, interest {category}, kept_from_current {}, pinned {}.
"""

import math

import numpy as np

from matcher.solver.bounds import best_alone
from matcher.solver.candidates import Candidates
from matcher.solver.dayparts import LEVEL_RANK
from matcher.solver.model import Reason

SENTENCES = {
    "no_reachable_placement": "Geen plek binnen {max_km} km; de dichtstbijzijnde ligt op "
    "{nearest_km} km.",
    "language_level": "De plekken binnen bereik vragen een hoger taalniveau (minstens "
    "{lowest_needed}) dan {level}.",
    "no_shared_daypart": "Geen van de {reachable} plekken binnen bereik heeft een dagdeel "
    "waarop deze deelnemer beschikbaar is.",
    "load_cap": "De belastbaarheid ({max_hours} uur) laat met de beschikbare dagdelen hooguit "
    "{possible_hours} uur toe, minder dan {minimum} uur.",
    "too_few_hours": "De plekken binnen bereik bieden op de beschikbare dagdelen samen hooguit "
    "{possible_hours} uur, minder dan {minimum} uur.",
    "capacity_taken": "De {sessions} passende dagdelen zijn vol, bezet door {taken_by} andere "
    "deelnemers, van wie {more_urgent} met meer achterstand.",
    "no_combination": "De {free_sessions} vrije dagdelen binnen bereik zijn samen niet genoeg "
    "voor het minimum naast de andere afspraken.",
    "pinned": "Vastgezette afspraken laten geen ruimte voor meer uren.",
    "no_volunteer_reachable": "Geen {kind} binnen bereik{nearest}.",
    "no_volunteer_daypart": "Geen van de {reachable} {kinds} binnen bereik is beschikbaar op "
    "een dagdeel van deze deelnemer.",
    "volunteer_capacity_taken": "De {volunteers} passende {kinds} zijn al bezet, door {taken_by} "
    "andere deelnemers.",
    "no_room_for_volunteer": "Geen vrij dagdeel of uur meer voor een {kind} naast de plekken.",
    "distance": "Op {km} km afstand.",
    "interest": "Past bij de interesse {category}.",
    "kept_from_current": "Loopt al; voortgezet.",
}


def dutch(reason: Reason) -> str:
    """The plain Dutch sentence for a reason code."""
    data = {k: _number(v) for k, v in reason.data.items()}
    if reason.code == "no_reachable_placement" and data.get("nearest_km") is None:
        return f"Geen enkele plek binnen {data['max_km']} km."
    if "kind" in data:
        data["kinds"] = {"taalmaatje": "taalmaatjes", "buddy": "buddy's"}[data["kind"]]
    if reason.code == "no_volunteer_reachable":
        km = data.get("nearest_km")
        data["nearest"] = "" if km is None else f"; de dichtstbijzijnde woont op {km} km"
    return SENTENCES.get(reason.code, reason.code).format(**data)


def _number(value):
    """Numbers the Dutch way: decimal comma, no trailing zeros."""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return value


def _km_to_all(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Vectorised haversine from one point (same formula as geo.haversine_km)."""
    p1, p2 = math.radians(lat), np.radians(lats)
    a = (
        np.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - lon) / 2) ** 2
    )
    return 2 * 6371.0088 * np.arcsin(np.minimum(1.0, np.sqrt(a)))


class Explainer:
    """Reason codes for one plan; coordinates are vectorised once."""

    def __init__(self, c: Candidates, plan, hours: list[int], alone: list[bool]) -> None:
        inst = c.instance
        self.c, self.plan, self.hours, self.alone = c, plan, hours, alone
        self.p_lat = np.array([p.lat for p in inst.placements], dtype=float)
        self.p_lon = np.array([p.lon for p in inst.placements], dtype=float)
        self.v_lat = np.array([v.lat for v in inst.volunteers], dtype=float)
        self.v_lon = np.array([v.lon for v in inst.volunteers], dtype=float)
        self.pace = [q.pace for q in inst.participants]
        self.v_kind = np.array([v.kind for v in inst.volunteers], dtype=object)
        self.v_limit = np.array([v.max_km or math.inf for v in inst.volunteers], dtype=float)
        self.holders: dict[int, list[int]] = {}
        for e in plan.x:
            self.holders.setdefault(c.x_s[e], []).append(c.x_p[e])
        self.vol_holders: dict[int, list[int]] = {}
        for e in plan.y:
            self.vol_holders.setdefault(c.y_v[e], []).append(c.y_p[e])
        self.vol_busy = {(c.y_v[e], c.y_day[e]) for e in plan.y}

    def below_minimum(self, p: int) -> Reason:
        """Why participant p misses the minimum."""
        c, person = self.c, self.c.instance.participants[p]
        km = _km_to_all(person.lat, person.lon, self.p_lat, self.p_lon)
        reach = np.flatnonzero(km <= person.max_km)
        if reach.size == 0:
            nearest = round(float(km.min()), 1) if km.size else None
            return Reason(
                "no_reachable_placement", {"nearest_km": nearest, "max_km": person.max_km}
            )
        placements = c.instance.placements
        needed = [LEVEL_RANK[placements[j].min_language_level] for j in reach]
        if min(needed) > LEVEL_RANK[person.language_level]:
            lowest = placements[reach[int(np.argmin(needed))]].min_language_level
            return Reason(
                "language_level",
                {
                    "level": person.language_level,
                    "lowest_needed": lowest,
                    "reachable": int(reach.size),
                },
            )
        if not c.p_x[p]:
            return Reason("no_shared_daypart", {"reachable": int(reach.size)})
        if not self.alone[p]:
            return self._too_few(p, person)
        return self._capacity(p)

    def _too_few(self, p: int, person) -> Reason:
        c, per_day = self.c, {}
        for e in c.p_x[p]:
            d = c.s_day[c.x_s[e]]
            per_day[d] = max(per_day.get(d, 0), c.x_hours(e))
        possible = sum(per_day.values()) / 100
        if c.pinned_x & set(c.p_x[p]) or c.pinned_y & set(c.p_y[p]):
            return Reason("pinned", {})
        if possible >= person.minimum:
            return Reason(
                "load_cap",
                {
                    "max_hours": person.max_hours,
                    "minimum": person.minimum,
                    "possible_hours": best_alone(c, p) / 100,
                },
            )
        return Reason("too_few_hours", {"possible_hours": possible, "minimum": person.minimum})

    def _capacity(self, p: int) -> Reason:
        c, pace = self.c, self.pace
        sessions = {c.x_s[e] for e in c.p_x[p]}
        full = [s for s in sessions if len(self.holders.get(s, ())) >= c.s_cap[s]]
        others = {q for s in full for q in self.holders.get(s, ()) if q != p}
        urgent = sum(1 for q in others if pace[q] > pace[p])
        if not full:
            return Reason("no_combination", {"free_sessions": len(sessions)})
        return Reason(
            "capacity_taken",
            {"sessions": len(full), "taken_by": len(others), "more_urgent": urgent},
        )

    def missing_volunteer(self, p: int, kind: str) -> Reason:
        """Why participant p has no volunteer of a wanted kind."""
        c, person = self.c, self.c.instance.participants[p]
        of_kind = self.v_kind == kind
        km = _km_to_all(person.lat, person.lon, self.v_lat, self.v_lon)
        ok = of_kind & (km <= np.minimum(self.v_limit, person.max_km))
        if not ok.any():
            nearest = round(float(km[of_kind].min()), 1) if of_kind.any() else None
            return Reason("no_volunteer_reachable", {"kind": kind, "nearest_km": nearest})
        edges = [e for e in c.p_y[p] if c.v_kind[c.y_v[e]] == kind]
        if not edges:
            return Reason("no_volunteer_daypart", {"kind": kind, "reachable": int(ok.sum())})
        vols = {c.y_v[e] for e in edges}
        blocked = [
            e
            for e in edges
            if (c.y_v[e], c.y_day[e]) in self.vol_busy
            or len(self.vol_holders.get(c.y_v[e], ())) >= c.v_cap[c.y_v[e]]
        ]
        if len(blocked) == len(edges):
            others = {q for v in vols for q in self.vol_holders.get(v, ())}
            return Reason(
                "volunteer_capacity_taken",
                {"kind": kind, "volunteers": len(vols), "taken_by": len(others)},
            )
        return Reason("no_room_for_volunteer", {"kind": kind})
