"""How volunteers and host contacts reach the coordinator: every match e-mail names the
coordinator who confirmed it, with this phone number and their e-mail address."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.services import accounts
from matcher.web.matching import bp
from matcher.web.matching.forms import ContactForm


@bp.route("/contactgegevens", methods=["GET", "POST"])
def contact():
    form = ContactForm(phone=current_user.phone)
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("matching/contact.html", form=form), status
    if accounts.set_phone(current_user, form.phone.data or ""):
        flash(_("Uw telefoonnummer is opgeslagen."), "success")
    return redirect(url_for(".contact"))
