"""Parallel guesses cannot outrun the lockout: each attempt is reserved in the database before
its password (or code) is checked, so at most LOCKOUT_ATTEMPTS are checked per lock window.
Every guesser is a thread with its own app context, database session and connection."""

import threading
from datetime import UTC, datetime

import pyotp
import pytest
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import AuditEvent, LoginThrottle, Role, User
from matcher.services import accounts, twofactor
from tests.factories import PASSWORD

GUESSERS = 14


def _guess_at_once(app, guess) -> list:
    """Run `guess()` in GUESSERS threads released together; their results (or errors)."""
    barrier = threading.Barrier(GUESSERS)
    results, lock = [], threading.Lock()

    def run():
        with app.app_context():
            try:
                barrier.wait()
                outcome = guess()
                db.session.commit()
            except Exception as error:  # reported by the test
                outcome = error
            finally:
                db.session.remove()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run) for _ in range(GUESSERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not [r for r in results if isinstance(r, Exception)], results
    return results


@pytest.fixture
def counted(monkeypatch):
    """Count the checks of real (non-dummy) password hashes and of login codes."""
    checks = {"password": 0, "code": 0}
    lock = threading.Lock()
    real_password_check, real_code_check = accounts.check_password_hash, twofactor.verify_once

    def password_check(stored, password):
        if stored != accounts._DUMMY_HASH:
            with lock:
                checks["password"] += 1
        return real_password_check(stored, password)

    def code_check(user, code):
        with lock:
            checks["code"] += 1
        return real_code_check(user, code)

    monkeypatch.setattr(accounts, "check_password_hash", password_check)
    monkeypatch.setattr(twofactor, "verify_once", code_check)
    return checks


def test_parallel_wrong_passwords_are_checked_at_most_the_limit(app, make, counted):
    user = make.user(Role.COACH)
    db.session.commit()
    email, limit = user.email, app.config["LOCKOUT_ATTEMPTS"]
    results = _guess_at_once(app, lambda: accounts.attempt_login(email, "wrong password!"))
    assert counted["password"] <= limit
    assert all(r.user is None for r in results)
    assert sum(r.locked_until is not None for r in results) >= GUESSERS - limit
    db.session.expire_all()
    assert accounts.locked_until(db.session.get(User, user.id)) is not None
    locks = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "lock")).all()
    assert len(locks) == 1  # exactly one attempt locked the account


def test_the_right_password_among_parallel_guesses_is_refused_once_locked(app, make):
    user = make.user(Role.COACH)
    db.session.commit()
    email = user.email
    _guess_at_once(app, lambda: accounts.attempt_login(email, "wrong password!"))
    attempt = accounts.attempt_login(email, "correct horse battery staple")
    assert attempt.user is None and attempt.locked_until is not None


def test_parallel_guesses_for_an_address_without_account_lock_it(app, app_ctx, counted):
    email, limit = "nobody@example.org", app.config["LOCKOUT_ATTEMPTS"]
    results = _guess_at_once(app, lambda: accounts.attempt_login(email, "wrong password!"))
    assert sum(r.locked_until is None for r in results) <= limit - 1
    assert sum(r.locked_until is not None for r in results) >= GUESSERS - limit + 1
    throttle = db.session.scalar(select(LoginThrottle))
    assert throttle.locked_until is not None


def test_parallel_wrong_codes_are_checked_at_most_the_limit(app, make, counted):
    user = make.user(Role.COORDINATOR, totp_secret=pyotp.random_base32())
    db.session.commit()
    user_id, limit = user.id, app.config["LOCKOUT_ATTEMPTS"]

    def guess():
        return accounts.attempt_code(db.session.get(User, user_id), "000000")

    results = _guess_at_once(app, guess)
    assert counted["code"] <= limit
    assert all(r.user is None for r in results)
    db.session.expire_all()
    assert accounts.locked_until(db.session.get(User, user_id)) is not None


def test_a_success_resets_the_count_and_a_run_out_lock_starts_afresh(app, make):
    user = make.user(Role.COACH)
    user.failed_logins, user.locked_until = 5, datetime(2020, 1, 1, tzinfo=UTC)
    db.session.commit()
    assert accounts.attempt_login(user.email, "wrong password!").locked_until is None
    db.session.expire_all()
    assert db.session.get(User, user.id).failed_logins == 1  # a lock that ran out: afresh
    assert accounts.attempt_login(user.email, PASSWORD).user is not None
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(User, user.id).failed_logins == 0


def test_one_code_sent_twice_at_once_logs_in_once(app, make):
    """A code is spent atomically: of parallel uses of the same code, exactly one succeeds."""
    secret = pyotp.random_base32()
    user = make.user(Role.COORDINATOR, totp_secret=secret)
    db.session.commit()
    user_id, code = user.id, pyotp.TOTP(secret).now()

    def guess():
        return accounts.attempt_code(db.session.get(User, user_id), code)

    results = _guess_at_once(app, guess)
    assert sum(r.user is not None for r in results) == 1
