"""Adding or ending a match by hand."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from matcher import jobs
from matcher.extensions import db
from matcher.models import (
    Match,
    MatchKind,
    MatchStatus,
    Participant,
    ParticipantStatus,
    Placement,
    Volunteer,
)
from matcher.services import submissions
from matcher.services.access import visible_participants
from matcher.services.errors import DomainError
from matcher.services.matching import manual
from matcher.services.matching.confirm import Change, Conflicts
from matcher.web import boundary, edits, params
from matcher.web.fields import RECORD_ID
from matcher.web.matching import bp, mail
from matcher.web.matching.forms import EndForm, ManualForm, daypart_choices
from matcher.weeks import today


def _manual_form() -> ManualForm:
    form = ManualForm()
    people = db.session.scalars(
        visible_participants(current_user)
        .where(Participant.status.in_((ParticipantStatus.INTAKE, ParticipantStatus.ACTIVE)))
        .order_by(Participant.last_name, Participant.first_name)
    )
    form.participant.choices = [SelectChoice(str(p.id), p.full_name) for p in people]
    places = db.session.scalars(select(Placement).where(Placement.active).order_by(Placement.title))
    form.placement.choices = [SelectChoice("", "—")] + [
        SelectChoice(str(p.id), p.title) for p in places
    ]
    vols = db.session.scalars(
        select(Volunteer).where(Volunteer.active).order_by(Volunteer.last_name)
    )
    form.volunteer.choices = [SelectChoice("", "—")] + [
        SelectChoice(str(v.id), f"{v.full_name} ({v.kind.value})") for v in vols
    ]
    form.dayparts.choices = daypart_choices()
    if request.method == "GET" and not form.starts_on.data:
        form.starts_on.data = today()
    return form


def _active_matches(participant_id: int | None) -> list[Match]:
    if participant_id is None:
        return []
    query = visible_participants(current_user).where(Participant.id == participant_id)
    if db.session.scalar(query) is None:
        return []
    return list(
        db.session.scalars(
            select(Match)
            .where(Match.participant_id == participant_id, Match.status == MatchStatus.ACTIVE)
            .order_by(Match.starts_on)
        )
    )


def _page(form: ManualForm, conflicts=(), status: int = 200):
    chosen = params.arg_int("participant", bound=RECORD_ID, form_too=True)
    matches = _active_matches(chosen)
    end_form = EndForm(formdata=None, last_day=today())
    return (
        render_template(
            "matching/manual.html",
            form=form,
            end_form=end_form,
            matches=matches,
            conflicts=conflicts,
            chosen=chosen,
        ),
        status,
    )


@bp.route("/handmatig", methods=["GET", "POST"])
def manual_page():
    form = _manual_form()
    if request.method == "GET" or not form.validate_on_submit():
        return _page(form, status=200 if request.method == "GET" else 400)
    kind = MatchKind(form.kind.data)
    target = form.placement.data if kind == MatchKind.PLACEMENT else form.volunteer.data
    if not target:
        form.placement.errors = [_("Kies een plek of vrijwilliger die bij de soort past.")]
        return _page(form, status=400)
    try:
        claimed = submissions.claim(edits.posted_key(), current_user, "match")
        match = manual.add_match(
            current_user,
            int(form.participant.data),
            kind,
            int(target),
            form.dayparts.data,
            form.starts_on.data,
        )
        submissions.finish(claimed, match.id)
        queued = mail.queue_messages(None, [Change("new", match)], current_user)
    except submissions.AlreadySubmitted:
        return edits.already_sent(url_for(".manual_page", participant=form.participant.data))
    except Conflicts as error:
        boundary.discard()
        return _page(form, conflicts=error.conflicts, status=409)
    except DomainError:
        boundary.discard()
        form.dayparts.errors = [_("Deze koppeling kan niet worden gemaakt.")]
        return _page(form, status=400)
    boundary.after_commit(jobs.deliver_mail)
    flash(_("Koppeling toegevoegd."), "success")
    flash(mail.queued_note(queued), "info")
    return redirect(url_for(".manual_page", participant=match.participant_id))


@bp.post("/handmatig/beeindigen")
def end_match():
    form = EndForm()
    if not form.validate_on_submit():
        flash(_("Kies een geldige laatste dag."), "error")
        return redirect(url_for(".manual_page", participant=request.form.get("participant")))
    try:
        match = manual.end_match(current_user, form.match_id.data, form.last_day.data)
        queued = mail.queue_messages(None, [Change("ended", match)], current_user)
    except manual.EndedMeanwhile:
        boundary.discard()
        flash(
            _("Deze koppeling is intussen door iemand anders beëindigd; er is niets opgeslagen."),
            "error",
        )
        return redirect(url_for(".manual_page", participant=request.form.get("participant")))
    except DomainError:
        boundary.discard()
        flash(_("Deze koppeling kan niet op die dag eindigen."), "error")
        return redirect(url_for(".manual_page", participant=request.form.get("participant")))
    boundary.after_commit(jobs.deliver_mail)
    flash(_("Koppeling beëindigd."), "success")
    flash(mail.queued_note(queued), "info")
    return redirect(url_for(".manual_page", participant=match.participant_id))
