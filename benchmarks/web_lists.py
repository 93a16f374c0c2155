"""Lists to act on: the filtered participant list and the caseload at 5,000 participants.

    .venv/bin/python benchmarks/web_lists.py [--participants 5000] [--runs 15]

Builds a throw-away SQLite database (or MATCHER_BENCH_DATABASE_URL) with one coach who has
every participant (the worst case for the caseload) and a coordinator; 60 % are placed (3 or
6 h a week), a third want a taalmaatje and half of those have one, 5 % are paused, and each has
about 20 weeks of approved hours. Times each page through the real app (logged in through the
form) and prints, per URL, the median and 95th percentile wall time, the median CPU time of the
process (SQLite runs in-process: the page's own work even on a busy machine) and the number of SQL
statements (which must not grow with the number of participants: run with a smaller
--participants to compare).
"""

import argparse
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_app import PASSWORD, logged_in_client
from sqlalchemy import event, insert

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import (
    HoursEntry,
    Match,
    MatchKind,
    MatchStatus,
    Municipality,
    Organisation,
    Participant,
    ParticipantStatus,
    Placement,
    PlacementSession,
    Role,
    User,
    Volunteer,
    VolunteerKind,
)
from matcher.services import accounts
from matcher.weeks import today, week_start

URLS = [
    "/coordinator/",
    "/deelnemers/",
    "/deelnemers/?need=below_minimum",
    "/deelnemers/?need=not_placed",
    "/deelnemers/?need=behind_pace&sort=urgency",
    "/deelnemers/?need=no_volunteer&q=bench",
    "/deelnemers/?sort=urgency&page=3",
]
COACH_URLS = ["/coach/", "/coach/?need=behind_pace", "/coach/uren/goedkeuren"]


def fill(participants: int, rng: random.Random) -> str:
    """The coordinator, the coach with everyone, placements, volunteers, matches and hours."""
    coordinator = User(email="coordinator@bench.example", name="Bench Coord", role=Role.COORDINATOR)
    coach = User(email="coach@bench.example", name="Bench Coach", role=Role.COACH)
    for user in (coordinator, coach):
        accounts.set_password(user, PASSWORD)
    town = Municipality(name="Benchdorp", main_place="Benchdorp", lat=52.35, lon=6.66)
    organisation = Organisation(name="Bench org", municipality=town)
    db.session.add_all([coordinator, coach, town, organisation])
    db.session.flush()
    placements = []
    for i in range(200):
        placement = Placement(
            title=f"Plek {i}",
            category="groen",
            postcode="7601 AB",
            lat=52.35,
            lon=6.66,
            organisation=organisation,
        )
        for daypart in ("mon-am", "tue-am", "wed-pm"):
            placement.sessions.append(PlacementSession(daypart=daypart, hours=3, capacity=40))
        placements.append(placement)
    volunteers = [
        Volunteer(
            kind=VolunteerKind.TAALMAATJE,
            first_name=f"V{i}",
            last_name="Bench",
            availability=to_mask(["mon-ev"]),
            postcode="7601 AB",
            lat=52.35,
            lon=6.66,
            municipality=town,
            capacity=20,
        )
        for i in range(100)
    ]
    db.session.add_all(placements + volunteers)
    db.session.flush()
    now = today()
    people = []
    for i in range(participants):
        people.append(
            Participant(
                first_name=f"Deelnemer{i}",
                last_name=f"Bench{i:05d}",
                coach_id=coach.id,
                municipality_id=town.id,
                pip_date=now - timedelta(days=rng.randint(20, 900)),
                status=ParticipantStatus.PAUSED
                if rng.random() < 0.05
                else ParticipantStatus.ACTIVE,
                availability=to_mask(["mon-am", "tue-am", "wed-pm", "mon-ev"]),
                max_hours_week=rng.choice([4, 12, 16]),
                postcode="7601 AB",
                lat=52.35,
                lon=6.66,
                travel_km=10,
                wants_taalmaatje=rng.random() < 0.33,
                hours_before=rng.choice([0, 0, 24, 200]),
            )
        )
    db.session.add_all(people)
    db.session.flush()
    matches, rows = [], []
    for p in people:
        if rng.random() < 0.6:
            parts = rng.choice([("mon-am",), ("mon-am", "tue-am")])
            matches.append(
                Match(
                    participant_id=p.id,
                    kind=MatchKind.PLACEMENT,
                    placement_id=rng.choice(placements).id,
                    dayparts=to_mask(parts),
                    status=MatchStatus.ACTIVE,
                    starts_on=p.pip_date,
                )
            )
        if p.wants_taalmaatje and rng.random() < 0.5:
            matches.append(
                Match(
                    participant_id=p.id,
                    kind=MatchKind.TAALMAATJE,
                    volunteer_id=rng.choice(volunteers).id,
                    dayparts=to_mask(["mon-ev"]),
                    status=MatchStatus.ACTIVE,
                    starts_on=p.pip_date,
                )
            )
        for week in range(1, 21):
            day = week_start(now) - timedelta(weeks=week)
            if day >= p.pip_date:
                rows.append(
                    _entry(p.id, day, rng, coach.id, submitted=week == 1 and rng.random() < 0.02)
                )
    db.session.add_all(matches)
    db.session.execute(insert(HoursEntry), rows)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":  # as autovacuum would after a bulk load
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    print(
        f"{participants} participants, {len(matches)} matches, {len(rows)} hours entries",
        file=sys.stderr,
    )
    return coordinator.email


def _entry(pid, on, rng, coach_id, submitted) -> dict:
    return {
        "participant_id": pid,
        "entry_date": on,
        "activity_kind": "placement",
        "hours": rng.choice([0.0, 2.0, 3.0, 6.0]),
        "counts_toward_target": True,
        "status": "submitted" if submitted else "approved",
        "decision_reason": "",
        "entered_by_id": coach_id,
        "created_at": on,
    }


def measure(client, url: str, runs: int, statements: list) -> str:
    timings, cpu = [], []
    for _ in range(runs + 2):
        statements.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings, cpu = sorted(timings[2:]), sorted(cpu[2:])  # two warm-up requests
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return (
        f"{url:45s} median {statistics.median(timings):5.0f} ms, p95 {p95:5.0f} ms "
        f"(CPU median {statistics.median(cpu):4.0f} ms), {len(statements)} SQL statements"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    client, engine = logged_in_client(fill, args.participants)
    coach = client.application.test_client()
    coach.post("/inloggen", data={"email": "coach@bench.example", "password": PASSWORD})
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    print(f"{args.participants} participants ({engine.dialect.name}):")
    for url in URLS:
        print(measure(client, url, args.runs, statements))
    for url in COACH_URLS:
        print(measure(coach, url, args.runs, statements))


if __name__ == "__main__":
    main()
