"""Caseload page benchmark: one coach, 150 participants, three years of weekly hours.

    .venv/bin/python benchmarks/web_caseload.py [--participants 150] [--runs 20]

Builds a throw-away SQLite database (or MATCHER_BENCH_DATABASE_URL), fills it with two
approved entries a week per participant since their PIP (about three years), some corrections,
reported hours and gesprekken, logs the coach in through the real form and times GET /coach/.
Prints the median and 95th percentile wall time, the median CPU time of the process (SQLite
runs in-process, so CPU time is the page's own work even when the machine is busy) and the
number of SQL statements per page.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_app import PASSWORD, logged_in_client
from sqlalchemy import event, insert

from matcher.extensions import db
from matcher.models import (
    HoursEntry,
    Municipality,
    Participant,
    ParticipantStatus,
    ProgressMeeting,
    Role,
    User,
)
from matcher.services import accounts
from matcher.weeks import today, week_start


def fill(participants: int, rng: random.Random) -> str:
    """Create the coach, the caseload and about three years of hours; return the coach's e-mail."""
    coach = User(email="coach@bench.example", name="Bench Coach", role=Role.COACH)
    accounts.set_password(coach, PASSWORD)
    town = Municipality(name="Benchdorp", main_place="Benchdorp", lat=52.35, lon=6.66)
    db.session.add_all([coach, town])
    db.session.flush()
    now = today()
    rows, meetings = [], []
    for i in range(participants):
        pip = now - timedelta(days=3 * 365 - rng.randint(0, 60))
        p = Participant(
            first_name=f"Deelnemer{i}",
            last_name=f"Bench{i:03d}",
            coach_id=coach.id,
            municipality_id=town.id,
            status=ParticipantStatus.ACTIVE,
            pip_date=pip,
            trajectory_end=pip + timedelta(days=3 * 365 + 120),
            postcode="7601 AB",
            lat=52.35,
            lon=6.66,
            hours_before=rng.choice([0, 0, 24, 60]),
        )
        db.session.add(p)
        db.session.flush()
        monday = week_start(pip) + timedelta(weeks=1)
        while monday < now - timedelta(days=7):
            for day in (0, 2):
                rows.append(_entry(p.id, monday + timedelta(days=day), rng, coach.id))
            monday += timedelta(weeks=1)
        meetings.append(
            {
                "participant_id": p.id,
                "held_on": now - timedelta(days=rng.randint(10, 200)),
                "summary": "",
                "coach_id": coach.id,
                "created_at": now,
            }
        )
    db.session.execute(insert(HoursEntry), rows)
    db.session.execute(insert(ProgressMeeting), meetings)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":  # as autovacuum would after a bulk load
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    print(f"{participants} participants, {len(rows)} hours entries", file=sys.stderr)
    return coach.email


def _entry(pid: int, on: date, rng: random.Random, coach_id: int) -> dict:
    submitted = on > today() - timedelta(days=21) and rng.random() < 0.3
    return {
        "participant_id": pid,
        "entry_date": on,
        "activity_kind": "placement",
        "hours": rng.choice([2.0, 3.0, 3.0, 4.0]),
        "counts_toward_target": True,
        "status": "submitted" if submitted else "approved",
        "decision_reason": "",
        "entered_by_id": coach_id,
        "created_at": on,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=150)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    client, engine = logged_in_client(fill, args.participants)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    timings, cpu = [], []
    for _ in range(args.runs + 2):
        statements.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get("/coach/")
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, response.status_code
    timings, cpu = sorted(timings[2:]), sorted(cpu[2:])  # two warm-up requests
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    print(
        f"GET /coach/ with {args.participants} participants: "
        f"median {statistics.median(timings):.0f} ms, "
        f"p95 {p95:.0f} ms (CPU median {statistics.median(cpu):.0f} ms), "
        f"{len(statements)} SQL statements per page, "
        f"{len(response.data) // 1024} KiB HTML"
    )


if __name__ == "__main__":
    main()
