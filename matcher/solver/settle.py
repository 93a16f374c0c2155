"""Settling a plan: a deterministic local search that ends where a re-solve starts.

Why: the CP-SAT stages are not proven optimal on goal 2 (weighted shortfall) beyond small
instances, so a second, longer search from a plan would keep finding small goal-2 gains and move
people for them: re-solving an unchanged instance would change things. Instead, every solve ends
by *settling* its plan, and a solve with a `current` plan improves it only with the same moves:

  * re-plan one participant: their best set of sessions and volunteers against what everyone else
    leaves free (exact, by dynamic programming over day-parts);
  * displace one: a participant below the minimum takes a seat from someone who then re-plans
    elsewhere, when the two together gain at goals 1–3.

A move is made only when it is strictly better at goals 1–3 (instance-format.md), so nobody is
moved for distance or interest alone. The search stops when no move improves anything: the plan is
then settled, and settling it again (an unchanged instance with `current` set to it) finds no move
and changes nothing. Everything here is deterministic: the same plan and instance give the same
moves in the same order, whatever the machine and the number of workers.
"""

import heapq
from collections import defaultdict

from matcher.solver.candidates import Candidates
from matcher.solver.clock import Clock
from matcher.solver.goals import Share, above_stability, participant_score
from matcher.solver.greedy import urgency_order
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
        s = self.c.x_s[e]
        self.seats[s] -= 1
        self.xs[self.c.x_p[e]].add(e)
        self.in_session[s].add(e)

    def _add_y(self, e: int) -> None:
        v = self.c.y_v[e]
        self.vol_left[v] -= 1
        self.vol_busy[(v, self.c.y_day[e])] = e
        self.ys[self.c.y_p[e]].add(e)

    def clear(self, p: int) -> Choice:
        """Take participant p out of the plan; returns what they had."""
        c, had = self.c, self.choice(p)
        for e in had[0]:
            self.seats[c.x_s[e]] += 1
            self.in_session[c.x_s[e]].discard(e)
        for e in had[1]:
            self.vol_left[c.y_v[e]] += 1
            del self.vol_busy[(c.y_v[e], c.y_day[e])]
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
    return participant_score(c, p, Share(hours, len(ys), changes, cost))


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
        key = participant_score(c, p, Share(hx, kinds.bit_count(), running + changes, fit))
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


def settle(c: Candidates, plan: Plan, clock: Clock, alone: list[bool]) -> tuple[Plan, dict]:
    """Make improving moves until a full pass over everyone finds none (the plan is then
    settled) or time runs out."""
    board = Board(c, plan)
    rank = {p: i for i, p in enumerate(urgency_order(c))}
    by_session, by_volunteer = _watchers(c)
    record = {"stage": "settle", "moves": 0, "displaced": 0, "passes": 0, "settled": False}
    while True:
        record["passes"] += 1
        queue = [(rank[p], p) for p in range(c.n_participants) if _may_improve(c, board, p, alone)]
        heapq.heapify(queue)
        queued, moves = {p for _, p in queue}, 0
        while queue:
            if clock.left() <= 0:
                return board.plan(), record
            _, p = heapq.heappop(queue)
            queued.discard(p)
            touched = _move(c, board, p, alone, record)
            if touched is None:
                continue
            moves += 1
            sessions, volunteers = touched
            watchers = {c.x_p[e] for s in sessions for e in by_session[s]}
            watchers |= {c.y_p[e] for v in volunteers for e in by_volunteer[v]}
            for q in sorted(watchers - queued):
                if _may_improve(c, board, q, alone):
                    heapq.heappush(queue, (rank[q], q))
                    queued.add(q)
        record["moves"] += moves
        if not moves:
            record["settled"] = True
            return board.plan(), record


def _move(c: Candidates, board: Board, p: int, alone: list[bool], record: dict):
    """The first improving move for p, made; returns the sessions and volunteers whose use
    changed (freed or taken), or None."""
    had = board.choice(p)
    new = best_choice(c, board, p)
    if above_stability(value(c, p, new)) > above_stability(value(c, p, had)):
        board.clear(p)
        board.put(new)
        return _touched(c, had, new)
    if alone[p] and board_below_minimum(c, board, p):
        touched = _displace(c, board, p)
        record["displaced"] += touched is not None
        return touched
    return None


def board_below_minimum(c: Candidates, board: Board, p: int) -> bool:
    """Whether p's participation hours are below their minimum."""
    return sum(c.x_hours(e) for e in board.xs[p]) < c.p_min[p]


