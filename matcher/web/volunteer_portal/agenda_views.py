"""The volunteer's agenda: the next meetings, "I can't come this week" in one tap, the calendar
feed (make, replace, withdraw) and the reminders (on, off)."""

from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from matcher.services import calendar_feed, meetings, submissions, volunteering
from matcher.web import boundary, edits
from matcher.web.feeds.words import event_words
from matcher.web.labels import MATCH_KIND_LABELS
from matcher.web.volunteer_portal import bp
from matcher.web.volunteer_portal.forms import AgendaForm
from matcher.weeks import today, week_start

DAYS_AHEAD = 28  # the list of next meetings
DONE = {
    "new_feed": _l("Er is een nieuwe agenda-link. Een oude link werkt niet meer."),
    "withdraw_feed": _l("De agenda-link is ingetrokken; hij werkt niet meer."),
    "reminders_on": _l("U krijgt voortaan de dag van tevoren een herinnering per e-mail."),
    "reminders_off": _l("U krijgt geen herinneringen meer."),
    "away_this_week": _l("Genoteerd: u kunt deze week niet. De coördinator is op de hoogte."),
}
AWAY_REASON = "kan deze week niet"


@bp.get("/agenda")
def agenda():
    token = current_user.calendar_token
    public = current_app.config["PUBLIC_URL"].rstrip("/")
    feed_url = public + url_for("feeds.feed", token=token) if token else None
    return render_template(
        "volunteer_portal/agenda.html",
        form=AgendaForm(),
        feed_url=feed_url,
        upcoming=meetings.upcoming(current_user, today(), DAYS_AHEAD),
        volunteer=volunteering.own_volunteer(current_user),
        words=event_words,
    )


@bp.post("/agenda")
def change_agenda():
    form = AgendaForm()
    if not form.validate_on_submit():
        abort(400)
    action = form.action.data
    if action == "new_feed":
        calendar_feed.new_token(current_user)
    elif action == "withdraw_feed":
        calendar_feed.withdraw(current_user)
    elif action == "away_this_week":
        _away_this_week()
    else:
        current_user.wants_reminders = action == "reminders_on"
    flash(str(DONE[action]), "success")
    return redirect(url_for(_back()))


def _back() -> str:
    """The one-tap absence is also on the portal's index: back to the page it came from."""
    if request.form.get("terug") == "index":
        return "volunteer_portal.index"
    return "volunteer_portal.agenda"


def _away_this_week() -> None:
    """One tap: an absence from today to Sunday; the coordinator gets a notice per match."""
    volunteer = volunteering.own_volunteer(current_user)
    if volunteer is None:
        abort(404)
    boundary.back_to(url_for(_back()))
    claimed = submissions.claim(edits.posted_key(), current_user, "volunteer_absence")
    day = today()
    affected = volunteering.add_absence(
        current_user, volunteer, day, week_start(day) + timedelta(days=6), AWAY_REASON, day
    )
    submissions.finish(claimed, max(a.id for a in volunteer.absences))
    for match in affected:
        kind = MATCH_KIND_LABELS.get(match.kind, match.kind)
        flash(
            _(
                "Uw afspraak met %(name)s (%(kind)s) gaat deze week niet door.",
                name=match.first_name,
                kind=kind,
            ),
            "info",
        )
