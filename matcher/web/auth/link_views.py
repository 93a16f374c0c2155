"""Password through a one-time link: "Wachtwoord vergeten?", the reset link and the invitation.

The secret travels in the query string (`?t=…`), which the access logs never keep
(matcher/logs.py), and in a hidden field of the POST. The request page answers the same whether
or not the address has an account, and it is rate-limited like the login."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matcher import jobs
from matcher.models import LinkPurpose
from matcher.services import account_links, accounts, twofactor
from matcher.web import boundary
from matcher.web.auth import bp, mail
from matcher.web.auth.forms import ForgotPasswordForm, SetPasswordForm

GONE = 410  # a link that no longer works


def link_url(endpoint: str, secret: str) -> str:
    """The link for an e-mail: always on PUBLIC_URL, never on the request's Host header
    (which an attacker can set: password-reset poisoning)."""
    path = url_for(endpoint, t=secret)
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = accounts.find_user(form.email.data)
        if user is not None and user.active:
            secret = account_links.issue(user, LinkPurpose.RESET, None)
            mail.password_reset(user, link_url("auth.reset_password", secret))
        boundary.after_commit(jobs.deliver_mail)  # for every address: the same work is seen
        return render_template("auth/forgot_sent.html"), 200
    return render_template("auth/forgot.html", form=form)


@bp.route("/wachtwoord-instellen", methods=["GET", "POST"])
def reset_password():
    return _set_password(LinkPurpose.RESET, "auth.reset_password")


@bp.route("/uitnodiging", methods=["GET", "POST"])
def accept_invitation():
    return _set_password(LinkPurpose.INVITATION, "auth.accept_invitation")


def _set_password(purpose: LinkPurpose, endpoint: str):
    form = SetPasswordForm(token=request.args.get("t", ""))
    if request.method == "GET" and not form.token.data:  # no link at all: where to get one
        if purpose == LinkPurpose.RESET:
            return redirect(url_for("auth.forgot_password"))
        return redirect(url_for("auth.login"))
    link = account_links.usable(form.token.data or "", purpose)
    if link is None:
        return render_template("auth/link_unusable.html", purpose=purpose.value), GONE
    if form.validate_on_submit():
        with boundary.form_errors(form) as refused:
            user = account_links.use(form.token.data, purpose, form.password.data)
        if not refused:
            return _after_setting(user, purpose)
        if refused.error is not None and refused.error.code == "account_link.not_usable":
            return render_template("auth/link_unusable.html", purpose=purpose.value), GONE
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "auth/set_password.html",
        form=form,
        purpose=purpose.value,
        user=link.user,
        action=url_for(endpoint),
    ), status


def _after_setting(user, purpose: LinkPurpose):
    """A new volunteer lands in the portal; after a reset (or where a code is required) the
    user logs in again, two-step verification included."""
    from matcher.web.auth.views import finish_login  # (views imports this module)

    if purpose == LinkPurpose.INVITATION and not (user.totp_secret or twofactor.is_required(user)):
        return finish_login(user, None)
    flash(_("Uw wachtwoord is ingesteld. Log in met uw nieuwe wachtwoord."), "success")
    return redirect(url_for("auth.login"))
