"""Suggestions of an advice run in words: a line for the list, and a recruitment text without
personal data (what, where roughly, when, how many, Dutch level, the interests that fit)."""

from collections import Counter

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Municipality, Participant, Placement
from matcher.web.labels import CATEGORY_LABELS, VOLUNTEER_KIND_LABELS, daypart_label


def _when(dayparts) -> str:
    names = [daypart_label(d) for d in dayparts]
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s en %(last)s", first=", ".join(names[:-1]), last=names[-1])


def _interests(categories) -> str:
    names = [str(CATEGORY_LABELS.get(c, c)) for c in categories]
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s of %(last)s", first=", ".join(names[:-1]), last=names[-1])


def _placement(run, suggestion) -> Placement | None:
    db_id = run.places.get(suggestion.get("placement") or "")
    return db.session.get(Placement, db_id) if db_id else None


def area(run, suggestion) -> str:
    """Where roughly: the placement's organisation, or the municipality most of those who gain
    live in (never an address)."""
    placement = _placement(run, suggestion)
    if placement is not None:
        return f"{placement.title} ({placement.organisation.name})"
    ids = [run.people[i] for i in suggestion["participants"] if i in run.people]
    names = db.session.scalars(
        select(Municipality.name)
        .join(Participant, Participant.municipality_id == Municipality.id)
        .where(Participant.id.in_(ids))
    )
    towns = Counter(names).most_common(1)
    return towns[0][0] if towns else _("de regio")


def line(run, s) -> str:
    """One suggestion in a line, e.g. "2 extra plaatsen bij … op dinsdag ochtend → 3 deelnemers
    meer op hun minimum"."""
    gain = s["gain"]["meets_minimum"]
    lifted = ngettext(
        "%(num)d deelnemer meer op het minimum", "%(num)d deelnemers meer op het minimum", gain
    )
    where = area(run, s)
    if s["kind"] == "more_capacity":
        seats = sum(x["capacity"] for x in s["sessions"])
        what = ngettext(
            "%(num)d extra plaats bij %(where)s op %(when)s",
            "%(num)d extra plaatsen bij %(where)s op %(when)s",
            seats,
            where=where,
            when=_when(x["daypart"] for x in s["sessions"]),
        )
    elif s["kind"] == "new_session":
        what = _(
            "een extra dagdeel bij %(where)s op %(when)s",
            where=where,
            when=_when(x["daypart"] for x in s["sessions"]),
        )
    elif s["kind"] == "new_placement":
        what = _(
            "een nieuwe plek in %(where)s op %(when)s, %(hours)s uur, taalniveau %(level)s,"
            " interesse %(interests)s",
            where=where,
            when=_when(x["daypart"] for x in s["sessions"]),
            hours=_hours(s["sessions"][0]["hours"]),
            level=s["min_language_level"],
            interests=_interests(s["categories"]),
        )
    else:
        wanted = s["gain"]["wants_met"]
        lifted = ngettext(
            "%(num)d deelnemer die er een wil", "%(num)d deelnemers die er een willen", wanted
        )
        what = _(
            "een %(kind)s in %(where)s op %(when)s",
            kind=VOLUNTEER_KIND_LABELS[s["volunteer_kind"]],
            where=where,
            when=_when(s["available"]),
        )
    return f"{what} → {lifted}"


def _hours(value) -> str:
    return f"{value:g}".replace(".", ",")


def recruitment_text(run, s) -> str:
    """A text for a host organisation or a volunteer platform: no names, no addresses."""
    where = area(run, s)
    if s["kind"] == "new_volunteer":
        return _(
            "Gezocht: %(kind)s in %(where)s. Eén keer per week %(hours)s uur, op %(when)s, voor"
            " %(count)s nieuwkomers die Nederlands leren en graag iemand willen ontmoeten.",
            kind=VOLUNTEER_KIND_LABELS[s["volunteer_kind"]],
            where=where,
            hours=_hours(s["session_hours"]),
            when=_when(s["available"]),
            count=s["capacity"],
        )
    seats = max(x["capacity"] for x in s["sessions"])
    when = _when(x["daypart"] for x in s["sessions"])
    if s["kind"] == "new_placement":
        return _(
            "Gezocht: vrijwilligersplekken in %(where)s voor %(count)s nieuwkomers op de Z-route,"
            " op %(when)s, %(hours)s uur per keer. Taalniveau Nederlands: %(level)s. Werk dat"
            " past bij hun interesses: %(interests)s. Begeleiding door de gemeente.",
            where=where,
            count=seats,
            when=when,
            hours=_hours(s["sessions"][0]["hours"]),
            level=s["min_language_level"],
            interests=_interests(s["categories"]),
        )
    return _(
        "Verzoek aan %(where)s: plaats voor %(count)s extra vrijwilligers op %(when)s,"
        " nieuwkomers op de Z-route die Nederlands leren. Begeleiding door de gemeente.",
        where=where,
        count=seats,
        when=when,
    )
