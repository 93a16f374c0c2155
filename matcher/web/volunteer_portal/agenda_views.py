"""The volunteer's calendar feed (make, replace, withdraw) and the reminders (on, off)."""

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from matcher.services import calendar_feed, meetings
from matcher.web.feeds.words import event_words
from matcher.web.volunteer_portal import bp
from matcher.web.volunteer_portal.forms import AgendaForm
from matcher.weeks import today

DAYS_AHEAD = 28  # the list of next meetings
DONE = {
    "new_feed": _l("Er is een nieuwe agenda-link. Een oude link werkt niet meer."),
    "withdraw_feed": _l("De agenda-link is ingetrokken; hij werkt niet meer."),
    "reminders_on": _l("U krijgt voortaan de dag van tevoren een herinnering per e-mail."),
    "reminders_off": _l("U krijgt geen herinneringen meer."),
}


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
    else:
        current_user.wants_reminders = action == "reminders_on"
    flash(str(DONE[action]), "success")
    return redirect(url_for("volunteer_portal.agenda"))
