"""Pricing candidates cheaply: an LP over each short participant's minimal weekly bundles.

A bundle is a set of at most three sessions on different day-parts that reaches the
participant's weekly minimum within their load cap (R1, R5) and drops below it without any one
of them. The LP takes at most one bundle per participant (fractionally) and at most the free
seats of each session; its value with a candidate added, minus its value without, is the
candidate's price. A plain participant × session LP prices every candidate the same (its duals
are degenerate); the bundles carry the integrality of "two sessions of three hours make six".
"""

from collections import defaultdict
from itertools import combinations

from ortools.linear_solver import pywraplp

from matcher.solver import rules
from matcher.solver.advice_model import Suggestion
from matcher.solver.advice_state import PlanState, Seat

MAX_BUNDLE = 3
MAX_BUNDLES_PER_PERSON = 400
NEW = "\x00new"  # placement id of a candidate's new placement while pricing


def bundles(seats: list[Seat], minimum: float, cap: float, must: set | None = None) -> list:
    """Minimal bundles (tuples of session keys); with `must`, only those using one of its keys."""
    seats = sorted(seats, key=lambda s: -s.hours)
    found = []
    for size in range(1, MAX_BUNDLE + 1):
        for combo in combinations(seats, size):
            days = {s.daypart for s in combo}
            if len(days) < size:
                continue
            hours = sum(s.hours for s in combo)
            if not rules.meets_minimum(hours, minimum) or not rules.within_load_cap(hours, cap):
                continue
            if size > 1 and rules.meets_minimum(hours - combo[-1].hours, minimum):
                continue  # not minimal: the shortest session is not needed
            keys = tuple(s.key for s in combo)
            if must is not None and not must.intersection(keys):
                continue
            found.append(keys)
            if len(found) >= MAX_BUNDLES_PER_PERSON:
                return found
    return found


class Pricer:
    """Prices candidates against one plan state.

    A bundle using a session without a free seat has z = 0 in every LP (its seat row's bound is
    0), so the LP is built from the *live* bundles only: exactly the same value, from the few
    bundles with a seat in each session where a tight region has tens of thousands. A bundle kept
    *dormant* comes alive when a candidate adds seats to each of its full sessions."""

    def __init__(self, state: PlanState) -> None:
        self.state = state
        self.live: dict[str, list[tuple]] = {}
        self.dormant: dict[tuple, list[tuple]] = defaultdict(list)  # a full session → bundles
        for p in state.short:
            for keys in bundles(state.seats[p.id], p.minimum, state.load_left(p)):
                full = frozenset(k for k in keys if state.residual(k) <= 0)
                if full:
                    self.dormant[min(full)].append((p.id, keys, full))
                else:
                    self.live.setdefault(p.id, []).append(keys)
        self.value = self._lp(self.live, {})

    def price(self, s: Suggestion) -> float:
        """Participants the LP lifts with the suggestion, beyond those it lifts without."""
        if s.kind == "new_volunteer":
            return 0.0
        extra_cap, new_seats = self._changes(s)
        table = {pid: list(rows) for pid, rows in self.live.items()}
        opened = frozenset(k for k, n in extra_cap.items() if n > 0)
        for key in opened:
            for pid, keys, full in self.dormant.get(key, ()):
                if full <= opened:
                    table.setdefault(pid, []).append(keys)
        for pid, seats in new_seats.items():
            person = self.state.people[pid]
            free = [x for x in self.state.seats[pid] if self._seats_left(x.key, extra_cap) > 0]
            table.setdefault(pid, []).extend(
                bundles(
                    free + seats,
                    person.minimum,
                    self.state.load_left(person),
                    {x.key for x in seats},
                )
            )
        return max(0.0, self._lp(table, extra_cap) - self.value)

    def _seats_left(self, key: tuple, extra_cap: dict) -> int:
        return self.state.residual(key) + extra_cap.get(key, 0)

    def _changes(self, s: Suggestion):
        """Extra seats on existing sessions, and the new sessions each short person could use."""
        state, extra, new = self.state, {}, {}
        if s.kind == "more_capacity":
            extra = {(s.placement, a.daypart): a.capacity for a in s.sessions}
            return extra, new
        if s.kind == "new_session":
            placement = next(p for p in state.instance.placements if p.id == s.placement)
            ident, ok = s.placement, (lambda person: state.reaches(person, placement))
        else:
            ident = NEW

            def ok(person):
                return state.can_attend(person, s.lat, s.lon, s.min_language_level)

        for a in s.sessions:
            extra[(ident, a.daypart)] = a.capacity
        for person in state.short:
            if not ok(person):
                continue
            days = state.open_dayparts(person)
            seats = [
                Seat((ident, a.daypart), a.daypart, a.hours)
                for a in s.sessions
                if rules.is_free(person, a.daypart) and a.daypart in days
            ]
            if seats:
                new[person.id] = seats
        return extra, new

    def _lp(self, table: dict, extra_cap: dict) -> float:
        """max Σ z_b: Σ_b∋p z_b ≤ 1 per person, Σ_b∋s z_b ≤ free seats of s."""
        solver = pywraplp.Solver.CreateSolver("GLOP")
        uses: dict = {}
        objective = solver.Objective()
        for _pid, rows in table.items():
            zs = []
            for keys in rows:
                z = solver.NumVar(0.0, 1.0, "")
                zs.append(z)
                objective.SetCoefficient(z, 1.0)
                for key in keys:
                    uses.setdefault(key, []).append(z)
            if len(zs) > 1:
                row = solver.Constraint(0.0, 1.0)
                for z in zs:
                    row.SetCoefficient(z, 1.0)
        for key, zs in uses.items():
            row = solver.Constraint(0.0, float(self._seats_left(key, extra_cap)))
            for z in zs:
                row.SetCoefficient(z, 1.0)
        objective.SetMaximization()
        if not uses or solver.Solve() != pywraplp.Solver.OPTIMAL:
            return 0.0
        return objective.Value()
