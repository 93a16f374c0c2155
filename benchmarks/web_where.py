"""Who-is-where benchmark (issue 13): rosters, the participant page and the volunteer page at
5,000 participants.

    .venv/bin/python benchmarks/web_where.py [--participants 5000] [--runs 20]

Builds a throw-away SQLite database (or MATCHER_BENCH_DATABASE_URL) with the L-sized region of
benchmarks/README.md: 5,000 participants, 2,500 placements at 250 organisations (three sessions
each), 2,000 volunteers; every participant has one or two running placement matches, every
third a taalmaatje or buddy, and a few ended matches for the history. Logs a coordinator in
through the real form and times GET of the busiest placement's roster, the page of the
organisation with the most placements, a participant page (plan and history) and a
volunteer page. Prints, per page, the median and 95th percentile wall time, the median CPU time
and the number of SQL statements (the same with 500 participants shows it does not grow).
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
from sqlalchemy import event, func, insert, select

from matcher.dayparts import DAYPARTS, default_times, to_mask
from matcher.extensions import db
from matcher.models import (
    Match,
    Municipality,
    Organisation,
    Participant,
    Placement,
    PlacementSession,
    Role,
    User,
    Volunteer,
)
from matcher.services import accounts
from matcher.weeks import today, week_start

WEEKDAY_PARTS = [d for d in DAYPARTS if not d.endswith("-ev") and not d.startswith("s")]


def fill(participants: int, rng: random.Random) -> str:
    """The region; returns the coordinator's e-mail."""
    coordinator = User(email="coord@bench.example", name="Bench Coördinator", role=Role.COORDINATOR)
    accounts.set_password(coordinator, PASSWORD)
    coaches = [
        User(email=f"coach{i}@bench.example", name=f"Coach {i}", role=Role.COACH) for i in range(30)
    ]
    town = Municipality(name="Benchdorp", main_place="Benchdorp", lat=52.35, lon=6.66)
    db.session.add_all([coordinator, town, *coaches])
    db.session.flush()
    place = {"postcode": "7601 AB", "lat": 52.35, "lon": 6.66}
    n_places = participants // 2
    n_orgs = max(1, n_places // 10)
    db.session.execute(
        insert(Organisation),
        [{"name": f"Organisatie {i}", "municipality_id": town.id} for i in range(n_orgs)],
    )
    org_ids = list(db.session.scalars(select(Organisation.id)))
    # A skewed spread: the first organisation holds 40 placements, the rest about ten.
    owners = [org_ids[0]] * 40 + [rng.choice(org_ids) for _ in range(n_places - 40)]
    db.session.execute(
        insert(Placement),
        [
            {
                "organisation_id": o,
                "title": f"Plek {i}",
                "category": "groen",
                "address": f"Dorpsstraat {i}, Benchdorp",
                **place,
            }
            for i, o in enumerate(owners)
        ],
    )
    placement_ids = list(db.session.scalars(select(Placement.id)))
    sessions, offered = [], {}
    for pid in placement_ids:
        parts = rng.sample(WEEKDAY_PARTS, 3)
        offered[pid] = parts
        sessions += [
            dict(zip(("starts_at", "ends_at"), default_times(d, 3), strict=True))
            | {"placement_id": pid, "daypart": d, "hours": 3, "capacity": 8}
            for d in parts
        ]
    db.session.execute(insert(PlacementSession), sessions)
    volunteers = participants * 2 // 5
    db.session.execute(
        insert(Volunteer),
        [
            {
                "kind": "taalmaatje" if i % 2 else "buddy",
                "first_name": f"Vrijwilliger{i}",
                "last_name": "Bench",
                "availability": to_mask(["mon-ev", "wed-ev"]),
                "municipality_id": town.id,
                **place,
            }
            for i in range(volunteers)
        ],
    )
    volunteer_ids = list(db.session.scalars(select(Volunteer.id)))
    pip = today() - timedelta(days=300)
    db.session.execute(
        insert(Participant),
        [
            {
                "first_name": f"Deelnemer{i}",
                "last_name": f"Bench{i:05d}",
                "coach_id": coaches[i % 30].id,
                "municipality_id": town.id,
                "status": "active",
                "pip_date": pip,
                "availability": to_mask(WEEKDAY_PARTS),
                **place,
            }
            for i in range(participants)
        ],
    )
    people = list(db.session.scalars(select(Participant.id)))
    monday = week_start(today())
    busiest = placement_ids[0]
    matches = []
    for n, person in enumerate(people):
        chosen = [busiest] if n < 60 else []
        chosen += rng.sample(placement_ids, 2 if n % 2 else 1)
        for pid in chosen:
            matches.append(
                _match(
                    person,
                    "placement",
                    pid,
                    None,
                    rng.choice(offered[pid]),
                    monday - timedelta(weeks=rng.randint(0, 30)),
                )
            )
        if n % 3 == 0:
            kind = "taalmaatje" if n % 2 else "buddy"
            vid = volunteer_ids[(n // 3) % len(volunteer_ids)]
            matches.append(_match(person, kind, None, vid, "mon-ev", monday - timedelta(weeks=4)))
        if n % 5 == 0:  # history: an ended match
            old = _match(
                person,
                "placement",
                rng.choice(placement_ids),
                None,
                "mon-am",
                monday - timedelta(weeks=40),
            )
            old.update(
                status="ended", ends_on=monday - timedelta(weeks=20), dayparts=to_mask(["mon-am"])
            )
            matches.append(old)
    db.session.execute(insert(Match), matches)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    print(
        f"{participants} participants, {len(placement_ids)} placements, {len(matches)} matches",
        file=sys.stderr,
    )
    return coordinator.email


def _match(person, kind, placement_id, volunteer_id, daypart, starts_on) -> dict:
    return {
        "participant_id": person,
        "kind": kind,
        "placement_id": placement_id,
        "volunteer_id": volunteer_id,
        "dayparts": to_mask([daypart]),
        "status": "active",
        "source": "manual",
        "reasons": [],
        "starts_on": starts_on,
    }


def _targets(engine_app) -> dict[str, str]:
    busiest_placement = db.session.scalar(
        select(Match.placement_id)
        .where(Match.placement_id.is_not(None))
        .group_by(Match.placement_id)
        .order_by(func.count().desc())
    )
    biggest_org = db.session.scalar(
        select(Placement.organisation_id)
        .group_by(Placement.organisation_id)
        .order_by(func.count().desc())
    )
    person = db.session.scalar(
        select(Match.participant_id).group_by(Match.participant_id).order_by(func.count().desc())
    )
    volunteer = db.session.scalar(
        select(Match.volunteer_id)
        .where(Match.volunteer_id.is_not(None))
        .group_by(Match.volunteer_id)
        .order_by(func.count().desc())
    )
    return {
        "placement roster": f"/plekken/{busiest_placement}/rooster",
        "organisation page": f"/organisaties/{biggest_org}/rooster",
        "participant page": f"/deelnemers/{person}",
        "volunteer page": f"/vrijwilligers/{volunteer}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    client, engine = logged_in_client(fill, args.participants)
    with client.application.app_context():
        urls = _targets(client.application)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    for name, url in urls.items():
        timings, cpu = [], []
        for _ in range(args.runs + 2):
            statements.clear()
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings, cpu = sorted(timings[2:]), sorted(cpu[2:])  # two warm-up requests
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        rows = response.get_data(as_text=True).count("<tr>")
        print(
            f"{name} ({url}) with {args.participants} participants: "
            f"median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms "
            f"(CPU median {statistics.median(cpu):.0f} ms), "
            f"{len(statements)} SQL statements, {rows} table rows"
        )


if __name__ == "__main__":
    main()
