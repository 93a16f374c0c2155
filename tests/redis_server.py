"""A throwaway Debian redis-server on 127.0.0.1 for the tests that need a real Redis."""

import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest

from tests.matching.conftest import free_port


def redis_server() -> Iterator[str]:
    """Start redis-server on a free port, yield its URL, stop it (skip when not installed)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (python3 dev.py test installs it as root)")
    from redis import Redis

    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = Redis.from_url(url)
    for _ in range(200):
        try:
            client.ping()
            break
        except Exception:  # not up yet
            time.sleep(0.05)
    yield url
    client.close()
    process.terminate()
    process.wait(timeout=10)
