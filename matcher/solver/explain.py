"""Reasons as data: codes with their numbers for each miss and each assignment. The solver
holds no wording: the web layer (web/matching/reasons.py) and the command line
(solve_command.py, the result's `reasons`) put the codes into words.

Participant codes (below minimum; every cause that applies, in this order):
no_reachable_placement {nearest_km, max_km} (alone), language_level {level, lowest_needed,
reachable, count}, no_shared_daypart {reachable, count}, rejected {reachable, count},
out_of_reach {count, nearest_km, max_km} (placements beyond max_km that fit every other rule),
load_cap {max_hours, minimum, possible_hours}, too_few_hours {possible_hours, minimum},
capacity_taken {sessions, taken_by, more_urgent, at_minimum, most_hours},
no_combination {free_sessions}, pinned {}. Missing wanted volunteer: no_volunteer_reachable
{kind, nearest_km}, volunteer_rejected {kind, count}, no_volunteer_daypart {kind, reachable},
volunteer_capacity_taken {kind, volunteers, taken_by}, no_room_for_volunteer {kind}.
Assignment fit: distance {km}, interest {category}, kept_from_current {}, pinned {}.
"""

import numpy as np

from matcher.solver import rules
from matcher.solver.bounds import best_alone
from matcher.solver.candidates import Candidates
from matcher.solver.dayparts import INDEX, LEVEL_RANK
from matcher.solver.model import Reason


def _mask(dayparts) -> int:
    return sum(1 << INDEX[d] for d in set(dayparts))


