"""Views of the auth area: password step, code step, two-step verification, logout, language."""

import math
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from matcher.extensions import db
from matcher.models import User
from matcher.services import accounts, twofactor
from matcher.web import boundary
from matcher.web.auth import bp, link_views, mail  # noqa: F401  (link_views: its routes)
from matcher.web.auth.forms import (
    CodeForm,
    DisableTwoFactorForm,
    LanguageForm,
    LoginForm,
    LogoutForm,
)
from matcher.web.security import LAST_SEEN

PENDING_SECONDS = 5 * 60  # the code step must follow the password step within this time
ENROL_SECRET = "enrol_secret"  # noqa: S105 (a session key, not a secret)


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

    Nothing is logged in unless the records were stored: the boundary commits them now, and a
    database that cannot write is answered (503) before the session knows the user.
    """
    refused = accounts.record_login(user)
    if refused:
        mail.warn_after_refused_logins(user, refused)
    boundary.commit_now()
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


def _enrol_secret() -> str:
    """The secret being enrolled in this session (made once, kept until confirmed)."""
    if not session.get(ENROL_SECRET):
        session[ENROL_SECRET] = twofactor.new_secret()
    return session[ENROL_SECRET]


@bp.route("/inloggen/tweestapsverificatie", methods=["GET", "POST"])
def login_enrol():
    """After the password step: a coach or coordinator who must use codes sets them up."""
    user = pending_user()
    if user is None:
        flash(_("Log eerst in met uw e-mailadres en wachtwoord."), "info")
        return redirect(url_for("auth.login"))
    if user.totp_secret:
        return redirect(url_for("auth.login_code"))
    secret = _enrol_secret()
    form = CodeForm()
    if form.validate_on_submit():
        if twofactor.verify(secret, form.code.data):
            twofactor.enable(user, secret)
            return finish_login(user, session.get("pending_next"))
        form.code.errors.append(_("Deze code klopt niet. Gebruik de nieuwste code."))
    return render_template(
        "auth/enrol.html", form=form, secret=twofactor.grouped(secret), required=True
    )


@bp.route("/account/tweestapsverificatie", methods=["GET", "POST"])
@login_required
def two_factor():
    """Turn two-step verification on (scan, confirm a code) from the account page."""
    if current_user.totp_secret:
        return render_template(
            "auth/two_factor.html",
            form=DisableTwoFactorForm(),
            required=twofactor.is_required(current_user),
        )
    secret = _enrol_secret()
    form = CodeForm()
    if form.validate_on_submit():
        if twofactor.verify(secret, form.code.data):
            twofactor.enable(current_user, secret)
            session.pop(ENROL_SECRET, None)
            flash(_("Tweestapsverificatie staat aan."), "success")
            return redirect(url_for("auth.two_factor"))
        form.code.errors.append(_("Deze code klopt niet. Gebruik de nieuwste code."))
    return render_template(
        "auth/enrol.html", form=form, secret=twofactor.grouped(secret), required=False
    )


@bp.post("/account/tweestapsverificatie/uitzetten")
@login_required
def two_factor_disable():
    """Turn two-step verification off, with a current code; not where the role requires it."""
    form = DisableTwoFactorForm()
    required = twofactor.is_required(current_user)
    if not required and form.validate_on_submit():
        if twofactor.verify(current_user.totp_secret, form.code.data):
            twofactor.disable(current_user)
            flash(_("Tweestapsverificatie staat uit."), "success")
            return redirect(url_for("auth.two_factor"))
        form.code.errors.append(_("Deze code klopt niet. Gebruik de nieuwste code."))
    return render_template("auth/two_factor.html", form=form, required=required), 400


@bp.get("/account/tweestapsverificatie/qr.svg")
def two_factor_qr():
    """The QR code of the secret being enrolled in this session, as an SVG image."""
    user = current_user if current_user.is_authenticated else pending_user()
    secret = session.get(ENROL_SECRET)
    if user is None or not secret:
        abort(404)
    svg = twofactor.qr_svg(twofactor.provisioning_uri(user, secret))
    return svg, 200, {"Content-Type": "image/svg+xml", "Cache-Control": "no-store"}
