"""The geographic cluster sweep for large instances.

Solving the whole region at once spends most of the time in presolve. Instead, the participants
are cut into compact geographic clusters (k-d bisection on their homes); each cluster in turn is
freed and re-solved lexicographically against the residual capacities the rest of the plan leaves
(seats, volunteer day-parts), and its new plan is accepted only when it is at least as good on
goals 1–5 in order. Travel radii cross cluster borders, so nothing is dropped: a cluster competes
for every seat it can reach. Later passes cut along the other axis first, so borders move.
"""

from matcher.solver.candidates import Candidates
from matcher.solver.clock import Clock
from matcher.solver.cpsat import Options
from matcher.solver.goals import AT_MINIMUM, above_stability
from matcher.solver.plan import Plan, score
from matcher.solver.stages import solve_stages


def clusters(c: Candidates, size: int, first_axis: int = 0, among=None) -> list[list[int]]:
    """Participants split into geographic groups of at most `size`, by alternating bisection."""
    people = c.instance.participants
    among = range(len(people)) if among is None else among
    out, todo = [], [(list(among), first_axis)]
    while todo:
        group, axis = todo.pop()
        if len(group) <= size:
            out.append(sorted(group))
            continue
        group.sort(key=lambda p: (people[p].lon if axis else people[p].lat, p))
        half = len(group) // 2
        todo += [(group[:half], 1 - axis), (group[half:], 1 - axis)]
    return out


def sweep(
    c: Candidates,
    plan: Plan,
    clock: Clock,
    opts: Options,
    *,
    size: int,
    alone: list[bool],
    people=None,
    progress=None,
) -> tuple[Plan, list[dict]]:
    """Improve a plan cluster by cluster until no pass improves it or time runs out."""
    records: list[dict] = []
    for pass_no in range(6):
        parts = clusters(c, size, pass_no % 2, people)
        parts.sort(key=lambda part: _priority(c, plan, part, alone))
        improved, out_of_time = False, False
        for i, part in enumerate(parts):
            left = clock.left()
            if left < 0.5:
                out_of_time = True
                break
            part_clock = clock.part(max(3.0, left / (len(parts) - i)))
            bound = sum(alone[p] for p in part)
            new, _, _ = solve_stages(c, plan, part, part_clock, opts, known_bound=bound)
            clock.charge(part_clock.used)
            before, after = score(c, plan, part), score(c, new, part)
            if after > before:
                plan, improved = new, improved or above_stability(after) > above_stability(before)
        records.append(
            {
                "stage": f"sweep pass {pass_no + 1}",
                "clusters": len(parts),
                "value": score(c, plan, people)[AT_MINIMUM],
            }
        )
        if progress:
            progress(f"sweep pass {pass_no + 1}: {score(c, plan)[AT_MINIMUM]} at minimum")
        if out_of_time or not improved:
            break
    return plan, records


def _priority(c: Candidates, plan: Plan, part: list[int], alone: list[bool]):
    """Clusters with the most room for improvement on goals 1–3 first."""
    now = score(c, plan, part)
    missing = sum(alone[p] for p in part) - now[AT_MINIMUM]
    return -missing, *above_stability(now)[AT_MINIMUM + 1 :]
