"""Two-step verification with time-based one-time codes (TOTP, RFC 6238)."""

import io
import time

import pyotp
import segno
from flask import current_app
from sqlalchemy import or_, update

from matcher.extensions import db
from matcher.models import Role, User
from matcher.services import audit

ISSUER = "matcher"
REQUIRED_ROLES = frozenset({Role.COACH, Role.COORDINATOR})


def new_secret() -> str:
    """A fresh random base32 secret (160 bits)."""
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> bytes:
    """The QR code of `uri` as a standalone SVG image, rendered on the server."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=5, border=2, xmldecl=True)
    return buffer.getvalue()


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def verify(secret: str | None, code: str) -> bool:
    """Whether `code` is the current code of `secret` (one step of clock drift allowed)."""
    code = "".join(code.split())
    if not secret or not (code.isascii() and code.isdigit()) or len(code) != 6:
        return False
    return pyotp.TOTP(secret).verify(code, valid_window=1)


def verify_once(user: User, code: str) -> bool:
    """Verify a login code and spend it: a code that was used once is refused afterwards."""
    code = "".join(code.split())
    if not user.totp_secret or not (code.isascii() and code.isdigit()) or len(code) != 6:
        return False
    totp = pyotp.TOTP(user.totp_secret)
    now_step = int(time.time()) // totp.interval
    for step in (now_step - 1, now_step, now_step + 1):
        if totp.at(step * totp.interval) == code:
            return _spend(user, step)
    return False


def _spend(user: User, step: int) -> bool:
    """Mark the code of `step` used, atomically: of parallel uses of one code, one wins."""
    newer = or_(User.totp_last_step.is_(None), User.totp_last_step < step)
    spent = db.session.execute(
        update(User)
        .where(User.id == user.id, newer)
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(user, ["totp_last_step"])
    return spent.rowcount == 1


def is_required(user: User) -> bool:
    """Coaches and coordinators must use two-step verification when REQUIRE_2FA is set."""
    return bool(current_app.config["REQUIRE_2FA"]) and user.role in REQUIRED_ROLES


def enable(user: User, secret: str) -> None:
    """Store the confirmed secret on the account."""
    user.totp_secret = secret
    user.totp_last_step = None
    audit.record(user, "update", "user", user.id, ["totp_secret"])


def disable(user: User) -> None:
    """Remove two-step verification from the account."""
    user.totp_secret = None
    audit.record(user, "update", "user", user.id, ["totp_secret"])
