"""Rights of participants (AVG): inzage (export) and erasure, for the participant's own coach.

Only the coach holds the full profile (PIP date, functional limits, notes), and the
municipality is the controller of the integration data, so the coach handles an
inzageverzoek or an erasure request; coordinators and other coaches get a 404.
"""

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField
from wtforms.validators import DataRequired

from matcher.extensions import db
from matcher.models import Participant, Role
from matcher.services import access, privacy
from matcher.web.fields import Form
from matcher.web.roles import restrict_blueprint

bp = Blueprint("privacy", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COACH)


class EraseForm(Form):
    confirm = BooleanField(
        _l("Ik bevestig dat de deelnemer om wissen heeft gevraagd en dat dit niet terug kan."),
        validators=[DataRequired(message=_l("Vink aan dat u het wissen bevestigt."))],
    )


def _own_participant(participant_id: int) -> Participant:
    """The participant, if in this coach's own caseload and not yet erased; 404 otherwise."""
    participant = access.get_participant(current_user, participant_id)
    if not access.sees_coach_fields(current_user, participant) or privacy.is_erased(participant):
        abort(404)
    return participant


@bp.route("/<int:participant_id>")
def participant(participant_id: int):
    subject = _own_participant(participant_id)
    return render_template("privacy/participant.html", participant=subject, form=EraseForm())


@bp.route("/<int:participant_id>/inzage.json")
def export_json(participant_id: int):
    data = privacy.export(current_user, _own_participant(participant_id))
    db.session.commit()
    body = json.dumps(data, ensure_ascii=False, indent=2)
    filename = f"inzage-deelnemer-{participant_id}.json"
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/<int:participant_id>/inzage")
def export_html(participant_id: int):
    data = privacy.export(current_user, _own_participant(participant_id))
    db.session.commit()
    return render_template("privacy/export.html", data=data, participant_id=participant_id)


@bp.post("/<int:participant_id>/wissen")
def erase(participant_id: int):
    subject = _own_participant(participant_id)
    form = EraseForm()
    if not form.validate_on_submit():
        return render_template("privacy/participant.html", participant=subject, form=form), 400
    try:
        privacy.erase(current_user, subject)
    except privacy.UnclassifiedTable:
        db.session.rollback()
        flash(_("Wissen is nu niet mogelijk; er is niets gewist. Meld dit bij de beheerder."))
        return redirect(url_for("privacy.participant", participant_id=participant_id))
    db.session.commit()
    flash(_("De gegevens van de deelnemer zijn gewist. De uren tellen anoniem mee."), "success")
    return redirect(url_for("home.index"))
