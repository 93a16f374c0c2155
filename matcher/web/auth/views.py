"""Views of the auth area: password step, code step, logout, language."""

import math
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from matcher.extensions import db
from matcher.models import User
from matcher.services import accounts, twofactor
from matcher.web.auth import bp
from matcher.web.auth.forms import CodeForm, LanguageForm, LoginForm, LogoutForm
from matcher.web.security import LAST_SEEN

PENDING_SECONDS = 5 * 60  # the code step must follow the password step within this time


def _safe_next(target: str | None) -> str | None:
    """Only follow local redirect targets (no open redirects)."""
    if not target or "\\" in target or not target.isprintable():
        return None  # browsers read "/\\host" as "//host"
    try:
        parts = urlsplit(target)
    except ValueError:  # "//[" and other broken addresses
        return None
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def flash_locked(until: datetime) -> None:
    """The clear message of a temporarily locked account."""
    minutes = max(1, math.ceil((until - datetime.now(UTC)).total_seconds() / 60))
    flash(
        _(
            "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. "
            "Probeer het over %(minutes)s minuten opnieuw.",
            minutes=minutes,
        ),
        "error",
    )


def finish_login(user: User, target: str | None):
    """Both steps passed: record the login first, then start a fresh session for it.

    Nothing is logged in unless the records were stored: a database that cannot write raises
    here, before the session knows the user (the error page says so, see matcher.web).
    """
    accounts.record_login(user)
    db.session.commit()
    session.clear()
    login_user(user)
    session.permanent = True
    session[LAST_SEEN] = int(time.time())
    return redirect(_safe_next(target) or url_for("home.index"))


def pending_user() -> User | None:
    """The user who passed the password step in this session, if still recent."""
    user_id, started = session.get("pending_user_id"), session.get("pending_at", 0)
    if user_id is None or time.time() - started > PENDING_SECONDS:
        return None
    user = db.session.get(User, user_id)
    return user if user is not None and user.active else None


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        attempt = accounts.attempt_login(form.email.data, form.password.data)
        if attempt.user is None:
            accounts.record_refused_login(attempt.account_id)
        db.session.commit()  # the refusal's and the lock's audit events are kept
        user = attempt.user
        if attempt.locked_until is not None:
            flash_locked(attempt.locked_until)
        elif user is None:
            flash(_("Het e-mailadres of het wachtwoord klopt niet."), "error")
        elif user.totp_secret or twofactor.is_required(user):
            session.clear()
            session.update(
                pending_user_id=user.id, pending_at=int(time.time()), pending_next=form.next.data
            )
            endpoint = "auth.login_code" if user.totp_secret else "auth.login_enrol"
            return redirect(url_for(endpoint))
        else:
            return finish_login(user, form.next.data)
    return render_template("auth/login.html", form=form)


@bp.route("/inloggen/code", methods=["GET", "POST"])
def login_code():
    user = pending_user()
    if user is None:
        flash(_("Log eerst in met uw e-mailadres en wachtwoord."), "info")
        return redirect(url_for("auth.login"))
    if not user.totp_secret:
        return redirect(url_for("auth.login_enrol"))
    form = CodeForm()
    if form.validate_on_submit():
        attempt = accounts.attempt_code(user, form.code.data)
        if attempt.user is not None:
            return finish_login(attempt.user, session.get("pending_next"))
        accounts.record_refused_login(attempt.account_id)
        db.session.commit()  # the refusal's and the lock's audit events are kept
        if attempt.locked_until is not None:
            session.clear()
            flash_locked(attempt.locked_until)
            return redirect(url_for("auth.login"))
        form.code.errors.append(_("Deze code klopt niet. Gebruik de nieuwste code."))
    return render_template("auth/code.html", form=form)


@bp.post("/uitloggen")
def logout():
    form = LogoutForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            accounts.end_sessions(current_user)  # a copy of this session's cookie ends too
            db.session.commit()
        logout_user()
        session.clear()
        flash(_("U bent uitgelogd."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/taal")
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["locale"] = form.language.data
    target = _safe_next(request.form.get("next"))
    return redirect(target or url_for("home.index"))
