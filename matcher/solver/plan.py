"""A plan is a set of chosen candidate edges; this module scores it goal by goal."""

from dataclasses import dataclass, field

from matcher.solver.candidates import Candidates


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
    for e in plan.x:
        hours[c.x_p[e]] += c.x_hours(e)
    return hours


def score(c: Candidates, plan: Plan, people=None) -> tuple[int, int, int, int, int]:
    """Goals 1–5 as a tuple to maximise: (at minimum, -shortfall, volunteers, -changes, -cost)."""
    people = range(c.n_participants) if people is None else people
    chosen = set(people)
    hours = participation(c, plan)
    at_min = sum(1 for p in chosen if hours[p] >= c.p_min[p])
    shortfall = sum(c.p_weight[p] * max(0, c.p_req[p] - hours[p]) for p in chosen)
    xs = [e for e in plan.x if c.x_p[e] in chosen]
    ys = [e for e in plan.y if c.y_p[e] in chosen]
    changes = changes_of(c, xs, ys, chosen)
    cost = sum(fit_cost_x(c, e) for e in xs) + sum(fit_cost_y(c, e) for e in ys)
    return at_min, -shortfall, len(ys), -changes, -cost


def changes_of(c: Candidates, xs, ys, people) -> int:
    """Goal 4: current units not kept plus units added for participants that had a current plan."""
    kept = sum(1 for e in xs if e in c.current_x) + sum(1 for e in ys if e in c.current_y)
    dropped = sum(c.current_units[p] for p in people) - kept
    added = sum(1 for e in xs if c.current_units[c.x_p[e]] and e not in c.current_x)
    added += sum(1 for e in ys if c.current_units[c.y_p[e]] and e not in c.current_y)
    return dropped + added
