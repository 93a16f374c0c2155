"""Views of two-step verification: enrolment at login or from the account, and turning it off."""

from flask import abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matcher.extensions import db
from matcher.services import twofactor
from matcher.web.auth import bp
from matcher.web.auth.forms import CodeForm, DisableTwoFactorForm
from matcher.web.auth.views import finish_login, pending_user

ENROL_SECRET = "enrol_secret"  # noqa: S105 (a session key, not a secret)


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
            db.session.commit()
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
            db.session.commit()
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
