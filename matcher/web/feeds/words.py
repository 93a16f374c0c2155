"""The words of calendar events and reminder mails (in the account's language)."""

from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from matcher.services.meetings import Meeting
from matcher.web.labels import MATCH_KIND_LABELS


def event_words(meeting: Meeting) -> tuple[str, str]:
    """(summary, location) of a meeting's event."""
    if meeting.kind == "placement":
        summary = _("%(what)s: %(name)s komt", what=meeting.what, name=meeting.first_name)
        return summary, meeting.where
    kind = MATCH_KIND_LABELS.get(meeting.kind, meeting.kind)
    summary = _("%(kind)s: afspraak met %(name)s", kind=kind, name=meeting.first_name)
    return summary, _("plaats in overleg met de coördinator")


def reminder(user, meeting: Meeting, day) -> tuple[str, str]:
    """(subject, body) of the reminder the day before."""
    with force_locale(user.locale or "nl"):
        summary, location = event_words(meeting)
        when = format_date(day, "EEEE d MMMM")
        subject = _("Morgen: %(summary)s", summary=summary)
        body = _(
            "Beste %(name)s,\n\nEen herinnering: morgen, %(when)s, van %(starts)s tot"
            " %(ends)s.\n%(summary)s\nWaar: %(location)s\n\nKunt u niet? Meld het in het"
            " vrijwilligersportaal of bij uw coördinator.\n\nU krijgt deze herinneringen omdat u"
            " ze in het portaal hebt aangezet; daar zet u ze ook uit.",
            name=(user.name or "").split(" ")[0],
            when=when,
            starts=f"{meeting.starts:%H:%M}",
            ends=f"{meeting.ends:%H:%M}",
            summary=summary,
            location=location,
        )
    return subject, body
