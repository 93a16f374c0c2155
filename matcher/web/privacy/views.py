"""Views of the participant's rights: the page, the export (JSON or HTML), erasing."""

import json

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.models import Participant
from matcher.services import access, privacy
from matcher.web import boundary
from matcher.web.privacy import bp
from matcher.web.privacy.forms import EraseForm


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
    return render_template("privacy/export.html", data=data, participant_id=participant_id)


@bp.post("/<int:participant_id>/wissen")
def erase(participant_id: int):
    subject = _own_participant(participant_id)
    form = EraseForm()
    if not form.validate_on_submit():
        return render_template("privacy/participant.html", participant=subject, form=form), 400
    boundary.back_to(url_for("privacy.participant", participant_id=participant_id))
    privacy.erase(current_user, subject)  # a table without an erase policy: nothing is erased
    flash(_("De gegevens van de deelnemer zijn gewist. De uren tellen anoniem mee."), "success")
    return redirect(url_for("home.index"))
