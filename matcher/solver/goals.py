"""The goals of a good result, once, in their order (docs/instance-format.md, goals 1–5).

`GOALS` is the only place the order is written: the staged CP-SAT solve (stages.py) iterates it,
`plan.score` and settling (settle.py) build their comparison tuples from it, and a move that
changes a running plan must gain at the goals above stability (`above_stability`, goals 1–3).

Each goal has a direction, the builder of its CP-SAT expression over a MatchModel, its share of
the staged solve's time, its value for one participant (for settling and plan.score), and when
its stage cannot improve anything (`trivial`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from matcher.solver import rules
from matcher.solver.candidates import Candidates


@dataclass(frozen=True)
class Goal:
    """A goal: its number in the docs, name, direction and how it is measured."""

    number: int
    name: str
    maximise: bool
    share: float  # of the staged CP-SAT solve's time
    expression: Callable[[Any], Any]  # MatchModel -> CP-SAT linear expression
    # One participant's value (unsigned) from their part of the plan: (c, p, participation hours
    # scaled, wanted volunteers given, changes to their running plan, fit cost).
    of: Callable[[Candidates, int, int, int, int, int], int]
    trivial: Callable[[Any, int, int | None], bool]  # (model, value, known bound) -> no stage

    def signed(self, value: int) -> int:
        """The value as a number to maximise."""
        return value if self.maximise else -value


def _at_minimum(mm):
    """Goal 1: participants whose participation hours reach their weekly minimum."""
    return mm.at_min


def _shortfall(mm):
    """Goal 2: the shortfall below the required weekly rate, weighted by the pace needed."""
    short = mm.short
    return cp_model.LinearExpr.weighted_sum(list(short.values()), [mm.c.p_weight[p] for p in short])


def _volunteers(mm):
    """Goal 3: wanted volunteers given."""
    return sum(mm.y.values())


def _changes(mm):
    """Goal 4: changes to `current` (units dropped, plus units added for continuing people)."""
    return mm.changes


def _fit(mm):
    """Goal 5: fit cost (distance, placements outside the participant's interests)."""
    return mm.cost


def _weighted_shortfall(c: Candidates, p: int, hours: int, _v: int, _ch: int, _co: int) -> int:
    return c.p_weight[p] * max(0, c.p_req[p] - hours)


GOALS = (
    Goal(
        1,
        "at_minimum",
        True,
        0.45,
        _at_minimum,
        lambda c, p, hours, _v, _ch, _co: int(rules.meets_minimum(hours, c.p_min[p])),
        lambda mm, value, known: known is not None and value >= known,
    ),
    Goal(
        2,
        "shortfall",
        False,
        0.3,
        _shortfall,
        _weighted_shortfall,
        lambda mm, value, known: value == 0,
    ),
    Goal(
        3,
        "volunteers",
        True,
        0.1,
        _volunteers,
        lambda c, p, _h, volunteers, _ch, _co: volunteers,
        lambda mm, value, known: not mm.y,
    ),
    Goal(
        4,
        "changes",
        False,
        0.1,
        _changes,
        lambda c, p, _h, _v, changes, _co: changes,
        lambda mm, value, known: not any(mm.c.current_units[p] for p in mm.free),
    ),
    Goal(
        5,
        "fit",
        False,
        0.05,
        _fit,
        lambda c, p, _h, _v, _ch, cost: cost,
        lambda mm, value, known: not mm.x and not mm.y,
    ),
)
NAMES = tuple(goal.name for goal in GOALS)
STABILITY = NAMES.index("changes")  # goal 4: the goals above it (1–3) are what a move must gain
AT_MINIMUM = NAMES.index("at_minimum")


def position(name: str) -> int:
    """Where a goal is in a score tuple."""
    return NAMES.index(name)


_SCORED = tuple((goal.of, 1 if goal.maximise else -1) for goal in GOALS)


def participant_score(
    c: Candidates, p: int, hours: int, volunteers: int, changes: int, cost: int
) -> tuple[int, ...]:
    """One participant's goals as a tuple to maximise, in goal order: from their participation
    hours (scaled), wanted volunteers given, changes to their running plan and fit cost."""
    return tuple([sign * of(c, p, hours, volunteers, changes, cost) for of, sign in _SCORED])


def above_stability(score: tuple[int, ...]) -> tuple[int, ...]:
    """The part of a score tuple a move must improve: goals 1–3."""
    return score[:STABILITY]
