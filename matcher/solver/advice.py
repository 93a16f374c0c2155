"""Recruitment advice (matcher-advice/1, docs/advice-format.md): the additions to supply that
bring the most participants to their weekly minimum, best first and cumulative.

    advise(instance, suggestions=K, time_limit=S, workers=W, seed=N) -> Advice

1. The baseline is a solve of the instance as it is (`time_limit` as in `matcher solve`),
   re-solved once warm-started from its own plan when that finds more.
2. Each round, the candidate grid (advice_grid.py) is built for the participants the plan
   leaves short, and every candidate is priced by the bundle LP (advice_price.py).
3. The best-priced candidates are confirmed exactly, one at a time, by re-solving warm-started
   from the plan (advice_confirm.py); the first whose exact gain no later price can beat is
   taken, trimmed to what the plan uses, and added. Gains shrink as capacity is added, so the
   next round prices again against the new plan.
4. At the end the instance with every suggestion added is solved as `matcher solve` would;
   when that falls short of the claim, the claims are capped at what it reached (verified).
"""

import time
from dataclasses import dataclass, replace

from matcher.solver.advice_confirm import Trial, confirm, figures, gains, lifted, warm
from matcher.solver.advice_grid import candidate_grid
from matcher.solver.advice_local import neighbourhood
from matcher.solver.advice_model import Advice, Confirmed, Figures, Suggestion, apply, new_id
from matcher.solver.advice_price import Pricer
from matcher.solver.advice_state import PlanState
from matcher.solver.geo import remembered_distances
from matcher.solver.model import Instance, Result
from matcher.solver.solve import solve

# Candidates confirmed exactly per round. The LP price of a large group is about twice its
# exact gain, so "no later price can beat it" almost never ends a round early: the shortlist
# does. On M with 60 % of its places (benchmarks/README.md, 4 Dec) a third to sixth look beat
# the best of the first two by at most 2 participants, at 3 s a look of a 60 s budget.
SHORTLIST = 2  # once one has confirmed
MAX_LOOKS = 4  # … and at most, while none has
FIRST_LOOKS = 1  # … and at least
PRICED_PER_ROUND = 250  # the candidates made for the largest groups are priced by the LP


@dataclass
class Limits:
    """Time limits: a full solve (baseline, verification) and a warm-started confirmation."""

    solve: float
    confirm: float
    workers: int
    seed: int


def confirm_limit(time_limit: float) -> float:
    """A warm-started confirmation needs a fraction of a full solve."""
    return min(time_limit, max(1.0, time_limit / 10))


def advise(
    instance: Instance,
    *,
    suggestions: int = 5,
    time_limit: float = 30.0,
    workers: int = 2,
    seed: int = 0,
    progress=None,
) -> Advice:
    """The recruitment plan for `instance` (at most `suggestions` additions). Its many solves
    share one memo of distances (geo.remembered_distances): the same people and places each
    time, so each confirmation's limit goes to the search, not to rebuilding the reach."""
    with remembered_distances():
        return _advise(instance, suggestions, time_limit, workers, seed, progress)


def _advise(instance, suggestions, time_limit, workers, seed, progress) -> Advice:
    start = time.monotonic()
    say = progress or (lambda _message: None)
    limits = Limits(time_limit, confirm_limit(time_limit), workers, seed)
    baseline = settled(
        instance, solve(instance, time_limit=time_limit, workers=workers, seed=seed), limits
    )
    say(f"baseline: {baseline.stats.participants_at_minimum} at minimum")
    chosen, priced, confirmed = [], 0, 0
    now, plan = instance, baseline
    given = frozenset(p.id for p in instance.placements)
    for rank in range(1, suggestions + 1):
        state = PlanState(now, plan, extendable=given)
        ranked = ranked_candidates(state)
        priced += len(ranked)
        trial, looked = pick(state, ranked, new_id(now, rank), limits)
        confirmed += looked
        if trial is None:
            break
        chosen.append(trial)
        now, plan = trial.instance, trial.result
        say(f"suggestion {rank}: +{trial.gain.meets_minimum} at minimum")
    chosen = verified(instance, baseline, chosen, limits, say)
    stats = {
        "seconds": round(time.monotonic() - start, 3),
        "candidates_priced": priced,
        "confirmed": confirmed,
    }
    return Advice(figures(baseline), tuple(listed(baseline, chosen)), stats, plan=baseline)


def settled(instance: Instance, plan: Result, limits: Limits) -> Result:
    """The plan re-solved warm-started from itself, when that is better: so the confirmations
    measure what a candidate adds, not what a second look at the same instance finds."""
    again = solve(
        warm(instance, plan), time_limit=limits.confirm, workers=limits.workers, seed=limits.seed
    )
    return again if figures(again).key()[:2] > figures(plan).key()[:2] else plan


