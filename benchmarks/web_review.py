"""Review page benchmark: the demo region's matching run, rendered and decided.

    .venv/bin/python benchmarks/web_review.py [--repeat 20] [--time-limit 5]

Seeds a fresh SQLite demo database (or MATCHER_BENCH_DATABASE_URL), runs one matching run for
next week in this process, logs the demo coordinator in through the real form and times
GET of the review page, and one decision posted the way static/review.js posts it (fetch,
JSON answer with the re-rendered row and summary) and the way a browser without JavaScript
posts it (redirect, not followed). Prints medians, the 95th percentile, CPU time of the
process (SQLite runs in-process), SQL statements and the page size. Targets (issue 14): render
under 300 ms, decide under 200 ms.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, select

from matcher import create_app
from matcher.extensions import db
from matcher.models import MatchProposal, ProposalAction, Role, User
from matcher.services.demo import DEMO_PASSWORD, prepare_demo_database
from matcher.services.matching import runs
from matcher.weeks import today, week_start

FETCH = {"X-Requested-With": "fetch", "Accept": "application/json"}


def prepare(time_limit: float):
    url = os.environ.get("MATCHER_BENCH_DATABASE_URL") or (
        f"sqlite:///{tempfile.mkdtemp(prefix='matcher-bench-')}/demo.sqlite"
    )
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "SOLVER_TIME_LIMIT": time_limit,
        }
    )
    with app.app_context():
        prepare_demo_database()
        coordinator = db.session.scalar(select(User).where(User.role == Role.COORDINATOR))
        run = runs.start_run(coordinator, week_start(today()) + timedelta(weeks=1), None)
        db.session.commit()
        runs.execute(run.id)
        run_id, email = run.id, coordinator.email
        decisions = [
            (p.id, p.version)
            for p in db.session.scalars(
                select(MatchProposal)
                .where(MatchProposal.run_id == run_id, MatchProposal.action != ProposalAction.END)
                .order_by(MatchProposal.id)
            )
        ]
        engine = db.engine
    client = app.test_client()
    client.post("/inloggen", data={"email": email, "password": DEMO_PASSWORD})
    return client, engine, run_id, decisions


def timed(call, statements: list) -> tuple[float, float, object]:
    statements.clear()
    start, start_cpu = time.perf_counter(), time.process_time()
    response = call()
    return (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000, response


def report(name: str, wall: list[float], cpu: list[float], extra: str) -> None:
    wall, cpu = sorted(wall), sorted(cpu)
    p95 = wall[min(len(wall) - 1, int(len(wall) * 0.95))]
    print(
        f"{name}: median {statistics.median(wall):.0f} ms, p95 {p95:.0f} ms "
        f"(CPU median {statistics.median(cpu):.0f} ms){extra}"
    )


def profile(client, url: str) -> None:
    """--profile: where the time of one page goes (cProfile, top 25 by cumulative time)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(client.get, url)
    stats = pstats.Stats(profiler).sort_stats("tottime")
    stats.print_stats(25)
    stats.print_callers("raw_decode")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    client, engine, run_id, decisions = prepare(args.time_limit)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    page_url = f"/coordinator/koppelen/runs/{run_id}/review"
    if args.profile:
        client.get(page_url)
        profile(client, page_url)
    wall, cpu = [], []
    for n in range(args.repeat + 2):
        ms, cpu_ms, response = timed(lambda: client.get(page_url), statements)
        assert response.status_code == 200, response.status_code
        if n >= 2:  # two warm-up requests
            wall.append(ms)
            cpu.append(cpu_ms)
    html = response.get_data(as_text=True)
    people = html.count('class="review-person')
    report(
        f"GET review page ({people} participants, {len(decisions)} proposals)",
        wall,
        cpu,
        f", {len(statements)} SQL statements, {len(html) // 1024} KiB HTML",
    )
    for label, headers in (("decide (fetch, JSON row)", FETCH), ("decide (no JavaScript)", {})):
        wall, cpu = [], []
        for n in range(min(args.repeat + 2, len(decisions) // 2)):
            proposal_id, version = decisions.pop(0)
            choice = "accept" if n % 2 else "reject"
            url = f"/coordinator/koppelen/runs/{run_id}/proposals/{proposal_id}"
            data = {"choice": choice, "version": version}
            post = partial(client.post, url, data=data, headers=headers)
            ms, cpu_ms, response = timed(post, statements)
            assert response.status_code in (200, 302), response.status_code
            if n >= 2:
                wall.append(ms)
                cpu.append(cpu_ms)
        report(label, wall, cpu, f", {len(statements)} SQL statements")


if __name__ == "__main__":
    main()
