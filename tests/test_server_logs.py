"""The real servers' request logs hold no query strings: a searched name stays out of them.

Each test starts the server as a subprocess on a free port against a scratch SQLite database,
sends requests whose URLs and Referer carry a name, stops the server and reads what it wrote.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest

from matcher import gunicorn_config

CLI = [sys.executable, "-c", "from matcher.cli import main; main()"]
NAME = "Hiba+Abraha"
READY_WITHIN = 120  # seconds to wait for the port to open (a busy machine); not asserted on


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server_env(tmp_path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("MATCHER_") and key not in ("FLASK_APP", "FLASK_DEBUG")
    }
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    env["MATCHER_DATABASE_URL"] = f"sqlite:///{tmp_path / 'server.sqlite'}"
    env["MATCHER_SECRET_KEY"] = "server-log-test"
    subprocess.run([*CLI, "init-db"], env=env, check=True, capture_output=True, timeout=300)
    return env


@contextmanager
def running(command: list[str], env: dict[str, str], port: int, log: Path):
    """Start `command`, wait for its port, yield; always stop it (SIGTERM, then SIGKILL)."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait_for_port(process, port)
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_port(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped with status {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not open its port")


def _get(port: int, path: str, **headers) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _send_searches(port: int) -> None:
    """A redirect to the login (302), a 404 and a 200, all with the name in the URL; a Referer."""
    referer = f"http://127.0.0.1:{port}/deelnemers/?q={NAME}&page=2"
    assert _get(port, f"/deelnemers/?q={NAME}") == 302
    assert _get(port, "/deelnemers/?q=Hiba%20Abraha%22x") == 302
    assert _get(port, f"/bestaat-niet?q={NAME}", Referer=referer) == 404
    assert _get(port, "/inloggen?next=/deelnemers/%3Fq%3DHiba%2BAbraha", Referer=referer) == 200


def _assert_no_name(output: str) -> None:
    assert "Hiba" not in output and "Abraha" not in output, output


def test_the_built_in_server_logs_no_query_strings(server_env, tmp_path):
    port, log = _free_port(), tmp_path / "serve.log"
    with running([*CLI, "serve", "--port", str(port)], server_env, port, log):
        _send_searches(port)
    output = log.read_text(encoding="utf-8", errors="replace")
    _assert_no_name(output)
    assert "\x1b[32mGET /deelnemers/?… HTTP/1.1\x1b[0m" in output  # the coloured 302 line
    assert "GET /bestaat-niet?… HTTP/1.1" in output and " 404 " in output
    assert '"GET /inloggen?… HTTP/1.1" 200' in output


def test_gunicorn_logs_no_query_strings_and_warns_about_per_worker_limits(server_env, tmp_path):
    port, log = _free_port(), tmp_path / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "python:matcher.gunicorn_config",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "matcher:create_app()",
    ]
    with running(command, server_env, port, log):
        _send_searches(port)
    output = log.read_text(encoding="utf-8", errors="replace")
    _assert_no_name(output)
    assert '"GET /deelnemers/ HTTP/1.1" 302' in output
    assert '"GET /bestaat-niet HTTP/1.1" 404 ' in output
    assert f'"http://127.0.0.1:{port}/deelnemers/?…"' in output  # the Referer, path kept
    warnings = [line for line in output.splitlines() if "MATCHER_RATELIMIT_STORAGE_URI" in line]
    assert len(warnings) == 1 and "[WARNING]" in warnings[0] and "2 workers" in warnings[0]


class _Log:
    def __init__(self):
        self.warnings = []

    def warning(self, message, *args):
        self.warnings.append(message % args)


@pytest.mark.parametrize(
    ("workers", "storage", "warned"),
    [
        (3, None, True),
        (3, "memory://", True),
        (3, "redis://cache:6379/0", False),
        (1, None, False),
    ],
)
def test_the_gunicorn_warning_only_for_several_workers_without_shared_limits(
    monkeypatch, workers, storage, warned
):
    if storage is None:
        monkeypatch.delenv("MATCHER_RATELIMIT_STORAGE_URI", raising=False)
    else:
        monkeypatch.setenv("MATCHER_RATELIMIT_STORAGE_URI", storage)
    server = SimpleNamespace(cfg=SimpleNamespace(workers=workers), log=_Log())
    gunicorn_config.on_starting(server)
    assert bool(server.log.warnings) is warned
