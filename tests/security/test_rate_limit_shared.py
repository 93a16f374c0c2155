"""Rate limits shared across workers: with MATCHER_RATELIMIT_STORAGE_URI pointing at Redis, two
app instances (two gunicorn workers) count against one limit. A real redis-server is started."""

import pytest

from matcher import create_app
from matcher.extensions import db
from matcher.models import Role
from tests.conftest import Client
from tests.redis_server import redis_server


@pytest.fixture(scope="module")
def redis_url():
    yield from redis_server()


@pytest.fixture
def two_workers(app, redis_url, monkeypatch):
    """Two app instances on one database, configured only through the environment."""
    from redis import Redis

    Redis.from_url(redis_url).flushdb()
    monkeypatch.setenv("MATCHER_RATELIMIT_STORAGE_URI", redis_url)
    workers = []
    for _ in range(2):
        worker = create_app(
            {
                "TESTING": True,
                "DATABASE_URL": app.config["DATABASE_URL"],
                "SECRET_KEY": "test-secret",
                "RATELIMIT_ENABLED": True,
                "RATELIMIT_LOGIN": "3 per minute",
                "RATELIMIT_LOGIN_ADDRESS": "50 per minute",
            }
        )
        worker.test_client_class = Client
        workers.append(worker)
    yield workers
    for worker in workers:
        with worker.app_context():
            db.session.remove()
            db.engine.dispose()


def test_the_storage_uri_reaches_flask_limiter(two_workers, redis_url):
    for worker in two_workers:
        assert worker.config["RATELIMIT_STORAGE_URI"] == redis_url
        storage = worker.extensions["matcher.limiter"].storage
        assert type(storage).__name__ == "RedisStorage"


def test_two_workers_share_one_limit(two_workers, make):
    user = make.user(Role.COORDINATOR)
    first, second = (worker.test_client() for worker in two_workers)
    codes = []
    for client in (first, second, first, second):
        response = client.post_form("/inloggen", {"email": user.email, "password": "wrong pw!"})
        codes.append(response.status_code)
    assert codes == [200, 200, 200, 429]  # 3 per minute in all, not 3 per worker
