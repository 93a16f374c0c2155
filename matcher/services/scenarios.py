"""What-if scenarios (issue 15): draft changes to a week's data, solved in the background next
to the baseline, and compared (participants at the minimum, shortfall hours, who gains, who
loses). A scenario only ever changes the solver instance in memory: no match, placement or
participant is written, no mail is sent.

A change is a dict with `kind`:
- `suggestion`: a matcher-advice/1 suggestion (`suggestion`), its placement as a database id
  (`placement_db_id`) when it adds to an existing placement;
- `capacity`: `placement_id`, `daypart`, `delta` (seats added, or removed when negative);
- `pause_organisation`: `organisation_id` (its placements take no one);
- `availability`: `participant_id`, `dayparts` (their free day-parts in the scenario);
- `new_placement` / `new_volunteer` (drafted by hand, services/scenario_changes.py): like
  `suggestion`, a matcher-advice/1 suggestion of that kind, applied the same way.
"""

import logging
from dataclasses import replace
from datetime import date

from flask import current_app
from sqlalchemy import select, update

from matcher.extensions import db
from matcher.models import AdviceRun, Placement, Scenario, User
from matcher.models.people import utcnow
from matcher.services import audit, claims
from matcher.services.errors import DomainError, NotFound
from matcher.services.matching.instance import build_instance
from matcher.solver.advice_model import apply, new_id, suggestion_from_json
from matcher.solver.solve import solve

log = logging.getLogger(__name__)
KINDS = (
    "suggestion",
    "capacity",
    "pause_organisation",
    "availability",
    "new_placement",
    "new_volunteer",
)
ADDITIONS = ("suggestion", "new_placement", "new_volunteer")  # applied as advice suggestions
BUSY = ("queued", "running")


class ScenarioBusy(DomainError):
    """The scenario is already queued or running."""

    code = "scenario.busy"


def create(user: User, name: str, week: date, changes: list[dict]) -> Scenario:
    """A new draft scenario (flushes; the caller commits)."""
    for change in changes:
        if change.get("kind") not in KINDS:
            raise ValueError(change.get("kind"))
    scenario = Scenario(
        name=name[:120], week_start=week, changes=changes, created_by_id=user.id, status="draft"
    )
    db.session.add(scenario)
    db.session.flush()
    audit.record(user, "create", "scenario", scenario.id, ["name", "changes"])
    return scenario


def from_suggestion(user: User, run: AdviceRun, rank: int, area: str = "") -> Scenario:
    """A draft scenario that adds one suggestion of an advice run (`area`: where, in words)."""
    found = [s for s in run.document.get("suggestions", []) if s["rank"] == rank]
    if not found:
        raise NotFound(rank)
    s = found[0]
    change = {"kind": "suggestion", "suggestion": s, "expected_gain": s["gain"]["meets_minimum"]}
    if area:
        change["area"] = area[:120]
    if s.get("placement"):
        change["placement_db_id"] = run.places.get(s["placement"])
    return create(user, f"Wervingsadvies {rank}", run.week_start, [change])


def get(scenario_id: int) -> Scenario:
    scenario = db.session.get(Scenario, scenario_id)
    if scenario is None:
        raise NotFound(scenario_id)
    return scenario


def listed() -> list[Scenario]:
    return list(db.session.scalars(select(Scenario).order_by(Scenario.id.desc()).limit(100)))


def delete(user: User, scenario_id: int) -> None:
    """Delete a scenario that is not running (flushes)."""
    gone = db.session.execute(
        Scenario.__table__.delete().where(Scenario.id == scenario_id, Scenario.status.notin_(BUSY))
    ).rowcount
    if gone != 1:
        raise ScenarioBusy(scenario_id)
    audit.record(user, "delete", "scenario", scenario_id, [])


def queue(scenario_id: int) -> None:
    """Mark the scenario queued unless it is busy (conditional update; the caller commits)."""
    taken = db.session.execute(
        update(Scenario)
        .where(Scenario.id == scenario_id, Scenario.status.notin_(BUSY))
        .values(status="queued", error="", outcome={})
        .execution_options(synchronize_session="fetch")
    ).rowcount
    if taken != 1:
        raise ScenarioBusy(scenario_id)