def _displace(c: Candidates, board: Board, p: int):
    """p (below the minimum) takes seats from one participant q, who then re-plans with what is
    left, when p and q together gain at goals 1–3. Returns what was touched, or None."""
    had_p = board.choice(p)
    free_best, mine = _free_hours_by_day(c, board, p)
    for q in _occupants(c, board, p, mine):
        gain = dict(free_best)
        for e in board.xs[q]:
            s = c.x_s[e]
            if s in mine and e not in c.pinned_x:
                d = c.s_day[s]
                gain[d] = max(gain.get(d, 0), c.s_hours[s])
        if min(sum(gain.values()), c.p_max[p]) < c.p_min[p]:
            continue  # even all of q's seats cannot lift p to the minimum
        had_q = board.choice(q)
        before = _add(value(c, p, had_p), value(c, q, had_q))
        board.clear(q)
        board.put((tuple(e for e in had_q[0] if e in c.pinned_x), had_q[1]))
        board.clear(p)
        new_p = best_choice(c, board, p)
        board.put(new_p)
        board.clear(q)
        new_q = best_choice(c, board, q)
        after = _add(value(c, p, new_p), value(c, q, new_q))
        if above_stability(after) > above_stability(before):
            board.put(new_q)
            touched_p, touched_q = _touched(c, had_p, new_p), _touched(c, had_q, new_q)
            return touched_p[0] | touched_q[0], touched_p[1] | touched_q[1]
        board.clear(p)
        board.put(had_p)
        board.put(had_q)
    return None


def _free_hours_by_day(c: Candidates, board: Board, p: int) -> tuple[dict[int, int], set[int]]:
    """Longest session p could use per day-part with the seats free now, and p's sessions."""
    best, mine = {}, set()
    for e in c.p_x[p]:
        if e in c.forbidden_x:
            continue
        s = c.x_s[e]
        mine.add(s)
        if board.seats[s] > 0 or e in board.xs[p]:
            best[c.s_day[s]] = max(best.get(c.s_day[s], 0), c.s_hours[s])
    return best, mine


def _occupants(c: Candidates, board: Board, p: int, mine: set[int]) -> list[int]:
    """Participants holding a seat in a full session p could attend, in a fixed order."""
    found = set()
    for s in mine:
        if board.seats[s] <= 0:
            found.update(c.x_p[e] for e in board.in_session[s])
    found.discard(p)
    return sorted(found)


def _add(a: tuple, b: tuple) -> tuple:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _touched(c: Candidates, had: Choice, new: Choice) -> tuple[set[int], set[int]]:
    """Sessions and volunteers whose use changed between two choices (freed or taken: a
    freed seat is room for others, a filled session is a new seat to displace from)."""
    return (
        {c.x_s[e] for e in set(had[0]) ^ set(new[0])},
        {c.y_v[e] for e in set(had[1]) ^ set(new[1])},
    )


def _may_improve(c: Candidates, board: Board, p: int, alone: list[bool]) -> bool:
    """Whether a move for p could gain at goals 1–3: p is short of something and there is a free
    seat or volunteer p could use (without one, p can only rearrange what they have), or p is
    below the minimum (displacement)."""
    hours = sum(c.x_hours(e) for e in board.xs[p])
    wants = {k for k in c.instance.participants[p].wants}
    has = {c.v_kind[c.y_v[e]] for e in board.ys[p]}
    if hours >= c.p_req[p] and hours >= c.p_min[p] and wants <= has:
        return False
    if hours < c.p_min[p] and alone[p]:
        return True
    if hours < c.p_req[p] and any(
        board.seats[c.x_s[e]] > 0 and e not in c.forbidden_x and e not in board.xs[p]
        for e in c.p_x[p]
    ):
        return True
    return any(
        board.vol_left[c.y_v[e]] > 0 and (c.y_v[e], c.y_day[e]) not in board.vol_busy
        for e in c.p_y[p]
        if c.v_kind[c.y_v[e]] not in has
    )


def _watchers(c: Candidates) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Candidate edges per session and per volunteer: who may gain when a seat frees up."""
    by_session, by_volunteer = defaultdict(list), defaultdict(list)
    for e, s in enumerate(c.x_s):
        by_session[s].append(e)
    for e, v in enumerate(c.y_v):
        by_volunteer[v].append(e)
    return by_session, by_volunteer
