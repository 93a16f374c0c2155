"""The e-mails a confirmation sends: one per volunteer or host contact with a new, changed or
ended match. Written in Dutch; they go through the outbox."""

from collections import defaultdict

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from matcher.models import Match, MatchingRun
from matcher.services import notifications
from matcher.services.matching.confirm import Change


def recipient(match: Match) -> tuple[str, str] | None:
    """(address, name) of whoever hosts this match: the volunteer, or the placement's contact."""
    if match.volunteer is not None:
        vol = match.volunteer
        return (vol.email, vol.first_name) if vol.email else None
    place = match.placement
    if place.contact_user is not None and place.contact_user.email:
        return place.contact_user.email, place.contact_user.name
    org = place.organisation
    return (org.contact_email, org.contact_name or org.name) if org.contact_email else None


def queue_messages(run: MatchingRun | None, changes: list[Change]) -> int:
    """Put one message per recipient in the outbox; returns how many."""
    by_recipient: dict[tuple[str, str], list[tuple[str, Match]]] = defaultdict(list)
    for change in changes:
        who = recipient(change.match)
        if who is not None:
            by_recipient[who].append((change.action, change.match))
    for (address, name), items in by_recipient.items():
        with force_locale("nl"):
            body = render_template(
                "matching/mail/changes.txt", name=name, items=_label(items), run=run
            )
            subject = _("Wijziging in uw koppelingen (matcher)")
        notifications.enqueue(address, subject, body, run.id if run else None)
    return len(by_recipient)


def _label(items: list[tuple[str, Match]]) -> list[tuple[str, Match]]:
    """Mark an end and a start for the same participant and place as one change."""
    starts = {(m.participant_id, m.placement_id, m.volunteer_id) for a, m in items if a == "new"}
    ends = {(m.participant_id, m.placement_id, m.volunteer_id) for a, m in items if a == "ended"}
    out = []
    for action, m in items:
        key = (m.participant_id, m.placement_id, m.volunteer_id)
        if key in starts and key in ends:
            if action == "new":
                out.append(("changed", m))
            continue
        out.append((action, m))
    return out
