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

from matcher.solver import rules
from matcher.solver.board import KIND_BIT, Board, Choice, best_choice, value
from matcher.solver.candidates import Candidates
from matcher.solver.clock import Clock
from matcher.solver.goals import above_stability
from matcher.solver.greedy import urgency_order
from matcher.solver.plan import Plan

__all__ = ["KIND_BIT", "Board", "best_choice", "settle", "value"]


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
            watchers = {c.edge_participant(e) for s in sessions for e in by_session[s]}
            watchers |= {c.meeting_participant(e) for v in volunteers for e in by_volunteer[v]}
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
    return not rules.meets_minimum(sum(c.x_hours(e) for e in board.xs[p]), c.p_min[p])


def _displace(c: Candidates, board: Board, p: int):
    """p (below the minimum) takes seats from one participant q, who then re-plans with what is
    left, when p and q together gain at goals 1–3. Returns what was touched, or None."""
    had_p = board.choice(p)
    free_best, mine = _free_hours_by_day(c, board, p)
    for q in _occupants(c, board, p, mine):
        gain = dict(free_best)
        for e in board.xs[q]:
            s = c.edge_session(e)
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
        s = c.edge_session(e)
        mine.add(s)
        if board.seats[s] > 0 or e in board.xs[p]:
            best[c.s_day[s]] = max(best.get(c.s_day[s], 0), c.s_hours[s])
    return best, mine


def _occupants(c: Candidates, board: Board, p: int, mine: set[int]) -> list[int]:
    """Participants holding a seat in a full session p could attend, in a fixed order."""
    found = set()
    for s in mine:
        if board.seats[s] <= 0:
            found.update(c.edge_participant(e) for e in board.in_session[s])
    found.discard(p)
    return sorted(found)


def _add(a: tuple, b: tuple) -> tuple:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _touched(c: Candidates, had: Choice, new: Choice) -> tuple[set[int], set[int]]:
    """Sessions and volunteers whose use changed between two choices (freed or taken: a
    freed seat is room for others, a filled session is a new seat to displace from)."""
    return (
        {c.edge_session(e) for e in set(had[0]) ^ set(new[0])},
        {c.meeting_volunteer(e) for e in set(had[1]) ^ set(new[1])},
    )


def _may_improve(c: Candidates, board: Board, p: int, alone: list[bool]) -> bool:
    """Whether a move for p could gain at goals 1–3: p is short of something and there is a free
    seat or volunteer p could use (without one, p can only rearrange what they have), or p is
    below the minimum (displacement)."""
    hours = sum(c.x_hours(e) for e in board.xs[p])
    wants = {k for k in c.instance.participants[p].wants}
    has = {c.meeting_kind(e) for e in board.ys[p]}
    if hours >= c.p_req[p] and hours >= c.p_min[p] and wants <= has:
        return False
    if hours < c.p_min[p] and alone[p]:
        return True
    if hours < c.p_req[p] and any(
        board.seats[c.edge_session(e)] > 0 and e not in c.forbidden_x and e not in board.xs[p]
        for e in c.p_x[p]
    ):
        return True
    return any(
        board.vol_left[c.meeting_volunteer(e)] > 0
        and (c.meeting_volunteer(e), c.meeting_daypart(e)) not in board.vol_busy
        for e in c.p_y[p]
        if c.meeting_kind(e) not in has
    )


def _watchers(c: Candidates) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Candidate edges per session and per volunteer: who may gain when a seat frees up."""
    by_session, by_volunteer = defaultdict(list), defaultdict(list)
    for e, s in enumerate(c.x_s):
        by_session[s].append(e)
    for e, v in enumerate(c.y_v):
        by_volunteer[v].append(e)
    return by_session, by_volunteer
