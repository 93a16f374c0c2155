"""What "Hoe matcher koppelt" and the Algoritmeregister export say, read from the running code
and configuration: the goals in their order (solver.goals.GOALS), the hard rules R1–R8 with
their numbers (solver.rules), the solver's settings, which profile fields reach the solver
(services/matching/instance.py builds the instance from exactly USED_FIELDS; a test checks it)
and which never do, and the figures of the last runs. Words are web/about/texts.py's."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import current_app

from matcher.extensions import db
from matcher.models import MatchingRun, Participant
from matcher.solver import dayparts, goals, rules

RULES = ("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8")
# Participant columns the instance is built from -> the instance field they become.
USED_FIELDS = {
    "availability": "available",
    "lat": "lat/lon",
    "lon": "lat/lon",
    "travel_km": "max_km",
    "max_hours_week": "max_hours",
    "dutch_level": "language_level",
    "interests": "interests",
    "wants_taalmaatje": "wants",
    "wants_buddy": "wants",
    "participation_target": "target_hours",
    "hours_before": "hours_done",
    "pip_date": "weeks_left",
    "trajectory_end": "weeks_left",
    "status": "selection",
    "municipality_id": "selection",
}
# Participant columns that never reach the solver (names become pseudonyms like "p7").
NEVER_USED_FIELDS = (
    "first_name",
    "last_name",
    "external_ref",
    "coach_id",
    "functional_limits",
    "notes",
    "languages",
    "card_language",
    "postcode",
    "buddy_gender_preference",
    "duty_ended_on",
    "route",
)
# Bookkeeping: the record's number (mapped to a pseudonym) and its change history.
BOOKKEEPING_FIELDS = ("id", "created_at", "search_text", "version", "updated_at", "updated_by_id")
# Kept out of matcher altogether: it has no field for them.
NEVER_STORED = ("nationality", "religion", "country_of_birth", "health_details")
LIMITS = ("straight_line", "one_week", "declared_data", "hours_not_quality", "time_limit")
RECENT_RUNS = 5


@dataclass(frozen=True)
class RunFigures:
    week_start: date
    status: str
    participants: int
    at_minimum: int
    unmatched: int
    volunteers_wanted: int
    volunteers_given: int
    changed: int
    seconds: float


@dataclass(frozen=True)
class Explanation:
    goals: tuple[tuple[int, str], ...]  # (number in the docs, name) in the solver's order
    rules: tuple[str, ...]
    numbers: dict  # the values the rule texts name
    solver: dict  # SOLVER_* settings
    used_fields: dict[str, str]
    never_used: tuple[str, ...]
    never_stored: tuple[str, ...]
    limits: tuple[str, ...]
    runs: tuple[RunFigures, ...]


def _runs() -> tuple[RunFigures, ...]:
    recent = db.session.scalars(
        sa.select(MatchingRun)
        .where(MatchingRun.finished_at.is_not(None))
        .order_by(MatchingRun.finished_at.desc(), MatchingRun.id.desc())
        .limit(RECENT_RUNS)
    )
    out = []
    for run in recent:
        f = run.figures or {}
        out.append(
            RunFigures(
                run.week_start,
                str(run.status),
                int(f.get("participants", 0)),
                int(f.get("at_minimum", 0)),
                int(f.get("unmatched", 0)),
                int(f.get("volunteers_wanted", 0)),
                int(f.get("volunteers_given", 0)),
                int(f.get("changed", 0)),
                float(f.get("seconds", 0.0)),
            )
        )
    return tuple(out)


def explanation() -> Explanation:
    """Everything the page and the export say, from the code and settings as they run now."""
    config = current_app.config
    return Explanation(
        goals=tuple((goal.number, goal.name) for goal in goals.GOALS),
        rules=RULES,
        numbers={
            "weekly_minimum": rules.WEEKLY_MINIMUM,
            "earth_radius_km": rules.EARTH_RADIUS_KM,
            "levels": " < ".join(sorted(dayparts.LEVEL_RANK, key=dayparts.LEVEL_RANK.get)),
        },
        solver={
            "time_limit": config["SOLVER_TIME_LIMIT"],
            "workers": config["SOLVER_WORKERS"],
            "seed": config["SOLVER_SEED"],
        },
        used_fields=dict(USED_FIELDS),
        never_used=NEVER_USED_FIELDS,
        never_stored=NEVER_STORED,
        limits=LIMITS,
        runs=_runs(),
    )


def participant_columns() -> set[str]:
    return {column.key for column in Participant.__table__.columns}
