"""The admin area: accounts and roles, and the audit trail. No participant data."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length

from matcher.extensions import db
from matcher.models import Role, User
from matcher.services import accounts, submissions
from matcher.services.errors import ValidationFailed
from matcher.web import boundary, edits, messages
from matcher.web.fields import Form, Name
from matcher.web.labels import ROLE_LABELS
from matcher.web.roles import restrict_blueprint

bp = Blueprint("admin", __name__, template_folder="templates")
restrict_blueprint(bp, Role.ADMIN)


class UserForm(Form):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=120), Name()])
    role = SelectField(
        _l("Rol"), choices=[SelectChoice(r.value, ROLE_LABELS[r.value]) for r in Role]
    )
    password = PasswordField(
        _l("Wachtwoord"),
        validators=[DataRequired(), Length(min=accounts.MIN_PASSWORD_LENGTH, max=200)],
    )


def password_message(code: str) -> str:
    """The Dutch explanation of a password-policy refusal."""
    return messages.word(code if code.startswith("password_") else "password_unusable")


@bp.route("/", methods=["GET", "POST"])
def index():
    form = UserForm()
    if form.validate_on_submit():
        try:
            claimed = submissions.claim(edits.posted_key(), current_user, "user")
            user = accounts.create_user(
                form.email.data,
                form.name.data,
                Role(form.role.data),
                form.password.data,
                actor=current_user,
            )
            submissions.finish(claimed, user.id)
        except submissions.AlreadySubmitted:
            return edits.already_sent(url_for("admin.index"))
        except ValidationFailed as error:
            boundary.discard()
            if error.code == "email_taken":
                form.email.errors.append(messages.render(error))
            else:
                form.password.errors.append(password_message(error.code))
        else:
            flash(_("Account aangemaakt."), "success")
            return redirect(url_for("admin.index"))
    users = db.session.scalars(select(User).order_by(User.role, User.name))
    return render_template("admin/index.html", users=users, form=form)


# one account's page, and the audit trail
from matcher.web.admin import account_views, audit  # noqa: E402,F401