def _km_to_all(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Rule R3's distance from one point to many (the same formula, on arrays)."""
    return rules.haversine_km(lat, lon, lats, lons, m=np)


class Explainer:
    """Reason codes for one plan; coordinates are vectorised once."""

    def __init__(self, c: Candidates, plan, hours: list[int], alone: list[bool]) -> None:
        inst = c.instance
        self.c, self.plan, self.hours, self.alone = c, plan, hours, alone
        self.p_lat = np.array([p.lat for p in inst.placements], dtype=float)
        self.p_lon = np.array([p.lon for p in inst.placements], dtype=float)
        self.p_rank = np.array(
            [LEVEL_RANK[p.min_language_level] for p in inst.placements], dtype=np.int64
        )
        self.p_days = np.array(
            [_mask(s.daypart for s in p.sessions) for p in inst.placements], dtype=np.int64
        )
        self.v_lat = np.array([v.lat for v in inst.volunteers], dtype=float)
        self.v_lon = np.array([v.lon for v in inst.volunteers], dtype=float)
        self.pace = [q.pace for q in inst.participants]
        self.v_kind = np.array([v.kind for v in inst.volunteers], dtype=object)
        self.holders: dict[int, list[int]] = {}
        for e in plan.x:
            self.holders.setdefault(c.edge_session(e), []).append(c.edge_participant(e))
        self.vol_holders: dict[int, list[int]] = {}
        for e in plan.y:
            self.vol_holders.setdefault(c.meeting_volunteer(e), []).append(c.meeting_participant(e))
        self.vol_busy = {(c.meeting_volunteer(e), c.meeting_daypart(e)) for e in plan.y}

    def below_minimum(self, p: int) -> list[Reason]:
        """Every cause why participant p misses the minimum, each with its numbers."""
        c, person = self.c, self.c.instance.participants[p]
        km = _km_to_all(person.lat, person.lon, self.p_lat, self.p_lon)
        reach = np.flatnonzero(rules.within(km, rules.placement_radius(person)))
        if reach.size == 0:
            nearest = round(float(km.min()), 1) if km.size else None
            return [
                Reason("no_reachable_placement", {"nearest_km": nearest, "max_km": person.max_km})
            ]
        out = self._unusable(person, reach)
        if not c.p_x[p] and not out:
            out = [Reason("no_shared_daypart", {"reachable": int(reach.size)})]
        far = self._out_of_reach(person, km)
        if far is not None:
            out.append(far)
        if not c.p_x[p]:
            return out
        if c.pinned_x & set(c.p_x[p]) or c.pinned_y & set(c.p_y[p]):
            return [*out, Reason("pinned", {})]
        if not self.alone[p]:
            out.append(self._too_few(p, person))
        taken = self._capacity(p)
        if taken is not None:
            out.append(taken)
        elif self.alone[p]:
            out.append(
                Reason(
                    "no_combination", {"free_sessions": len({c.edge_session(e) for e in c.p_x[p]})}
                )
            )
        return out

    def _unusable(self, person, reach) -> list[Reason]:
        """Placements within reach that the participant cannot use, per cause (R8, R4, R1/R2)."""
        placements, reachable = self.c.instance.placements, int(reach.size)
        refused, low, no_day = 0, [], 0
        for j in reach:
            placement = placements[j]
            if not rules.allowed(person, "placement", placement.id):
                refused += 1
            elif not rules.level_allows(person.language_level, placement.min_language_level):
                low.append(placement.min_language_level)
            elif not any(rules.session_on(placement, d) for d in person.available):
                no_day += 1
        out = []
        if low:
            lowest = min(low, key=LEVEL_RANK.__getitem__)
            data = {"level": person.language_level, "lowest_needed": lowest}
            out.append(
                Reason("language_level", {**data, "reachable": reachable, "count": len(low)})
            )
        if no_day:
            out.append(Reason("no_shared_daypart", {"reachable": reachable, "count": no_day}))
        if refused:
            out.append(Reason("rejected", {"reachable": reachable, "count": refused}))
        return out

    def _out_of_reach(self, person, km: np.ndarray) -> Reason | None:
        """Placements beyond the participant's reach (R3) that fit every other rule: a session
        on a free day-part (R1/R2), the Dutch level (R4), not refused (R8). None: there are none."""
        radius = rules.placement_radius(person)
        fits = ~rules.within(km, radius) & (self.p_rank <= LEVEL_RANK[person.language_level])
        fits &= (self.p_days & _mask(person.available)) != 0
        placements = self.c.instance.placements
        far = [
            j for j in np.flatnonzero(fits) if rules.allowed(person, "placement", placements[j].id)
        ]
        if not far:
            return None
        nearest = round(float(km[far].min()), 1)
        data = {"count": len(far), "nearest_km": nearest, "max_km": radius}
        return Reason("out_of_reach", data)

    def _too_few(self, p: int, person) -> Reason:
        c, per_day = self.c, {}
        for e in c.p_x[p]:
            d = c.edge_daypart(e)
            per_day[d] = max(per_day.get(d, 0), c.x_hours(e))
        possible = sum(per_day.values()) / 100
        if rules.meets_minimum(possible, person.minimum):
            return Reason(
                "load_cap",
                {
                    "max_hours": person.max_hours,
                    "minimum": person.minimum,
                    "possible_hours": best_alone(c, p) / 100,
                },
            )
        return Reason("too_few_hours", {"possible_hours": possible, "minimum": person.minimum})

    def _capacity(self, p: int) -> Reason | None:
        """The fitting sessions that are full, and who holds their seats (None: none full)."""
        c, pace = self.c, self.pace
        sessions = {c.edge_session(e) for e in c.p_x[p]}
        full = [s for s in sessions if len(self.holders.get(s, ())) >= c.s_cap[s]]
        others = {q for s in full for q in self.holders.get(s, ()) if q != p}
        if not full:
            return None
        urgent = sum(1 for q in others if pace[q] > pace[p])
        at_minimum = sum(1 for q in others if self.hours[q] >= c.p_min[q])
        return Reason(
            "capacity_taken",
            {
                "sessions": len(full),
                "taken_by": len(others),
                "more_urgent": urgent,
                "at_minimum": at_minimum,
                "most_hours": max(c.s_hours_f[s] for s in full),
            },
        )

    def missing_volunteer(self, p: int, kind: str) -> Reason:
        """Why participant p has no volunteer of a wanted kind."""
        c, person = self.c, self.c.instance.participants[p]
        of_kind = self.v_kind == kind
        km = _km_to_all(person.lat, person.lon, self.v_lat, self.v_lon)
        near = np.flatnonzero(of_kind & rules.within(km, rules.placement_radius(person)))
        everyone = self.c.instance.volunteers
        ok = [v for v in near if rules.within(km[v], rules.volunteer_radius(person, everyone[v]))]
        if not ok:
            nearest = round(float(km[of_kind].min()), 1) if of_kind.any() else None
            return Reason("no_volunteer_reachable", {"kind": kind, "nearest_km": nearest})
        edges = [e for e in c.p_y[p] if c.meeting_kind(e) == kind]
        refused = sum(1 for v in ok if not rules.allowed(person, kind, everyone[v].id))
        if not edges and refused:
            return Reason("volunteer_rejected", {"kind": kind, "count": refused})
        if not edges:
            return Reason("no_volunteer_daypart", {"kind": kind, "reachable": len(ok)})
        vols = {c.meeting_volunteer(e) for e in edges}
        blocked = [
            e
            for e in edges
            if (c.meeting_volunteer(e), c.meeting_daypart(e)) in self.vol_busy
            or len(self.vol_holders.get(c.meeting_volunteer(e), ()))
            >= c.v_cap[c.meeting_volunteer(e)]
        ]
        if len(blocked) == len(edges):
            others = {q for v in vols for q in self.vol_holders.get(v, ())}
            return Reason(
                "volunteer_capacity_taken",
                {"kind": kind, "volunteers": len(vols), "taken_by": len(others)},
            )
        return Reason("no_room_for_volunteer", {"kind": kind})
