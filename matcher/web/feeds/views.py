"""The feed itself: /agenda/<token>.ics."""

from flask import Response, abort
from flask_babel import force_locale

from matcher.services import calendar_feed
from matcher.web.feeds import bp, words
from matcher.weeks import today


@bp.get("/<token>.ics")
def feed(token: str):
    user = calendar_feed.owner(token)
    if user is None:
        abort(404)
    with force_locale(user.locale or "nl"):
        body = calendar_feed.feed(user, today(), words.event_words)
    response = Response(body, mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, max-age=900"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