def ranked_candidates(state: PlanState) -> list[tuple[tuple, Suggestion]]:
    """Candidates with their price, best first: LP participants lifted, then volunteers
    wanted, then the smaller addition."""
    pricer = Pricer(state)
    rows = []
    grid = sorted(candidate_grid(state), key=lambda s: (-len(s.group), s.size))
    for s in grid[:PRICED_PER_ROUND]:
        lift = pricer.price(s)
        wanted = len(s.group) if s.kind == "new_volunteer" else 0
        if lift > 1e-6 or wanted:
            rows.append(((round(lift, 6), min(wanted, s.capacity), -s.size), s))
    rows.sort(key=lambda row: row[0], reverse=True)
    return rows


def pick(state: PlanState, ranked, ident: str, limits: Limits):
    """Confirm candidates in price order, each on its neighbourhood (advice_local.py); stop
    when the best exact gain is at least the next candidate's price. Returns the best trial
    (or None) and how many were confirmed."""
    now, plan = state.instance, state.result
    best: Trial | None = None
    looked = 0
    for price, s in ranked[:MAX_LOOKS]:
        if best is not None and (
            looked >= SHORTLIST or (looked >= FIRST_LOOKS and _key(best) >= price[:2])
        ):
            break
        looked += 1
        trial = confirm(
            now,
            plan,
            s,
            ident,
            limit=limits.confirm,
            workers=limits.workers,
            seed=limits.seed,
            inside=neighbourhood(state, s),
        )
        if trial is not None and (best is None or _better(trial, best)):
            best = trial
    return best, looked


def _key(trial: Trial) -> tuple:
    return (trial.gain.meets_minimum, trial.gain.wants_met)


def _better(a: Trial, b: Trial) -> bool:
    """More lifted (then volunteers given) first; among equals the smaller addition."""

    def order(t: Trial) -> tuple:
        return (*_key(t), -t.suggestion.size, t.gain.participation_hours)

    return order(a) > order(b)


def verified(instance: Instance, baseline: Result, chosen: list, limits: Limits, say) -> list:
    """The suggestions with claims a cold solve of them all reaches (A3). Each claim is a plan
    the advice found (a plan of the instance with the suggestions so far); the instance with all
    of them is solved cold, as `matcher solve` would. When that reaches less than claimed (a
    cold solve of a large instance does not always find what a warm-started one does), every
    cumulative claim is capped at what it reached (volunteers given from the first volunteer
    suggestion on), only those it brings to the minimum (or gives a volunteer) are named (when
    it brings none of a suggestion's people there, those of the advice's own plan are), and the
    list ends before the first suggestion left without a gain. One solve, whatever the
    number of suggestions."""
    if not chosen:
        return chosen
    check = _cold(instance, chosen, limits)
    got, claimed = figures(check), figures(chosen[-1].result)
    say(
        f"check: a solve with all {len(chosen)} added reaches {got.meets_minimum} at minimum"
        f" (claimed {claimed.meets_minimum})"
    )
    if _holds(check, chosen[-1].result, any(_adds_volunteer(t) for t in chosen)):
        return chosen
    say("the check fell short of the claims: they are capped at what it reached")
    who = set(lifted(baseline, check))
    kept: list[Trial] = []
    before, volunteer_claimed = figures(baseline), False
    for trial in chosen:
        total = figures(trial.result)
        # volunteers given are claimed (A3) from the first volunteer suggestion on
        volunteer_claimed = volunteer_claimed or _adds_volunteer(trial)
        capped = Figures(
            min(total.meets_minimum, got.meets_minimum),
            min(total.wants_met, got.wants_met) if volunteer_claimed else total.wants_met,
            min(total.participation_hours, got.participation_hours),
        )
        if not gains(trial.suggestion, capped.minus(before)):
            break
        # Named: those the cold plan lifts; when it lifts none of them (it found its gain
        # with other people), those the advice's own plan lifts with it, which shows them.
        named = tuple(i for i in trial.participants if i in who) or trial.participants
        kept.append(replace(trial, participants=named, claim=capped))
        before = capped
    return kept


def _adds_volunteer(trial: Trial) -> bool:
    return trial.suggestion.kind == "new_volunteer"


def _cold(instance: Instance, chosen: list, limits: Limits) -> Result:
    """A solve of the instance with the suggestions added, as `matcher solve` would."""
    full = instance
    for rank, trial in enumerate(chosen, start=1):
        full = apply(full, trial.suggestion, new_id(full, rank))
    return solve(full, time_limit=limits.solve, workers=limits.workers, seed=limits.seed)


def _holds(check: Result, claim: Result, volunteers: bool) -> bool:
    """The check reaches the claim: at the minimum, and volunteers given when a volunteer was
    suggested (A3; a lower goal than the hours, so otherwise a solve may trade them)."""
    got, want = figures(check), figures(claim)
    enough = not volunteers or got.wants_met >= want.wants_met
    return got.meets_minimum >= want.meets_minimum and enough


def listed(baseline: Result, chosen: list[Trial]) -> list[Confirmed]:
    """The confirmed suggestions with gains relative to the one before, and running totals."""
    rows, before = [], figures(baseline)
    for rank, trial in enumerate(chosen, start=1):
        total = trial.claim or figures(trial.result)
        gain = total.minus(before)
        rows.append(Confirmed(rank, trial.suggestion, gain, total, trial.participants))
        before = total
    return rows
