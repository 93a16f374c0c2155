"""Import bombs benchmark: seconds and memory to refuse each hostile spreadsheet.

    .venv/bin/python benchmarks/import_bombs.py [--web] [--code /path/to/other/checkout]

Builds each bomb of tests/registry/bombs.py (and, for comparison, a valid 10,000-row
participant file as XLSX and CSV), then reads each in its own process through the import
service (`imports.read_table`, what the upload page calls), or with --web through the upload
page of a logged-in coordinator (multipart parsing, preview of the rows and all). Per file it
prints: the answer, wall and CPU seconds, the peak RSS above the process's level just before
the read (VmHWM reset through /proc/self/clear_refs), the RSS left above that level afterwards,
and, in a second run under tracemalloc, the peak of Python allocations and what is still
allocated after the read. Targets: under 5 s and under 300 MB above the baseline per bomb.
`--code` reads the same files with another checkout's matcher package (e.g. the code before
the bounds), each read given at most 180 s.
"""

import argparse
import gc
import html
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("MATCHER_BENCH_CODE") or str(ROOT))
TIMEOUT = 180

from bench_app import PASSWORD, logged_in_client  # noqa: E402 (after the path is set)


def _status(field: str) -> int:
    """A /proc/self/status field in bytes (VmRSS, VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def _read(data: bytes, filename: str) -> str:
    from matcher.services.imports import ImportRefused, read_table

    try:
        return f"read {len(read_table(data, filename))} rows"
    except ImportRefused as error:
        return f"refused: {error}"


def _service(data: bytes, filename: str) -> Callable[[], str]:
    """The import service's read, inside a request (for the messages' language)."""
    from matcher import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "bench"})
    context = app.test_request_context()
    context.push()
    return lambda: _read(data, filename)


def _fill(_size: int, _rng) -> str:
    from matcher.extensions import db
    from matcher.models import Municipality, Role, User
    from matcher.services import accounts

    coordinator = User(email="coordinator@bench.example", name="Bench", role=Role.COORDINATOR)
    accounts.set_password(coordinator, PASSWORD)
    db.session.add_all([coordinator, Municipality(name="Almelo", main_place="Almelo", lat=52.35,
                                                  lon=6.66)])  # fmt: skip
    db.session.commit()
    return coordinator.email


def _web(data: bytes, filename: str) -> Callable[[], str]:
    """The upload page, through a logged-in coordinator's test client (SQLite)."""
    client, _engine = logged_in_client(_fill, 0)

    def post() -> str:
        response = client.post(
            "/import/",
            data={"kind": "participants", "upload": (io.BytesIO(data), filename)},
            content_type="multipart/form-data",
        )
        page = response.get_data(as_text=True)
        found = re.search(r'class="error"[^>]*>(.*?)<', page, re.S) or re.search(
            r'id="import-summary"[^>]*>(.*?)<', page, re.S
        )
        return f"{response.status_code}: {html.unescape(found.group(1)).strip() if found else ''}"

    return post


def measure(path: str, filename: str, mode: str) -> dict:
    """Run in the child: one read for time and RSS, one under tracemalloc."""
    data = Path(path).read_bytes()
    warm = (_service if mode == "service" else _web)(b"kenmerk\nA\n", "warm.csv")
    warm()  # imports, templates and translations loaded before the baseline
    run = (_service if mode == "service" else _web)(data, filename)
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # peak RSS := current RSS
    baseline = _status("VmRSS")
    start, cpu = time.perf_counter(), time.process_time()
    answer = run()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = _status("VmHWM") - baseline
    gc.collect()
    left = _status("VmRSS") - baseline
    mb = 1024 * 1024
    first = {
        "answer": answer[:110],
        "seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "peak_rss_mb": round(peak / mb, 1),
        "rss_left_mb": round(left / mb, 1),
        "baseline_rss_mb": round(baseline / mb),
    }
    print(json.dumps(first), flush=True)  # kept when the traced run is cut short
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    run()
    gc.collect()
    after, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        **first,
        "tracemalloc_peak_mb": round((traced_peak - before) / mb, 1),
        "tracemalloc_left_kb": round((after - before) / 1024, 1),
    }


def files() -> dict[str, tuple[bytes, str]]:
    from matcher import create_app
    from tests.registry import bombs
    from tests.registry.sheets import csv_bytes, participant_rows, xlsx

    found = {name: (make(), "bom.xlsx") for name, make in bombs.BOMBS.items()}
    found["row bomb lying: declares 50 MB"] = (
        bombs.row_bomb(declared=50 * 1024 * 1024),
        "bom.xlsx",
    )
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "bench"})
    with app.app_context():
        rows = participant_rows(10_000, "Almelo")
    found["valid: 10,000 participants (xlsx)"] = (xlsx(rows), "deelnemers.xlsx")
    found["valid: 10,000 participants (csv)"] = (csv_bytes(rows), "deelnemers.csv")
    return found


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--one":
        print(json.dumps(measure(*sys.argv[2:])))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", help="read with the matcher package of this checkout")
    parser.add_argument("--web", action="store_true", help="upload through the import page")
    args = parser.parse_args()
    env = (
        {**os.environ, "MATCHER_BENCH_CODE": str(Path(args.code).resolve())} if args.code else None
    )
    with tempfile.TemporaryDirectory() as folder:
        for name, (data, filename) in files().items():
            path = Path(folder) / filename
            path.write_bytes(data)
            mode = "web" if args.web else "service"
            command = [sys.executable, __file__, "--one", str(path), filename, mode]
            try:
                child = subprocess.run(  # noqa: S603 (our own script)
                    command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=TIMEOUT
                )
                lines = child.stdout.strip().splitlines()
                figures = (
                    json.loads(lines[-1])
                    if child.returncode == 0 and lines
                    else {"answer": f"crashed: {child.stderr.strip().splitlines()[-1][:100]}"}
                )
            except subprocess.TimeoutExpired as expired:
                out = (expired.stdout or b"").decode().strip().splitlines()
                figures = json.loads(out[-1]) if out else {}
                figures["answer"] = figures.get("answer", "") + f" (killed after {TIMEOUT} s)"
            print(json.dumps({"file": name, "bytes": len(data), **figures}, ensure_ascii=False))


if __name__ == "__main__":
    main()
