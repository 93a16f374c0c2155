"""Web benchmark: the demo region's matching run from the button to the review page.

    .venv/bin/python benchmarks/web_matching.py [--repeat 3] [--time-limit 5]

A fresh SQLite demo database is seeded; the app is served by werkzeug's threaded server on
127.0.0.1, and a plain HTTP client logs in as the demo coordinator, presses "Koppelronde
starten" (POST), follows the run page's status endpoint as the page's script does, and loads
the review page. The run itself goes through the default worker thread. Each repeat uses the
next week, so no run is refused as a duplicate.
"""

import argparse
import http.cookiejar
import logging
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werkzeug.serving import make_server  # noqa: E402

from matcher import create_app  # noqa: E402
from matcher.services.demo import DEMO_PASSWORD, prepare_demo_database  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
WEEK = re.compile(r'<option[^>]*value="(\d{4}-\d\d-\d\d)"')


def serve(time_limit: float) -> str:
    """Seed a fresh demo database and serve it; returns the base URL."""
    folder = Path(tempfile.mkdtemp(prefix="matcher-bench-"))
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite'}",
            "SECRET_KEY": "bench",
            "SOLVER_TIME_LIMIT": time_limit,
        }
    )
    with app.app_context():
        prepare_demo_database()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


class Browser:
    """Cookies and form posts with the page's CSRF token, like a browser without JavaScript."""

    def __init__(self, base: str) -> None:
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(self, path: str) -> tuple[str, str]:
        with self.opener.open(self.base + path) as response:
            return response.geturl(), response.read().decode()

    def post(self, path: str, form_page: str, data: dict) -> tuple[str, str]:
        data = {**data, "csrf_token": CSRF.search(form_page).group(1)}
        body = urllib.parse.urlencode(data).encode()
        with self.opener.open(self.base + path, data=body) as response:
            return response.geturl(), response.read().decode()


def one_run(browser: Browser, week: str) -> tuple[float, str]:
    """Seconds from pressing the button to the loaded review page."""
    _, page = browser.get("/coordinator/koppelen/")
    started = time.perf_counter()
    url, _ = browser.post("/coordinator/koppelen/runs", page, {"week": week, "municipality": ""})
    run_id = int(re.search(r"/runs/(\d+)", url).group(1))
    while True:
        _, status = browser.get(f"/coordinator/koppelen/runs/{run_id}/status")
        if '"done"' in status or '"failed"' in status:
            break
        time.sleep(0.25)
    _, review = browser.get(f"/coordinator/koppelen/runs/{run_id}/review")
    elapsed = time.perf_counter() - started
    assert "Voorstellen van koppelronde" in review, "review page did not load"
    return elapsed, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=5.0)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    base = serve(args.time_limit)
    browser = Browser(base)
    login_page = browser.get("/inloggen")[1]
    browser.post(
        "/inloggen",
        login_page,
        {"email": "coordinator@welzijn-twente.example", "password": DEMO_PASSWORD},
    )
    weeks = WEEK.findall(browser.get("/coordinator/koppelen/")[1])
    times = []
    for n in range(args.repeat):
        seconds, status = one_run(browser, weeks[n % len(weeks)])
        times.append(seconds)
        print(f"run {n + 1}: {seconds:.2f} s button → review page ({status.strip()[:60]})")
    print(
        f"demo region, solver limit {args.time_limit:g} s, 2 workers: "
        f"median {statistics.median(times):.2f} s, max {max(times):.2f} s over {len(times)} runs"
    )


if __name__ == "__main__":
    main()
