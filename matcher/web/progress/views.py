"""Views of a participant's progress: the page, its chart, gesprekken, hours and corrections."""

from flask import Response, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.extensions import db
from matcher.models import AbsenceKind, ActivityKind, HoursEntry
from matcher.services import access, caseload_overview, hours, submissions
from matcher.services.errors import NotFound
from matcher.services.progress import WEEKLY_MINIMUM
from matcher.web import boundary, edits
from matcher.web.filters import hours as format_hours
from matcher.web.progress import bp
from matcher.web.progress.forms import CorrectionForm, EntryForm, MeetingForm
from matcher.web.progress.svg_chart import progress_svg
from matcher.weeks import today


def interval() -> int:
    """Months between voortgangsgesprekken (MATCHER_GESPREK_INTERVAL_MONTHS, default 3)."""
    return current_app.config["GESPREK_INTERVAL_MONTHS"]


def _page(participant_id: int, meeting_form=None, status: int = 200, entry_form=None):
    participant = access.get_participant(current_user, participant_id)
    detail = caseload_overview.for_participant(participant, today(), interval())
    return render_template(
        "progress/show.html",
        d=detail,
        p=detail.progress,
        form=meeting_form or MeetingForm(),
        correction=CorrectionForm(),
        entry_form=entry_form or EntryForm(),
        entries=hours.history(participant.id),
        superseded=hours.superseded_ids(participant.id),
    ), status


@bp.route("/<int:participant_id>")
def show(participant_id: int):
    return _page(participant_id)


@bp.route("/<int:participant_id>/grafiek.svg")
def chart(participant_id: int):
    participant = access.get_participant(current_user, participant_id)
    detail = caseload_overview.for_participant(participant, today(), interval())
    labels = {
        "line": _("lijn naar %(target)s uur", target=participant.participation_target),
        "done": _("gedaan (cumulatief)"),
        "cumulative_title": _("Participatie-uren cumulatief"),
        "weekly_title": _("Uren per week"),
        "hours": _("uren"),
        "week": _("uren in de week"),
        "minimum": _("6 uur per week")
        if detail.progress.minimum >= WEEKLY_MINIMUM
        else _("%(hours)s uur per week (maximum)", hours=format_hours(detail.progress.minimum)),
    }
    svg = progress_svg(
        participant.pip_date,
        detail.progress.trajectory_end,
        today(),
        participant.participation_target,
        participant.hours_before,
        detail.weekly,
        labels,
        detail.progress.minimum,
    )
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "private, no-store"})


@bp.route("/<int:participant_id>/gesprek", methods=["POST"])
def meeting(participant_id: int):
    participant = access.get_participant(current_user, participant_id)
    form = MeetingForm()
    if not form.validate_on_submit():
        return _page(participant_id, form, 422)
    try:
        with boundary.form_errors(form) as refused:
            claimed = submissions.claim(edits.posted_key(), current_user, "progress_meeting")
            held = caseload_overview.record_meeting(
                current_user,
                participant,
                form.held_on.data,
                form.summary.data or "",
                form.next_date.data,
                today(),
            )
            submissions.finish(claimed, held.id)
    except submissions.AlreadySubmitted:
        return edits.already_sent(url_for(".show", participant_id=participant_id))
    if refused:
        return _page(participant_id, form, 422)
    flash(_("Het voortgangsgesprek is vastgelegd."), "success")
    return redirect(url_for(".show", participant_id=participant_id))


@bp.route("/<int:participant_id>/correctie/<int:entry_id>", methods=["POST"])
def correct(participant_id: int, entry_id: int):
    participant = access.get_participant(current_user, participant_id)
    entry = db.session.get(HoursEntry, entry_id)
    if entry is None or entry.participant_id != participant.id:
        raise NotFound(entry_id)
    form = CorrectionForm()
    if not form.validate_on_submit():
        flash(" ".join(form.hours.errors) or _("Vul het juiste aantal uren in."), "error")
        return redirect(url_for(".show", participant_id=participant_id, _anchor="historie"))
    boundary.back_to(url_for(".show", participant_id=participant_id, _anchor="historie"))
    hours.correct(current_user, participant, entry, float(form.hours.data), today())
    flash(_("De correctie is opgeslagen; de oude regel blijft in de geschiedenis."), "success")
    return redirect(url_for(".show", participant_id=participant_id, _anchor="historie"))


@bp.route("/<int:participant_id>/gesprek-overzicht")
def printable(participant_id: int):
    participant = access.get_participant(current_user, participant_id)
    detail = caseload_overview.for_participant(participant, today(), interval())
    return render_template("progress/print.html", d=detail, p=detail.progress, today=today())


@bp.route("/<int:participant_id>/uren", methods=["POST"])
def add_entry(participant_id: int):
    participant = access.get_participant(current_user, participant_id)
    form = EntryForm()
    if not form.validate_on_submit():
        return _page(participant_id, status=422, entry_form=form)
    absence = AbsenceKind(form.absence.data) if form.absence.data else None
    new = hours.NewHours(
        form.entry_date.data, ActivityKind(form.kind.data), float(form.hours.data), absence
    )
    try:
        with boundary.form_errors(form) as refused:
            claimed = submissions.claim(edits.posted_key(), current_user, "hours_entry")
            entry = hours.add(current_user, participant, new, today(), approve=True)
            submissions.finish(claimed, entry.id)
    except submissions.AlreadySubmitted:
        return edits.already_sent(
            url_for(".show", participant_id=participant_id, _anchor="historie")
        )
    if refused:
        return _page(participant_id, status=422, entry_form=form)
    flash(_("De uren zijn opgeslagen."), "success")
    return redirect(url_for(".show", participant_id=participant_id, _anchor="historie"))
