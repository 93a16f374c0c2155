"""Views of the auth area."""

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from matcher.extensions import db
from matcher.services import accounts, audit
from matcher.web.auth import bp
from matcher.web.auth.forms import LanguageForm, LoginForm, LogoutForm


def _safe_next(target: str | None) -> str | None:
    """Only follow local redirect targets (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            flash(_("Het e-mailadres of het wachtwoord klopt niet."), "error")
        else:
            session.clear()
            login_user(user)
            audit.record(user, "login", "user", user.id)
            db.session.commit()
            return redirect(_safe_next(form.next.data) or url_for("home.index"))
    return render_template("auth/login.html", form=form)


@bp.post("/uitloggen")
def logout():
    form = LogoutForm()
    if form.validate_on_submit():
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
