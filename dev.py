#!/usr/bin/env python3
"""Developer entry point that needs nothing but python3.

    python3 dev.py demo    virtualenv + install, then `matcher demo` (SQLite, seeds, serves :5000)
    python3 dev.py test    virtualenv + install, ruff (lint, format check), the SQLite suite,
                           the PostgreSQL suite (a throwaway server on 127.0.0.1) and the
                           browser journeys (Chromium)

Missing system packages (postgresql, chromium, redis-server) are installed with apt-get when
running as root.
"""

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
CHROMIUM = "/usr/bin/chromium"


def say(message: str) -> None:
    print(f"\n== {message} ==", flush=True)


def run(*args, **kw) -> int:
    return subprocess.run([str(a) for a in args], cwd=ROOT, **kw).returncode


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project (again only when pyproject.toml changed)."""
    if not (BIN / "python").exists():
        say("Creating the virtualenv in .venv")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip", check=True)
    stamp = VENV / f".installed-{extras or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"Installing matcher{f'[{extras}]' if extras else ''}")
    target = f".[{extras}]" if extras else "."
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", target, check=True)
    stamp.write_text(digest)


def apt_install(*packages: str) -> bool:
    """Install Debian packages when running as root; False when that is not possible."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    say(f"Installing {' '.join(packages)} from Debian's packages")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    return run("apt-get", "install", "-y", "-qq", *packages, env=env) == 0


def postgres_bin() -> Path | None:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return candidates[0].parent if candidates else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def postgres_server():
    """A throwaway PostgreSQL cluster on 127.0.0.1; yields its URL (or None if unavailable)."""
    if os.environ.get("MATCHER_TEST_DATABASE_URL"):
        yield os.environ["MATCHER_TEST_DATABASE_URL"]
        return
    bindir = postgres_bin()
    if bindir is None:
        yield None
        return
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    datadir = Path(tempfile.mkdtemp(prefix="matcher-pg-"))
    if as_user:
        shutil.chown(datadir, "postgres", "postgres")
    port = free_port()
    run(
        *as_user,
        bindir / "initdb",
        "-D",
        datadir,
        "-U",
        "postgres",
        "--auth=trust",
        "-E",
        "UTF8",
        stdout=subprocess.DEVNULL,
        check=True,
    )
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {datadir} -c fsync=off"
    run(
        *as_user,
        bindir / "pg_ctl",
        "-D",
        datadir,
        "-o",
        options,
        "-l",
        datadir / "log",
        "-w",
        "start",
        stdout=subprocess.DEVNULL,
        check=True,
    )
    try:
        run(
            bindir / "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            port,
            "-U",
            "postgres",
            "matcher_test",
            check=True,
        )
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/matcher_test"
    finally:
        run(
            *as_user,
            bindir / "pg_ctl",
            "-D",
            datadir,
            "-m",
            "fast",
            "stop",
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(datadir, ignore_errors=True)


def ensure_system_packages() -> None:
    """Install, in one go, the Debian packages the suites need and the machine lacks:
    PostgreSQL (database suite), redis-server (RQ tests start their own server on 127.0.0.1)
    and chromium (browser journeys)."""
    missing = [
        package
        for package, present in (
            ("postgresql", postgres_bin() is not None),
            ("redis-server", shutil.which("redis-server") is not None),
            ("chromium", Path(CHROMIUM).exists()),
        )
        if not present
    ]
    if missing and not apt_install(*missing):
        say(f"Cannot install {', '.join(missing)} (not root): the suites needing them won't run")


def test(pytest_args: list[str]) -> int:
    ensure_venv("test")
    ensure_system_packages()
    failures: list[str] = []
    not_run: list[str] = []
    say("ruff")
    if run(BIN / "ruff", "check", ".") != 0:
        failures.append("ruff")
    if run(BIN / "ruff", "format", "--check", ".") != 0:
        failures.append("ruff format")
    say("SQLite suite")
    if run(BIN / "pytest", "-m", "not browser", *pytest_args) != 0:
        failures.append("SQLite suite")
    with postgres_server() as url:
        if url is None:
            say("PostgreSQL suite NOT RUN: no PostgreSQL binaries (run as root to install them)")
            not_run.append("PostgreSQL suite")
        else:
            say("PostgreSQL suite (tests that use the database)")
            env = {**os.environ, "MATCHER_TEST_DATABASE_URL": url}
            if run(BIN / "pytest", "-m", "db and not browser", *pytest_args, env=env) != 0:
                failures.append("PostgreSQL suite")
    if Path(CHROMIUM).exists():
        say("Browser journeys (Playwright driving Debian's chromium, axe-core checks)")
        env = {**os.environ, "MATCHER_CHROMIUM": CHROMIUM}
        if run(BIN / "pytest", "-m", "browser", *pytest_args, env=env) != 0:
            failures.append("browser journeys")
    else:
        say("Browser journeys NOT RUN: /usr/bin/chromium is missing (run as root to install it)")
        not_run.append("browser journeys")
    if not_run and os.environ.get("CI"):
        failures += [f"{name} (not run)" for name in not_run]
    say(
        "Result: "
        + ("all suites passed" if not failures else "FAILED: " + ", ".join(failures))
        + (f"; not run: {', '.join(not_run)}" if not_run else "")
    )
    return 1 if failures else 0


def demo(args: list[str]) -> int:
    ensure_venv("")
    return run(BIN / "matcher", "demo", *args)


def main() -> int:
    command, *rest = sys.argv[1:] or ["help"]
    if command == "test":
        return test(rest)
    if command == "demo":
        return demo(rest)
    print(__doc__)
    return 2


if __name__ == "__main__":
    started = time.monotonic()
    code = main()
    print(f"({time.monotonic() - started:.0f} s)", flush=True)
    sys.exit(code)
