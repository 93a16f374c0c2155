"""The e-mails a confirmation sends: one per volunteer or host contact with a new, changed or
ended match. Written in Dutch; they go through the outbox.

Each item says what (the placement or "taalmaatje"/"buddy"), with whom (the participant's first
name, Dutch level and languages by name), when (day-part with clock times when the session has
them), where (organisation and address; for a volunteer the participant's town) and from or
until which day; the message ends with the coordinator's name, phone and e-mail address."""

from collections import defaultdict
from dataclasses import dataclass

from flask import current_app, render_template
from flask_babel import force_locale, format_date, ngettext
from flask_babel import gettext as _

from matcher.dayparts import from_mask
from matcher.models import Match, MatchingRun, User
from matcher.services import meetings, notifications
from matcher.services.matching.confirm import Change
from matcher.web import filters, labels

LONG_DATE = "EEEE d MMMM yyyy"  # "woensdag 9 december 2026"


@dataclass(frozen=True)
class Item:
    """One change for the recipient, worded."""

    action: str  # new / changed / ended
    what: str
    participant: str
    when: list[str]
    where: str
    day: str  # the first day (new, changed) or the last day (ended)


def first_name(name: str) -> str:
    """The first word of a full name ("Jannie Wolters" → "Jannie"): one greeting style."""
    return (name or "").split(" ", 1)[0]


def recipient(match: Match) -> tuple[str, str] | None:
    """(address, first name) of whoever hosts this match: the volunteer, or the placement's
    contact."""
    if match.volunteer is not None:
        vol = match.volunteer
        return (vol.email, vol.first_name) if vol.email else None
    place = match.placement
    if place.contact_user is not None and place.contact_user.email:
        return place.contact_user.email, first_name(place.contact_user.name)
    org = place.organisation
    if not org.contact_email:
        return None
    return org.contact_email, first_name(org.contact_name) or org.name


def queue_messages(run: MatchingRun | None, changes: list[Change], coordinator: User) -> int:
    """Put one message per recipient in the outbox; returns how many."""
    by_recipient: dict[tuple[str, str], list[tuple[str, Match]]] = defaultdict(list)
    for change in changes:
        who = recipient(change.match)
        if who is not None:
            by_recipient[who].append((change.action, change.match))
    for (address, name), items in by_recipient.items():
        with force_locale("nl"):
            body = render_template(
                "matching/mail/changes.txt",
                name=name,
                items=[_item(action, m) for action, m in _label(items)],
                coordinator=coordinator,
            )
            subject = _("Wijziging in uw koppelingen (matcher)")
        notifications.enqueue(address, subject, body, run.id if run else None)
    return len(by_recipient)


def queued_note(queued: int) -> str:
    """What the confirm page says about the mail: how many messages wait in the outbox and
    whether a mail server is configured (MATCHER_MAIL_SERVER) to send them."""
    if current_app.config["MAIL_SERVER"]:
        return ngettext(
            "%(num)d bericht in de wachtrij gezet; de mailserver is ingesteld.",
            "%(num)d berichten in de wachtrij gezet; de mailserver is ingesteld.",
            queued,
        )
    return ngettext(
        "%(num)d bericht in de wachtrij gezet; de mailserver is niet ingesteld, dus het wacht.",
        "%(num)d berichten in de wachtrij gezet; de mailserver is niet ingesteld, dus ze wachten.",
        queued,
    )


def _item(action: str, m: Match) -> Item:
    person = m.participant
    about = [person.first_name, _("Nederlands %(level)s", level=person.dutch_level.value)]
    if person.languages:
        about.append(_("spreekt %(languages)s", languages=filters.language_names(person.languages)))
    day = m.ends_on if action == "ended" else m.starts_on
    return Item(
        action=action,
        what=_what(m),
        participant=", ".join(about),
        when=_when(m),
        where=_where(m),
        day=format_date(day, LONG_DATE) if day else "",
    )


def _what(m: Match) -> str:
    if m.placement is not None:
        return f"{m.placement.title} ({m.placement.organisation.name})"
    return str(labels.MATCH_KIND_LABELS.get(str(m.kind), m.kind))


def _when(m: Match) -> list[str]:
    """Each day-part of the match: a placement's session with its clock times when it has
    them (filters.session_when); a volunteer's at the times the portal and the calendar feed
    show (services/meetings.volunteer_times)."""
    names = from_mask(m.dayparts)
    if m.placement is not None:
        sessions = {s.daypart: s for s in m.placement.sessions}
        return [
            filters.session_when(sessions[n]) if n in sessions else labels.daypart_label(n)
            for n in names
        ]
    when = []
    for n in names:
        starts, ends = meetings.volunteer_times(n, m.volunteer.session_hours)
        moment = _(
            "%(starts)s–%(ends)s, de tijd kunt u samen verschuiven",
            starts=filters.clock(starts),
            ends=filters.clock(ends),
        )
        when.append(f"{labels.daypart_label(n)}, {moment}")
    return when


def _where(m: Match) -> str:
    if m.placement is not None:
        place = m.placement
        parts = [place.organisation.name, place.address, place.postcode]
        return ", ".join(p for p in parts if p)
    town = m.participant.municipality.main_place
    return _("in %(town)s; de plek spreekt u af met de coördinator", town=town)


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