def start_in_background(scenario_id: int):
    """Compute the run outside the request (an RQ job with MATCHER_REDIS_URL, else a thread)."""
    from matcher import jobs

    return jobs.in_background(execute, scenario_id)


def execute(scenario_id: int) -> None:
    """Solve the baseline and the scenario and store the comparison (commits)."""
    worker = claims.claim_queued(Scenario, scenario_id)
    if worker is None:
        return
    try:
        scenario = get(scenario_id)
        built = build_instance(scenario.week_start)
        changed = changed_instance(built, scenario.changes)
        config = current_app.config
        limits = {
            "time_limit": float(config["SOLVER_TIME_LIMIT"]),
            "workers": int(config["SOLVER_WORKERS"]),
            "seed": int(config["SOLVER_SEED"]),
        }
        before = solve(built.instance, **limits)
        after = solve(changed, **limits)
        outcome = compare(built, before, after)
        status = "done"
    except Exception as error:
        db.session.rollback()
        log.exception("scenario %s failed", scenario_id)
        outcome, status = {}, "failed"
        err = type(error).__name__[:40]
    else:
        err = ""
    db.session.execute(
        update(Scenario)
        .where(Scenario.id == scenario_id, Scenario.worker == worker)
        .values(status=status, outcome=outcome, error=err, finished_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def changed_instance(built, changes: list[dict]):
    """The built instance with the scenario's changes (in memory only)."""
    instance = built.instance
    solver_place = {db_id: sid for sid, db_id in built.target_of.items() if sid.startswith("s")}
    solver_person = {db_id: sid for sid, db_id in built.participant_of.items()}
    for rank, change in enumerate(changes, start=1):
        kind = change["kind"]
        if kind in ADDITIONS:
            raw = dict(change["suggestion"])
            if change.get("placement_db_id") is not None:
                raw["placement"] = solver_place.get(change["placement_db_id"])
                if raw["placement"] is None:
                    continue  # the placement is no longer usable this week
            instance = apply(instance, suggestion_from_json(raw), new_id(instance, rank))
        elif kind == "capacity":
            sid = solver_place.get(change["placement_id"])
            instance = replace(
                instance,
                placements=tuple(
                    replace(
                        p,
                        sessions=tuple(
                            replace(x, capacity=max(0, x.capacity + int(change["delta"])))
                            if x.daypart == change["daypart"]
                            else x
                            for x in p.sessions
                        ),
                    )
                    if p.id == sid
                    else p
                    for p in instance.placements
                ),
            )
        elif kind == "pause_organisation":
            ids = set(
                db.session.scalars(
                    select(Placement.id).where(
                        Placement.organisation_id == change["organisation_id"]
                    )
                )
            )
            paused = {solver_place[i] for i in ids if i in solver_place}
            instance = replace(
                instance,
                placements=tuple(
                    replace(p, sessions=tuple(replace(x, capacity=0) for x in p.sessions))
                    if p.id in paused
                    else p
                    for p in instance.placements
                ),
            )
        elif kind == "availability":
            pid = solver_person.get(change["participant_id"])
            instance = replace(
                instance,
                participants=tuple(
                    replace(p, available=frozenset(change["dayparts"])) if p.id == pid else p
                    for p in instance.participants
                ),
            )
    return instance


def compare(built, before, after) -> dict:
    """At minimum and shortfall before and after; who gains and who loses (database ids)."""
    was = {o.id for o in before.participants if o.meets_minimum}
    now = {o.id for o in after.participants if o.meets_minimum}
    person = built.participant_of
    return {
        "baseline": {
            "at_minimum": before.stats.participants_at_minimum,
            "shortfall_hours": round(before.stats.shortfall_hours, 2),
        },
        "scenario": {
            "at_minimum": after.stats.participants_at_minimum,
            "shortfall_hours": round(after.stats.shortfall_hours, 2),
        },
        "gains": sorted(person[i] for i in now - was if i in person),
        "loses": sorted(person[i] for i in was - now if i in person),
    }
