"""Views of the volunteer portal: availability, absences, matches, reporting a session."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from matcher.dayparts import from_mask, to_mask
from matcher.models import AbsenceKind, MatchKind
from matcher.services import meetings, rosters, submissions, volunteering
from matcher.services.errors import NotFound
from matcher.web import boundary, edits, params
from matcher.web.fields import RECORD_ID
from matcher.web.labels import MATCH_KIND_LABELS
from matcher.web.volunteer_portal import agenda_views, bp
from matcher.web.volunteer_portal.forms import (
    AbsenceForm,
    AgendaForm,
    AvailabilityForm,
    RemoveAbsenceForm,
    ReportForm,
)
from matcher.weeks import today


def _page(absence_form=None, status: int = 200, conflict=None, typed_mask=None):
    volunteer = volunteering.own_volunteer(current_user)
    mask = typed_mask if typed_mask is not None else volunteer.availability if volunteer else 0
    week, weeks = params.arg_week()
    own = [m for m in volunteering.own_matches(current_user) if m.kind != MatchKind.PLACEMENT]
    upcoming = [
        (day, meeting)
        for day, meeting in meetings.upcoming(current_user, today(), agenda_views.DAYS_AHEAD)
        if meeting.kind != MatchKind.PLACEMENT
    ]
    next_of = {}
    for day, meeting in upcoming:
        if day not in meeting.cancelled:
            next_of.setdefault(meeting.match_id, (day, meeting))
    return render_template(
        "volunteer_portal/index.html",
        volunteer=volunteer,
        conflict=conflict,
        available=from_mask(mask) if volunteer else [],
        matches=own,
        upcoming=upcoming[:8],
        next_of=next_of,
        agenda_form=AgendaForm(),
        week=week,
        weeks=weeks,
        hosted=_host_rosters(week),
        coordinators=volunteering.coordinators(),
        availability_form=AvailabilityForm(),
        absence_form=absence_form or AbsenceForm(),
        remove_form=RemoveAbsenceForm(),
    ), status


def _host_rosters(week):
    """For a host contact: each placement they are the contact of, with first names only."""
    hosted = rosters.hosted_placements(current_user)
    by_placement = rosters.placement_roster([p.id for p in hosted], week)
    return [(p, rosters.roster_sections(p, by_placement[p.id], host=True)) for p in hosted]


def _own_volunteer():
    volunteer = volunteering.own_volunteer(current_user)
    if volunteer is None:
        raise NotFound(current_user.id)
    return volunteer


def _tell_broken(broken, message: str) -> None:
    for match in broken:
        kind = MATCH_KIND_LABELS.get(match.kind, match.kind)
        flash(message % {"name": match.first_name, "kind": kind}, "error")


@bp.route("/")
def index():
    return _page()


@bp.route("/beschikbaarheid", methods=["POST"])
def availability():
    volunteer = _own_volunteer()
    form = AvailabilityForm()
    if not form.validate_on_submit():
        return _page(status=400)
    try:
        mask = to_mask(request.form.getlist("availability"))
    except ValueError:
        flash(_("Onbekend dagdeel; er is niets opgeslagen."), "error")
        return redirect(url_for(".index"))
    with boundary.form_errors(form, {"availability": _("Beschikbaarheid")}) as refused:
        broken = volunteering.set_availability(
            current_user, volunteer, mask, edits.posted_version()
        )
    if refused.conflict:
        return _page(status=409, conflict=refused.conflict, typed_mask=mask)
    if refused:
        flash(refused.message, "error")
        return redirect(url_for(".index"))
    flash(_("Uw beschikbaarheid is opgeslagen."), "success")
    _tell_broken(
        broken,
        _(
            "Let op: uw koppeling met %(name)s (%(kind)s) valt op een dagdeel dat u niet meer "
            "beschikbaar bent. De coördinator is op de hoogte gebracht en neemt contact op."
        ),
    )
    return redirect(url_for(".index"))


@bp.route("/afwezigheid", methods=["POST"])
def add_absence():
    volunteer = _own_volunteer()
    form = AbsenceForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    try:
        with boundary.form_errors(form) as refused:
            claimed = submissions.claim(edits.posted_key(), current_user, "volunteer_absence")
            affected = volunteering.add_absence(
                current_user,
                volunteer,
                form.starts_on.data,
                form.ends_on.data,
                form.reason.data,
                today(),
            )
            submissions.finish(claimed, max(a.id for a in volunteer.absences))
    except submissions.AlreadySubmitted:
        return edits.already_sent(url_for(".index"))
    if refused:
        return _page(form, 422)
    flash(_("Uw afwezigheid is opgeslagen."), "success")
    _tell_broken(
        affected,
        _(
            "Let op: tijdens uw afwezigheid gaat uw koppeling met %(name)s (%(kind)s) niet door. "
            "De coördinator is op de hoogte gebracht."
        ),
    )
    return redirect(url_for(".index"))


@bp.route("/afwezigheid/<int:absence_id>/verwijderen", methods=["POST"])
def remove_absence(absence_id: int):
    volunteer = _own_volunteer()
    if RemoveAbsenceForm().validate_on_submit():
        volunteering.remove_absence(current_user, volunteer, absence_id)
        flash(_("De afwezigheid is verwijderd."), "success")
    return redirect(url_for(".index"))


@bp.route("/melden", methods=["GET", "POST"])
def report():
    form = ReportForm()
    matches = volunteering.own_matches(current_user)
    form.match.choices = [
        SelectChoice(m.id, f"{m.first_name} ({MATCH_KIND_LABELS.get(m.kind, m.kind)})")
        for m in matches
    ]
    if request.method == "GET":
        form.match.data = params.arg_int("koppeling", form.match.data, bound=RECORD_ID)
    if form.validate_on_submit():
        absence = None if form.held.data == "held" else AbsenceKind(form.held.data)
        try:
            with boundary.form_errors(form) as refused:
                claimed = submissions.claim(edits.posted_key(), current_user, "hours_entry")
                entry = volunteering.report_session(
                    current_user,
                    form.match.data,
                    form.entry_date.data,
                    float(form.hours.data),
                    absence,
                    today(),
                )
                submissions.finish(claimed, entry.id)
        except submissions.AlreadySubmitted:
            return edits.already_sent(url_for(".index"))
        if not refused:
            flash(_("Bedankt, uw melding is doorgegeven aan de coach."), "success")
            return redirect(url_for(".index"))
    status = 422 if form.errors else 200
    return render_template("volunteer_portal/report.html", form=form, matches=matches), status
