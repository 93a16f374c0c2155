"""A plan is a set of chosen candidate edges; this module scores it goal by goal."""

from dataclasses import dataclass, field

from matcher.solver.candidates import Candidates
from matcher.solver.goals import GOALS, participant_score


@dataclass
class Plan:
    """Chosen placement edges (x) and volunteer edges (y)."""

    x: set[int] = field(default_factory=set)
    y: set[int] = field(default_factory=set)

    def copy(self) -> "Plan":
        """An independent copy."""
        return Plan(set(self.x), set(self.y))


def fit_cost_x(c: Candidates, e: int) -> int:
    """Goal 5 cost of a placement edge: tenths of a km, plus 5 km when not an interest."""
    return round(c.x_km[e] * 10) + (0 if c.x_interest[e] else 50)


def fit_cost_y(c: Candidates, e: int) -> int:
    """Goal 5 cost of a volunteer edge: tenths of a km."""
    return round(c.y_km[e] * 10)


def participation(c: Candidates, plan: Plan) -> list[int]:
    """Scaled participation hours per participant."""
    hours = [0] * c.n_participants
    x_p = c.x_p
    for e in plan.x:
        hours[x_p[e]] += c.x_hours(e)
    return hours


def score(c: Candidates, plan: Plan, people=None) -> tuple[int, ...]:
    """Goals 1–5 (goals.GOALS, in order) as a tuple to maximise: the sum of every participant's
    `goals.participant_score`."""
    n = c.n_participants
    chosen = set(range(n) if people is None else people)
    hours, kept, given, cost, units = [0] * n, [0] * n, [0] * n, [0] * n, [0] * n
    x_p, y_p = c.x_p, c.y_p  # the inner loop reads the arrays (Candidates' accessors are slower)
    for e in plan.x:
        p = x_p[e]
        if p in chosen:
            hours[p] += c.x_hours(e)
            units[p] += 1
            kept[p] += e in c.current_x
            cost[p] += fit_cost_x(c, e)
    for e in plan.y:
        p = y_p[e]
        if p in chosen:
            units[p] += 1
            given[p] += 1
            kept[p] += e in c.current_y
            cost[p] += fit_cost_y(c, e)
    total = [0] * len(GOALS)
    for p in chosen:
        changes = change_count(c, p, units[p], kept[p])
        for k, value in enumerate(participant_score(c, p, hours[p], given[p], changes, cost[p])):
            total[k] += value
    return tuple(total)


def change_count(c: Candidates, p: int, units: int, kept: int) -> int:
    """Goal 4 for one participant with `units` assignment units of which `kept` are current:
    current units dropped, plus units added when they had a current plan."""
    running = c.current_units[p]
    return running - kept + ((units - kept) if running else 0)
