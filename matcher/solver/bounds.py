"""Upper bound on participants at their minimum: who could reach it if they were alone."""

from matcher.solver import rules
from matcher.solver.candidates import Candidates
from matcher.solver.plan import Plan, participation


def reachable_alone(c: Candidates, p: int) -> bool:
    """Whether p's minimum fits in their candidate sessions, day-parts, load cap and pins."""
    return c.p_min[p] <= 0 or best_alone(c, p, stop_at=c.p_min[p]) >= c.p_min[p]


def best_alone(c: Candidates, p: int, stop_at: int | None = None) -> int:
    """Most participation hours (scaled) p could get alone, one session per free day-part,
    within the load cap; stops early once `stop_at` is reached."""
    cap, options = _options(c, p)
    if stop_at is not None and sum(max(h) for h in options.values()) < stop_at:
        return sum(max(h) for h in options.values())
    sums = {0}
    for hours in options.values():
        sums |= {s + h for s in sums for h in hours if s + h <= cap}
        if stop_at is not None and max(sums) >= stop_at:
            break
    return max(sums)


def _options(c: Candidates, p: int) -> tuple[int, dict[int, set[int]]]:
    """Load room left by pinned volunteers, and the session hours possible per day-part."""
    cap, options = c.p_max[p], {}
    pinned_days = set()
    for e in c.p_y[p]:
        if e in c.pinned_y:
            cap -= c.v_hours[c.meeting_volunteer(e)]
            pinned_days.add(c.meeting_daypart(e))
    for e in c.p_x[p]:
        d = c.edge_daypart(e)
        if e in c.forbidden_x or (d in pinned_days and e not in c.pinned_x):
            continue
        if e in c.pinned_x:
            options[d] = {c.x_hours(e)}
            pinned_days.add(d)
        elif d not in pinned_days:
            options.setdefault(d, set()).add(c.x_hours(e))
    return cap, options


def individual_bound(c: Candidates, plan: Plan) -> tuple[int, list[bool]]:
    """The count of participants who could reach their minimum alone, and who they are."""
    hours = participation(c, plan)
    alone = [
        rules.meets_minimum(hours[p], c.p_min[p]) or reachable_alone(c, p)
        for p in range(c.n_participants)
    ]
    return sum(alone), alone
