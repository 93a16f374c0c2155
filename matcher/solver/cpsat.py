"""The CP-SAT model of the weekly matching, solved lexicographically in five stages.

Why stages and not one weighted objective: the goals are strictly ordered (docs/instance-format.md),
and weights that provably respect that order need ratios above the full range of every lower
goal (about 10^17 at 20,000 participants), which overflow CP-SAT's integer range and, as the
solver lab measured, make the search stall. So each goal is optimised in turn; its value found
is then added as a constraint ("no worse than") before the next one, and the plan found so far
is passed on as a hint. Stage 1 is a pure Boolean count, which suits CP-SAT's core-based search.
The goals, their order, direction and expressions are declared once in goals.GOALS.

With a `current` plan, fewer changes (goal 4) break ties in the stages of goals 1–3, with a
weight W above the largest possible number of changes (so the order still holds provably; see
stages._objective). A stage that finds nothing in its time keeps the incumbent, so a plan is
never lost. The model can be built for a subset of participants (`free`) against the residual
capacities that the rest of a plan leaves, which is how the cluster sweep (sweep.py), the
placing of those without a running plan, and the lifts around participants below the minimum
(stages.lift) use it. Whatever the stages find is then settled (settle.py), so that a re-solve
finds nothing left to move.
Sections: Data, Variables, Constraints and Objective here (MatchModel); Solve in stages.py.
"""

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from matcher.solver.candidates import Candidates
from matcher.solver.plan import Plan, fit_cost_x, fit_cost_y

STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.MODEL_INVALID: "invalid",
    cp_model.UNKNOWN: "unknown",
}


@dataclass
class Options:
    """Search parameters, always explicit."""

    workers: int = 2
    seed: int = 0
    fast_presolve: bool = True

    @property
    def deterministic(self) -> bool:
        """One worker: budgets in deterministic time, so a fixed seed repeats its plan."""
        return self.workers == 1


