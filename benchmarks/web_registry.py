"""Registry list benchmark: the coordinator's participant list with 5,000 participants.

    .venv/bin/python benchmarks/web_registry.py [--participants 5000] [--runs 20]

Builds a throw-away SQLite database (or MATCHER_BENCH_DATABASE_URL), fills it with the given
number of participants spread over 10 municipalities and 40 coaches, plus 500 placements and
500 volunteers, logs a coordinator in through the real form and times the list pages (first
page, a page deep in the list, a name search, a status filter). Prints the median and 95th
percentile wall time per page and the number of SQL statements each page runs.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_app import PASSWORD, logged_in_client
from sqlalchemy import event, insert, select

from matcher.dayparts import ALL_MASK
from matcher.extensions import db
from matcher.models import (
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

STATUSES = ("intake", "active", "active", "active", "paused", "finished")


def fill(participants: int, rng: random.Random) -> str:
    """Create a coordinator, coaches, municipalities and the records; return the e-mail."""
    coordinator = User(email="coordinator@bench.example", name="Bench", role=Role.COORDINATOR)
    accounts.set_password(coordinator, PASSWORD)
    db.session.add(coordinator)
    towns = [
        Municipality(name=f"Gemeente {i}", main_place=f"Plaats {i}", lat=52.3, lon=6.6)
        for i in range(10)
    ]
    db.session.add_all(towns)
    db.session.execute(
        insert(User),
        [{"email": f"coach{i}@bench.example", "name": f"Coach {i}", "role": "coach",
          "active": True, "failed_logins": 0, "created_at": date.today()} for i in range(40)],
    )  # fmt: skip
    db.session.flush()
    town_ids = [t.id for t in towns]
    coach_ids = list(db.session.scalars(select(User.id).where(User.role == Role.COACH)))
    db.session.execute(insert(Participant), [_participant(i, rng, town_ids, coach_ids)
                                             for i in range(participants)])  # fmt: skip
    _placements_and_volunteers(rng, town_ids)
    db.session.commit()
    return coordinator.email


def _participant(i: int, rng: random.Random, towns: list[int], coaches: list[int]) -> dict:
    return {
        "external_ref": f"B-{i:05d}", "first_name": f"Voornaam{i}", "last_name": f"Bench{i:05d}",
        "coach_id": rng.choice(coaches), "municipality_id": rng.choice(towns),
        "route": "z_route", "status": rng.choice(STATUSES), "pip_date": date(2025, 1, 6),
        "availability": rng.randint(0, ALL_MASK), "max_hours_week": 16,
        "functional_limits": "", "notes": "", "interests": ["groen"], "dutch_level": "A1",
        "languages": ["ar"], "postcode": "7601 AB", "lat": 52.35, "lon": 6.66, "travel_km": 5,
        "wants_taalmaatje": False, "wants_buddy": False, "participation_target": 800,
        "hours_before": 0, "created_at": date.today(),
    }  # fmt: skip


def _placements_and_volunteers(rng: random.Random, towns: list[int]) -> None:
    for i in range(50):
        org = Organisation(name=f"Organisatie {i}", municipality_id=rng.choice(towns))
        for j in range(10):
            placement = Placement(
                title=f"Plek {i}-{j}", category="groen", postcode="7601 AB", lat=52.3, lon=6.6
            )
            placement.sessions = [
                PlacementSession(daypart="mon-am", hours=3, capacity=2),
                PlacementSession(daypart="thu-pm", hours=2.5, capacity=4),
            ]
            org.placements.append(placement)
        db.session.add(org)
    for i in range(500):
        db.session.add(
            Volunteer(
                kind="taalmaatje", first_name=f"Vrijwilliger{i}", last_name=f"Bench{i:03d}",
                availability=rng.randint(0, ALL_MASK), postcode="7601 AB", lat=52.3, lon=6.6,
                municipality_id=rng.choice(towns),
            )
        )  # fmt: skip


def time_page(client, engine, url: str, runs: int) -> tuple[float, float, int]:
    """Median and p95 milliseconds and SQL statements of one page."""
    statements: list[str] = []

    def count(*args):
        statements.append(args[2])

    timings = []
    for _ in range(runs + 2):
        event.listen(engine, "before_cursor_execute", count)
        statements.clear()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        event.remove(engine, "before_cursor_execute", count)
        assert response.status_code == 200, (url, response.status_code)
    timings = sorted(timings[2:])  # two warm-up requests
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return statistics.median(timings), p95, len(statements)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    client, engine = logged_in_client(fill, args.participants)
    pages = [
        "/deelnemers/",
        "/deelnemers/?page=50",
        "/deelnemers/?q=bench04",
        "/deelnemers/?status=active",
        "/plekken/",
        "/vrijwilligers/",
        "/organisaties/",
    ]
    print(f"{args.participants} participants, 500 placements, 500 volunteers (SQLite)")
    for page in pages:
        median, p95, statements = time_page(client, engine, page, args.runs)
        print(f"GET {page}: median {median:.0f} ms, p95 {p95:.0f} ms, {statements} SQL statements")


if __name__ == "__main__":
    main()
