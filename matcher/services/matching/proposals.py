"""From a solver result back to the database: proposals (keep, add, end) with reason codes.

A plan that keeps a running pairing on other day-parts is one added proposal that `replaces`
the running match (shown as one "gewijzigd" row), not an end plus a new match."""

from collections import Counter
from dataclasses import asdict

from matcher.dayparts import from_mask, to_mask
from matcher.extensions import db
from matcher.models import (
    Match,
    MatchingRun,
    MatchKind,
    MatchProposal,
    MatchSource,
    MatchStatus,
    ParticipantOutcomeRow,
    ProposalAction,
)
from matcher.services.matching.instance import Built
from matcher.services.matching.rules import match_problem
from matcher.solver import model as sm


def _key(participant_id: int, kind: str, target_id: int, mask: int) -> tuple:
    return (participant_id, str(kind), target_id, mask)


def store_result(run: MatchingRun, built: Built, result: sm.Result) -> None:
    """Add the run's proposals and outcomes to the session, and its figures to the run."""
    running = {
        _key(m.participant_id, m.kind, m.placement_id or m.volunteer_id, m.dayparts): m
        for m in built.current
    }
    by_pair = {key[:3]: m for key, m in running.items()}
    left = _places_left(built.instance, result)
    kept: set[int] = set()
    changed: set[int] = set()
    for a in result.assignments:
        pid = built.participant_of[a.participant]
        target = built.target_of[a.id]
        reasons = [_reason(r) for r in a.fit]
        if a.kind == "placement":
            reasons.append(left[a.id, a.dayparts])
        existing = running.get(_key(pid, a.kind, target, to_mask(a.dayparts)))
        if existing is not None:
            kept.add(existing.id)
            _propose(run, pid, existing, ProposalAction.KEEP, reasons)
            continue
        replaced = _shortened_or_extended(by_pair.get((pid, str(a.kind), target)), a, kept)
        if replaced is not None:
            kept.add(replaced.id)
            reasons = [r for r in reasons if r["code"] != "kept_from_current"]
            reasons.insert(0, _changed(from_mask(replaced.dayparts), list(a.dayparts)))
            problem = match_problem(replaced, built.week)
            if problem is not None:
                reasons.insert(1, problem)
        match = _new_match(run, built, pid, a, reasons)
        _propose(run, pid, match, ProposalAction.ADD, reasons, replaced)
        changed.add(pid)
    for m in built.current:
        if m.id not in kept:
            _propose(run, m.participant_id, m, ProposalAction.END, [_end_reason(m, built)])
            changed.add(m.participant_id)
    for m, code in built.dropped:
        _propose(run, m.participant_id, m, ProposalAction.END, [{"code": code, "data": {}}])
        changed.add(m.participant_id)
    _outcomes(run, built, result, changed)
    run.figures = _figures(built, result, changed)
    db.session.flush()


def _reason(reason: sm.Reason) -> dict:
    return {"code": reason.code, "data": dict(reason.data)}


def _shortened_or_extended(running: Match | None, a: sm.Assignment, kept: set[int]):
    """The running match of the same pairing that the assignment keeps on other day-parts
    (sharing at least one), or None: a wholly different day-part is a stop and a new match."""
    if running is None or running.id in kept:
        return None
    return running if set(from_mask(running.dayparts)) & set(a.dayparts) else None


def _changed(before: list[str], after: list[str]) -> dict:
    return {"code": "dayparts_changed", "data": {"before": before, "after": after}}


def _propose(run, pid: int, match: Match, action, reasons: list, replaces=None) -> None:
    db.session.add(
        MatchProposal(
            run_id=run.id,
            participant_id=pid,
            match=match,
            action=action,
            reasons=reasons,
            replaces=replaces,
        )
    )


def _new_match(run, built: Built, pid: int, a: sm.Assignment, reasons: list) -> Match:
    """A Match row with status proposed for one solver assignment."""
    target = built.target_of[a.id]
    is_placement = a.kind == "placement"
    match = Match(
        participant_id=pid,
        kind=MatchKind(a.kind),
        placement_id=target if is_placement else None,
        volunteer_id=None if is_placement else target,
        dayparts=to_mask(a.dayparts),
        status=MatchStatus.PROPOSED,
        source=MatchSource.SOLVER,
        run=run,
        reasons=reasons,
        starts_on=built.week,
    )
    db.session.add(match)
    return match


def _end_reason(match: Match, built: Built) -> dict:
    """Why a running match is not in the plan: the hard rule it breaks now, or a better plan."""
    target = match.placement_id or match.volunteer_id
    if (match.participant_id, match.kind.value, target) in built.rejected:
        return {"code": "rejected_pairing", "data": {}}
    if match in built.unpinned:
        problem = match_problem(match, built.week)
        return problem or {"code": "pin_impossible", "data": {}}
    return match_problem(match, built.week) or {"code": "replaced_for_better_plan", "data": {}}


def _places_left(instance: sm.Instance, result: sm.Result) -> dict:
    """Per (placement, day-parts) of the plan: the tightest session's free seats afterwards."""
    used: Counter = Counter()
    for a in result.assignments:
        if a.kind == "placement":
            used.update((a.id, d) for d in a.dayparts)
    sessions = {(p.id, s.daypart): s.capacity for p in instance.placements for s in p.sessions}
    out = {}
    for a in result.assignments:
        if a.kind == "placement":
            free = [(sessions[a.id, d] - used[a.id, d], sessions[a.id, d]) for d in a.dayparts]
            left, capacity = min(free)
            out[a.id, a.dayparts] = {
                "code": "places_left",
                "data": {"left": left, "capacity": capacity},
            }
    return out


def _outcomes(run, built: Built, result: sm.Result, changed: set[int]) -> None:
    for o in result.participants:
        pid = built.participant_of[o.id]
        db.session.add(
            ParticipantOutcomeRow(
                run_id=run.id,
                participant_id=pid,
                participation_hours=o.participation_hours,
                support_hours=o.support_hours,
                required_hours=o.required_hours,
                meets_minimum=o.meets_minimum,
                changed=pid in changed,
                reasons=[_reason(r) for r in o.reasons],
            )
        )


def _figures(built: Built, result: sm.Result, changed: set[int]) -> dict:
    """What the history page shows for a run."""
    stats = result.stats
    return {
        "participants": len(result.participants),
        "at_minimum": stats.participants_at_minimum,
        "unmatched": sum(1 for o in result.participants if o.participation_hours == 0),
        "volunteers_wanted": stats.volunteers_wanted,
        "volunteers_given": stats.volunteers_given,
        "solver_status": result.status,
        "gap": stats.gap,
        "upper_bound": stats.upper_bound,
        "seconds": stats.seconds,
        "changed": len(changed),
        "pins_released": len(built.unpinned),
        "stats": {k: v for k, v in asdict(stats).items() if k != "stages"},
    }