class MatchModel:
    """The model of the free participants of a plan; the rest of the plan is fixed."""

    def __init__(self, c: Candidates, plan: Plan, free: list[int]) -> None:
        # Data
        self.c, self.free = c, free
        free_set = set(free)
        fixed_x = [e for e in plan.x if c.x_p[e] not in free_set]
        fixed_y = [e for e in plan.y if c.y_p[e] not in free_set]
        self.seats = defaultdict(int)
        for e in fixed_x:
            self.seats[c.x_s[e]] += 1
        self.vol_used = defaultdict(int)
        busy = set()
        for e in fixed_y:
            self.vol_used[c.y_v[e]] += 1
            busy.add((c.y_v[e], c.y_day[e]))
        # Variables: x[e] "participant attends session" per placement edge, y[e] "participant
        # meets volunteer in a day-part" per volunteer edge. Candidate generation (candidates.py)
        # has already enforced R1's free day-parts, R2's "only where a session is", R3 (reach),
        # R4 (Dutch level) and R6's "only wanted kinds, a day-part both are free": no edge breaks
        # them, so no constraint here repeats them.
        self.model = cp_model.CpModel()
        new = self.model.new_bool_var
        self.x = {
            e: new(f"x{e}")
            for p in free
            for e in c.p_x[p]
            if e not in c.forbidden_x and c.s_cap[c.x_s[e]] > self.seats[c.x_s[e]]
        }
        self.y = {
            e: new(f"y{e}")
            for p in free
            for e in c.p_y[p]
            if (c.y_v[e], c.y_day[e]) not in busy and c.v_cap[c.y_v[e]] > self.vol_used[c.y_v[e]]
        }
        # Constraints
        self._one_activity_per_daypart()
        self._session_capacity()
        self._load_cap()
        self._volunteer_limits()
        self._pins()
        # Objective terms
        self._goal_terms()

    def _one_activity_per_daypart(self) -> None:
        """R1: a participant does at most one activity per day-part (that the day-part is in
        their `available` is enforced by candidate generation)."""
        c, groups = self.c, defaultdict(list)
        for e, var in self.x.items():
            groups[(c.x_p[e], c.s_day[c.x_s[e]])].append(var)
        for e, var in self.y.items():
            groups[(c.y_p[e], c.y_day[e])].append(var)
        for group in groups.values():
            if len(group) > 1:
                self.model.add_at_most_one(group)

    def _session_capacity(self) -> None:
        """R2: a placement session holds at most `capacity` participants (minus those the fixed
        part of the plan seats there)."""
        c, groups = self.c, defaultdict(list)
        for e, var in self.x.items():
            groups[c.x_s[e]].append(var)
        for s, group in groups.items():
            room = c.s_cap[s] - self.seats[s]
            if len(group) > room:
                self.model.add(sum(group) <= room)

    def _load_cap(self) -> None:
        """R5: a participant's total hours (placement session hours plus volunteer
        `session_hours`) are at most `max_hours`."""
        c = self.c
        terms = defaultdict(list)
        for e, var in self.x.items():
            terms[c.x_p[e]].append((var, c.x_hours(e)))
        for e, var in self.y.items():
            terms[c.y_p[e]].append((var, c.v_hours[c.y_v[e]]))
        for p, pairs in terms.items():
            if _max_hours(c, p, self) > c.p_max[p]:
                self.model.add(
                    cp_model.LinearExpr.weighted_sum([v for v, _ in pairs], [h for _, h in pairs])
                    <= c.p_max[p]
                )

    def _volunteer_limits(self) -> None:
        """R6: at most one volunteer of each kind per participant; a volunteer meets at most one
        participant per day-part and at most `capacity` participants in total."""
        c = self.c
        per_kind, per_slot, per_vol = defaultdict(list), defaultdict(list), defaultdict(list)
        for e, var in self.y.items():
            v = c.y_v[e]
            per_kind[(c.y_p[e], c.v_kind[v])].append(var)
            per_slot[(v, c.y_day[e])].append(var)
            per_vol[v].append(var)
        for group in [*per_kind.values(), *per_slot.values()]:
            if len(group) > 1:
                self.model.add_at_most_one(group)
        for v, group in per_vol.items():
            room = c.v_cap[v] - self.vol_used[v]
            if len(group) > room:
                self.model.add(sum(group) <= room)

    def _pins(self) -> None:
        """R7: every `pinned` assignment appears unchanged in the result (the other sessions of
        a pinned placement are excluded by candidate generation, `forbidden_x`)."""
        for e in self.c.pinned_x & self.x.keys():
            self.model.add(self.x[e] == 1)
        for e in self.c.pinned_y & self.y.keys():
            self.model.add(self.y[e] == 1)

    def _goal_terms(self) -> None:
        """The variables and terms the goals' expressions (goals.GOALS) are built from: who
        reaches the minimum (goal 1), the shortfall per participant (goal 2), changes (goal 4)
        and fit cost (goal 5)."""
        c, model = self.c, self.model
        hours = defaultdict(list)
        for e, var in self.x.items():
            hours[c.x_p[e]].append((var, c.x_hours(e)))
        self.m, self.short, constant = {}, {}, 0
        for p in self.free:
            pairs = hours.get(p, [])
            worked = cp_model.LinearExpr.weighted_sum([v for v, _ in pairs], [h for _, h in pairs])
            if c.p_min[p] <= 0:
                constant += 1
            elif _max_hours(c, p, self, placements_only=True) >= c.p_min[p]:
                self.m[p] = model.new_bool_var(f"at_minimum{p}")
                model.add(worked >= c.p_min[p]).only_enforce_if(self.m[p])
                self._session_count_cut(p, pairs)
            if c.p_req[p] > 0:
                self.short[p] = model.new_int_var(0, c.p_req[p], f"shortfall{p}")
                model.add(self.short[p] + worked >= c.p_req[p])
        self.at_min = sum(self.m.values()) + constant
        self.changes = self._changes_term()
        self.cost = cp_model.LinearExpr.weighted_sum(
            [*self.x.values(), *self.y.values()],
            [*(fit_cost_x(c, e) for e in self.x), *(fit_cost_y(c, e) for e in self.y)],
        )

    def _session_count_cut(self, p: int, pairs) -> None:
        """Reaching the minimum takes at least k sessions, k from the longest sessions on
        distinct day-parts (a valid cut that the linear relaxation misses)."""
        c, best = self.c, {}
        for e in c.p_x[p]:
            if e in self.x:
                d = c.s_day[c.x_s[e]]
                best[d] = max(best.get(d, 0), c.x_hours(e))
        total, k = 0, 0
        for hours in sorted(best.values(), reverse=True):
            total, k = total + hours, k + 1
            if total >= c.p_min[p]:
                break
        if k > 1:
            self.model.add(sum(v for v, _ in pairs) >= k * self.m[p])

    def _changes_term(self):
        c = self.c
        units = sum(c.current_units[p] for p in self.free)
        terms, coeffs = [], []
        for table, current, owner in ((self.x, c.current_x, c.x_p), (self.y, c.current_y, c.y_p)):
            for e, var in table.items():
                if e in current:
                    terms.append(var)
                    coeffs.append(-1)
                elif c.current_units[owner[e]]:
                    terms.append(var)
                    coeffs.append(1)
        return units + cp_model.LinearExpr.weighted_sum(terms, coeffs)

    def hint(self, plan: Plan) -> None:
        """Pass a plan as the solution hint."""
        self.model.clear_hints()
        for e, var in self.x.items():
            self.model.add_hint(var, e in plan.x)
        for e, var in self.y.items():
            self.model.add_hint(var, e in plan.y)
        hours = defaultdict(int)
        for e in plan.x:
            hours[self.c.x_p[e]] += self.c.x_hours(e)
        for p, var in self.m.items():
            self.model.add_hint(var, hours[p] >= self.c.p_min[p])
        for p, var in self.short.items():
            self.model.add_hint(var, max(0, self.c.p_req[p] - hours[p]))

    def read(self, solver: cp_model.CpSolver, base: Plan) -> Plan:
        """The plan: `base` outside the free participants, the solver's values inside."""
        free = set(self.free)
        plan = Plan(
            {e for e in base.x if self.c.x_p[e] not in free},
            {e for e in base.y if self.c.y_p[e] not in free},
        )
        plan.x.update(e for e, var in self.x.items() if solver.boolean_value(var))
        plan.y.update(e for e, var in self.y.items() if solver.boolean_value(var))
        return plan


def _max_hours(c: Candidates, p: int, mm: MatchModel, placements_only: bool = False) -> int:
    """Largest hours per day-part among p's variables, summed (an upper bound of p's load)."""
    best: dict[int, int] = {}
    for e in c.p_x[p]:
        if e in mm.x:
            d = c.s_day[c.x_s[e]]
            best[d] = max(best.get(d, 0), c.x_hours(e))
    if not placements_only:
        for e in c.p_y[p]:
            if e in mm.y:
                best[c.y_day[e]] = max(best.get(c.y_day[e], 0), c.v_hours[c.y_v[e]])
    return sum(best.values())
