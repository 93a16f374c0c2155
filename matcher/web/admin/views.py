"""The admin area: the accounts and a new account; one account's page (account_views) and the
audit trail (audit) register their routes when imported here."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Role, User
from matcher.services import accounts, submissions
from matcher.services.errors import ValidationFailed
from matcher.web import boundary, edits, messages
from matcher.web.admin import account_views, audit, bp, invitation_views  # noqa: F401  (routes)
from matcher.web.admin.account_views import password_message
from matcher.web.admin.forms import UserForm


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
