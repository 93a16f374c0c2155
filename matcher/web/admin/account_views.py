"""One account in the admin area: its role, a new password, (de)activation, ending its sessions.

Each of these ends every session of the account (its session token is replaced), so a copied
or forgotten session cookie is anonymous afterwards. Every change is audited.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.extensions import db
from matcher.models import Role, User
from matcher.services import accounts
from matcher.services.errors import ValidationFailed
from matcher.web import boundary, messages
from matcher.web.admin import bp
from matcher.web.admin.forms import ConfirmForm, NewPasswordForm, RoleForm


def password_message(code: str) -> str:
    """The Dutch explanation of a password-policy refusal."""
    return messages.word(code if code.startswith("password_") else "password_unusable")


def _account(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def _page(user: User, role_form=None, password_form=None, status: int = 200):
    return (
        render_template(
            "admin/account.html",
            account=user,
            role_form=role_form or RoleForm(role=user.role.value),
            password_form=password_form or NewPasswordForm(),
            confirm_form=ConfirmForm(),
        ),
        status,
    )


def _done(user: User, message: str):
    flash(message, "success")
    return redirect(url_for("admin.account", user_id=user.id))


def _refused_own_account(user: User):
    boundary.discard()
    flash(_("Uw eigen account kunt u hier niet wijzigen of deactiveren."), "error")
    return redirect(url_for("admin.account", user_id=user.id))


@bp.get("/accounts/<int:user_id>")
def account(user_id: int):
    return _page(_account(user_id))


@bp.post("/accounts/<int:user_id>/rol")
def change_role(user_id: int):
    user = _account(user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return _page(user, role_form=form, status=400)
    try:
        changed = accounts.change_role(user, Role(form.role.data), current_user)
    except ValidationFailed:
        return _refused_own_account(user)
    if not changed:
        return _done(user, _("De rol is niet veranderd."))
    return _done(user, _("Rol gewijzigd. Alle sessies van dit account zijn beëindigd."))


@bp.post("/accounts/<int:user_id>/wachtwoord")
def change_password(user_id: int):
    user = _account(user_id)
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(user, form.password.data, current_user)
        except ValidationFailed as error:
            boundary.discard()
            form.password.errors.append(password_message(error.code))
        else:
            return _done(
                user, _("Wachtwoord gewijzigd. Alle sessies van dit account zijn beëindigd.")
            )
    return _page(user, password_form=form, status=400)


@bp.post("/accounts/<int:user_id>/actief")
def toggle_active(user_id: int):
    user = _account(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        accounts.set_active(user, not user.active, current_user)
    except ValidationFailed:
        return _refused_own_account(user)
    if user.active:
        return _done(user, _("Account geactiveerd."))
    return _done(user, _("Account gedeactiveerd. Alle sessies van dit account zijn beëindigd."))


@bp.post("/accounts/<int:user_id>/sessies-beeindigen")
def end_sessions(user_id: int):
    user = _account(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    accounts.end_all_sessions(user, current_user)
    return _done(user, _("Alle sessies van dit account zijn beëindigd."))
