"""A plan as a board of residual capacities, and one participant's exact best choice on it.

Settling (settle.py) moves one or two participants at a time: it takes them off the board, asks
`best_choice` for their best set of sessions and volunteers against what everyone else leaves
free, and compares with `value` (their share of plan.score, goals.GOALS in order).
"""

from collections import defaultdict

from matcher.solver.candidates import Candidates
from matcher.solver.goals import participant_score
from matcher.solver.plan import Plan, change_count, fit_cost_x, fit_cost_y

Choice = tuple[tuple[int, ...], tuple[int, ...]]  # placement edges, volunteer edges


class Board:
    """A plan with its residual capacities, edge by edge, for moves that add and remove."""

    def __init__(self, c: Candidates, plan: Plan) -> None:
        self.c = c
        self.seats = list(c.s_cap)
        self.vol_left = list(c.v_cap)
        self.vol_busy: dict[tuple[int, int], int] = {}
        self.xs: list[set[int]] = [set() for _ in range(c.n_participants)]
        self.ys: list[set[int]] = [set() for _ in range(c.n_participants)]
        self.in_session: dict[int, set[int]] = defaultdict(set)
        for e in plan.x:
            self._add_x(e)
        for e in plan.y:
            self._add_y(e)

    def _add_x(self, e: int) -> None:
        s = self.c.edge_session(e)
        self.seats[s] -= 1
        self.xs[self.c.edge_participant(e)].add(e)
        self.in_session[s].add(e)

    def _add_y(self, e: int) -> None:
        v = self.c.meeting_volunteer(e)
        self.vol_left[v] -= 1
        self.vol_busy[(v, self.c.meeting_daypart(e))] = e
        self.ys[self.c.meeting_participant(e)].add(e)

    def clear(self, p: int) -> Choice:
        """Take participant p out of the plan; returns what they had."""
        c, had = self.c, self.choice(p)
        for e in had[0]:
            self.seats[c.edge_session(e)] += 1
            self.in_session[c.edge_session(e)].discard(e)
        for e in had[1]:
            self.vol_left[c.meeting_volunteer(e)] += 1
            del self.vol_busy[(c.meeting_volunteer(e), c.meeting_daypart(e))]
        self.xs[p], self.ys[p] = set(), set()
        return had

    def choice(self, p: int) -> Choice:
        """What participant p has now."""
        return tuple(sorted(self.xs[p])), tuple(sorted(self.ys[p]))

    def put(self, choice: Choice) -> None:
        """Add a participant's choice of edges."""
        for e in choice[0]:
            self._add_x(e)
        for e in choice[1]:
            self._add_y(e)

    def plan(self) -> Plan:
        """The board as a Plan."""
        return Plan({e for xs in self.xs for e in xs}, {e for ys in self.ys for e in ys})


def value(c: Candidates, p: int, choice: Choice) -> tuple[int, ...]:
    """Participant p's share of the score (plan.score): goals 1–5 as a tuple to maximise."""
    xs, ys = choice
    hours = sum(c.x_hours(e) for e in xs)
    kept = sum(e in c.current_x for e in xs) + sum(e in c.current_y for e in ys)
    cost = sum(fit_cost_x(c, e) for e in xs) + sum(fit_cost_y(c, e) for e in ys)
    changes = change_count(c, p, len(xs) + len(ys), kept)
    return participant_score(c, p, hours, len(ys), changes, cost)


def best_choice(c: Candidates, board: Board, p: int, *, blocked=-1, opened=-1) -> Choice:
    """p's best choice against what the board leaves free (p's own edges count as free).

    `blocked` is a session p may not use; `opened` a session treated as having a free seat.
    Exact: a dynamic programme over day-parts whose states are (participation hours, volunteer
    hours, volunteer kinds), keeping the fewest changes and lowest fit cost per state.
    """
    options = _options(c, board, p, blocked, opened)
    has_current = bool(c.current_units[p])
    states: dict[tuple[int, int, int], tuple[int, int, tuple]] = {(0, 0, 0): (0, 0, ())}
    cap = c.p_max[p]
    for day_options, forced in options:
        nxt = {} if forced else dict(states)
        for (hx, hv, kinds), (changes, fit, chosen) in states.items():
            for e, is_x, hours, kind_bit, cost in day_options:
                if kinds & kind_bit or hx + hv + hours > cap:
                    continue
                current = e in (c.current_x if is_x else c.current_y)
                key = (hx + hours, hv, kinds) if is_x else (hx, hv + hours, kinds | kind_bit)
                entry = (changes + (-1 if current else int(has_current)), fit + cost, chosen)
                old = nxt.get(key)
                if old is None or entry[:2] < old[:2]:
                    nxt[key] = (*entry[:2], (*chosen, (e, is_x)))
        states = nxt
    best, best_key = ((), ()), None
    running = c.current_units[p]
    for (hx, _hv, kinds), (changes, fit, chosen) in states.items():
        # `changes` counts from the running plan kept whole: add its units for goal 4's count.
        key = participant_score(c, p, hx, kinds.bit_count(), running + changes, fit)
        if best_key is None or key > best_key:
            best_key = key
            best = (
                tuple(sorted(e for e, is_x in chosen if is_x)),
                tuple(sorted(e for e, is_x in chosen if not is_x)),
            )
    return best


KIND_BIT = {"taalmaatje": 1, "buddy": 2}


def _options(c: Candidates, board: Board, p: int, blocked: int, opened: int):
    """Per day-part: the usable edges (best per hours and kind), and whether one is pinned."""
    own_x, own_y = board.xs[p], board.ys[p]
    per_day: dict[int, dict[tuple, tuple]] = defaultdict(dict)
    pinned_days = set()
    for e in c.p_x[p]:
        s = c.x_s[e]
        if e in c.forbidden_x or s == blocked:
            continue
        if e not in own_x and board.seats[s] <= 0 and s != opened:
            continue
        d = c.s_day[s]
        if e in c.pinned_x:
            pinned_days.add(d)
        _offer(per_day[d], (True, c.x_hours(e)), (e, True, c.x_hours(e), 0, fit_cost_x(c, e)), c)
    own_vols = {c.y_v[e] for e in own_y}
    for e in c.p_y[p]:
        v, d = c.y_v[e], c.y_day[e]
        busy = (v, d) in board.vol_busy or (board.vol_left[v] <= 0 and v not in own_vols)
        if e not in own_y and busy:
            continue
        if e in c.pinned_y:
            pinned_days.add(d)
        bit = KIND_BIT[c.v_kind[v]]
        _offer(
            per_day[d],
            (False, bit, c.v_hours[v]),
            (e, False, c.v_hours[v], bit, fit_cost_y(c, e)),
            c,
        )
    out = []
    for d in sorted(per_day):
        offers = list(per_day[d].values())
        if d in pinned_days:
            offers = [o for o in offers if o[0] in (c.pinned_x if o[1] else c.pinned_y)]
        out.append((offers, d in pinned_days))
    return out


def _offer(slot: dict, key: tuple, option: tuple, c: Candidates) -> None:
    """Keep, per kind of option in a day-part, the pinned one, else the current one, else the
    cheapest; ties by edge number (deterministic)."""
    old = slot.get(key)
    if old is None or _rank(c, option) < _rank(c, old):
        slot[key] = option


def _rank(c: Candidates, option: tuple) -> tuple:
    e, is_x = option[0], option[1]
    pinned = e in (c.pinned_x if is_x else c.pinned_y)
    current = e in (c.current_x if is_x else c.current_y)
    return (not pinned, not current, option[4], e)
