"""The words of weekly matching shared by its view modules (views, review_views): the labels of
run and solver states, actions and decisions, and the messages of a confirmation or decision
that came too late; the hours and action of a proposal for the templates."""

from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matcher.dayparts import from_mask
from matcher.services.matching import review
from matcher.web.filters import session_when
from matcher.web.labels import daypart_label

CHOICES = {"accept", "reject", "pin"}
RUN_STATUS = {
    "queued": _l("in de wachtrij"),
    "running": _l("bezig"),
    "done": _l("klaar om te beoordelen"),
    "failed": _l("mislukt"),
    "confirmed": _l("bevestigd"),
}
SOLVER_STATUS = {
    "optimal": _l("optimaal"),
    "feasible": _l("goed, niet bewezen optimaal"),
    "infeasible": _l("onmogelijk"),
    "no_solution": _l("geen oplossing"),
}
RUN_ERRORS = {
    "server_stopped": _l("de server is gestopt tijdens de koppelronde"),
    "stale": _l("de server is gestopt tijdens de koppelronde"),
    "not_picked_up": _l("geen verwerker heeft de koppelronde op tijd opgepakt"),
}
OUTBOX_STATUS = {
    "pending": _l("wacht"),
    "sending": _l("wordt verstuurd"),
    "sent": _l("verstuurd"),
    "failed": _l("mislukt"),
}
OUTBOX_BADGE = {"pending": "changed", "sending": "changed", "sent": "ok", "failed": "error"}
ACTIONS = {"keep": _l("blijft"), "add": _l("nieuw"), "end": _l("stopt"), "change": _l("gewijzigd")}
DECISIONS = {"pending": _l("open"), "accepted": _l("geaccepteerd"), "rejected": _l("afgewezen")}


def match_hours(match) -> float:
    """Weekly hours of a match: its placement sessions, or the volunteer meeting."""
    if match.volunteer is not None:
        return match.volunteer.session_hours
    by_day = {s.daypart: s.hours for s in match.placement.sessions}
    return sum(by_day.get(d, 0.0) for d in from_mask(match.dayparts))


def match_when(match) -> str:
    """A match's day-parts; a placement's with its sessions' clock times (issue 13)."""
    names = from_mask(match.dayparts)
    if match.placement is None:
        return ", ".join(daypart_label(name) for name in names)
    sessions = {s.daypart: s for s in match.placement.sessions}
    return "; ".join(
        session_when(sessions[name]) if name in sessions else daypart_label(name) for name in names
    )


def action_of(proposal) -> str:
    """keep, add, end, or change (an added match that replaces a running one's day-parts)."""
    action = proposal.action.value
    return "change" if action == "add" and proposal.replaces_id is not None else action


def run_error_label(run) -> str:
    """Why a run failed, in a few words."""
    return str(RUN_ERRORS.get(run.error, _l("er ging iets mis bij het berekenen")))


def _moment(at) -> str:
    return format_datetime(at, "d MMMM yyyy, HH:mm") if at else "?"


def _already_confirmed(error: review.AlreadyConfirmed) -> str:
    return _(
        "Deze ronde is al bevestigd door %(name)s op %(when)s; er is niets opnieuw opgeslagen"
        " of verstuurd.",
        name=error.by.name if error.by else "?",
        when=_moment(error.at),
    )


def _decided_meanwhile(error: review.DecidedMeanwhile) -> str:
    proposal = error.proposal
    if proposal.pinned:
        what = _("vastgezet")
    else:
        what = DECISIONS.get(str(proposal.decision.value), proposal.decision.value)
    return _(
        "%(name)s heeft dit voorstel intussen %(what)s (%(when)s); uw keuze is niet opgeslagen.",
        name=proposal.decided_by.name if proposal.decided_by else "?",
        what=what,
        when=_moment(proposal.decided_at),
    )
