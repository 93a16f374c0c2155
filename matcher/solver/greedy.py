"""The constructive heuristic: the baseline a coordinator would follow, and the solver's start.

Pins first, then (optionally) the still-allowed current plan, then participants most urgent first
(highest weekly pace needed): each gets the best feasible set of 1–3 nearby sessions that reaches
the minimum with the fewest hours; a second pass tops hours up towards the required rate; last,
wanted volunteers, nearest first.
"""

from itertools import combinations

from matcher.solver import rules
from matcher.solver.candidates import Candidates
from matcher.solver.plan import Plan

TOP_K = 10


class State:
    """Residual capacities while a plan is built edge by edge."""

    def __init__(self, c: Candidates) -> None:
        self.c = c
        self.plan = Plan()
        self.seats = list(c.s_cap)
        self.vol_left = list(c.v_cap)
        self.vol_busy: set[tuple[int, int]] = set()
        self.days = [0] * c.n_participants
        self.load = [0] * c.n_participants
        self.hours = [0] * c.n_participants
        self.kinds: list[set[str]] = [set() for _ in range(c.n_participants)]

    def can_x(self, e: int) -> bool:
        """Whether placement edge e still fits: a seat left (R2), the day-part still free (R1),
        within the load cap (R5), not another session of a pinned placement (R7)."""
        c, p = self.c, self.c.x_p[e]
        s = c.x_s[e]
        return (
            self.seats[s] > 0
            and not self.days[p] >> c.s_day[s] & 1
            and rules.within_load_cap(self.load[p] + c.s_hours[s], c.p_max[p])
            and e not in c.forbidden_x
        )

    def take_x(self, e: int) -> None:
        """Add placement edge e."""
        c, p = self.c, self.c.x_p[e]
        s = c.x_s[e]
        self.seats[s] -= 1
        self.days[p] |= 1 << c.s_day[s]
        self.load[p] += c.s_hours[s]
        self.hours[p] += c.s_hours[s]
        self.plan.x.add(e)

    def can_y(self, e: int) -> bool:
        """Whether volunteer edge e still fits: the volunteer has room and the day-part (R6),
        the participant the day-part (R1), no volunteer of that kind yet (R6), the load cap (R5)."""
        c, p, v, d = self.c, self.c.y_p[e], self.c.y_v[e], self.c.y_day[e]
        return (
            self.vol_left[v] > 0
            and (v, d) not in self.vol_busy
            and not self.days[p] >> d & 1
            and c.v_kind[v] not in self.kinds[p]
            and rules.within_load_cap(self.load[p] + c.v_hours[v], c.p_max[p])
        )

    def take_y(self, e: int) -> None:
        """Add volunteer edge e."""
        c, p, v, d = self.c, self.c.y_p[e], self.c.y_v[e], self.c.y_day[e]
        self.vol_left[v] -= 1
        self.vol_busy.add((v, d))
        self.days[p] |= 1 << d
        self.load[p] += c.v_hours[v]
        self.kinds[p].add(c.v_kind[v])
        self.plan.y.add(e)


def urgency_order(c: Candidates) -> list[int]:
    """Participants most urgent first: highest pace needed, then fewest candidates."""
    pace = [p.pace for p in c.instance.participants]
    return sorted(range(c.n_participants), key=lambda p: (-pace[p], len(c.p_x[p]), p))


def greedy(c: Candidates, *, keep_current: bool = False) -> Plan:
    """Build a feasible plan with the constructive heuristic."""
    state = State(c)
    for e in sorted(c.pinned_x):
        state.take_x(e)
    for e in sorted(c.pinned_y):
        state.take_y(e)
    order = urgency_order(c)
    if keep_current:
        for p in order:
            _keep(state, p)
    for p in order:
        if not rules.meets_minimum(state.hours[p], c.p_min[p]):
            _add_best(state, p, c.p_min[p], reach_only=True)
    _fill(state, order)
    return state.plan


def complete(c: Candidates, plan: Plan) -> Plan:
    """Add sessions towards the required rate, then wanted volunteers, where room is left."""
    state = State(c)
    for e in sorted(plan.x):
        state.take_x(e)
    for e in sorted(plan.y):
        state.take_y(e)
    _fill(state, urgency_order(c))
    return state.plan


def _fill(state: State, order: list[int]) -> None:
    c = state.c
    for p in order:
        if state.hours[p] < c.p_req[p]:
            _add_best(state, p, c.p_req[p], reach_only=False)
    for p in order:
        _add_volunteers(state, p)


def _keep(state: State, p: int) -> None:
    c = state.c
    for e in c.p_x[p]:
        if e in c.current_x and e not in state.plan.x and state.can_x(e):
            state.take_x(e)
    for e in c.p_y[p]:
        if e in c.current_y and e not in state.plan.y and state.can_y(e):
            state.take_y(e)


def _add_best(state: State, p: int, goal: int, *, reach_only: bool) -> None:
    """Add the best set of up to three free sessions towards `goal` scaled hours."""
    c = state.c
    free = [e for e in c.p_x[p] if state.can_x(e)]
    free.sort(key=lambda e: (not c.x_interest[e], c.x_km[e], e))
    pool = free[:TOP_K]
    pool += sorted(free[TOP_K:], key=lambda e: (-c.x_hours(e), c.x_km[e], e))[: TOP_K // 2]
    need, room = goal - state.hours[p], c.p_max[p] - state.load[p]
    best, best_key = None, None
    for size in (1, 2, 3):
        for combo in combinations(pool, size):
            key = _combo_key(c, combo, need, room)
            if key is not None and (best_key is None or key < best_key):
                best, best_key = combo, key
    if best is None or (reach_only and best_key[0]):
        return
    for e in best:
        state.take_x(e)


def _combo_key(c: Candidates, combo, need: int, room: int):
    """Sort key of a session set (smaller is better), or None when it breaks a rule."""
    days, hours, km, liked = 0, 0, 0.0, 0
    for e in combo:
        bit = 1 << c.s_day[c.x_s[e]]
        if days & bit:
            return None
        days |= bit
        hours += c.x_hours(e)
        km += c.x_km[e]
        liked += c.x_interest[e]
    if hours > room:
        return None
    short = max(0, need - hours)
    return short > 0, short, max(0, hours - need), len(combo), -liked, km


def _add_volunteers(state: State, p: int) -> None:
    c = state.c
    for e in sorted(c.p_y[p], key=lambda e: (c.y_km[e], e)):
        if state.can_y(e):
            state.take_y(e)
