"""A scenario's changes in words for the coordinator, and the registration link of a new
placement or volunteer (web/prefill.py)."""

from flask_babel import gettext as _
from flask_babel import ngettext

from matcher.extensions import db
from matcher.models import Organisation, Participant, Placement
from matcher.web import prefill
from matcher.web.labels import VOLUNTEER_KIND_LABELS, daypart_label
from matcher.web.recruitment.words import _hours, _interests, _when


def _placement_name(placement_id) -> str:
    placement = db.session.get(Placement, placement_id) if placement_id else None
    if placement is None:
        return _("een plek die er niet meer is")
    return f"{placement.title} ({placement.organisation.name})"


def _sessions(rows) -> str:
    parts = [
        ngettext(
            "%(when)s %(hours)s uur, %(num)d plaats",
            "%(when)s %(hours)s uur, %(num)d plaatsen",
            int(r["capacity"]),
            when=daypart_label(r["daypart"]),
            hours=_hours(r.get("hours") or 0),
        )
        for r in rows
    ]
    return "; ".join(parts)


def _addition(change: dict) -> str:
    s = change["suggestion"]
    where = change.get("area") or _("de regio")
    if s["kind"] == "more_capacity":
        seats = sum(int(x["capacity"]) for x in s["sessions"])
        return ngettext(
            "%(num)d extra plaats bij %(where)s op %(when)s",
            "%(num)d extra plaatsen bij %(where)s op %(when)s",
            seats,
            where=_placement_name(change.get("placement_db_id")),
            when=_when(x["daypart"] for x in s["sessions"]),
        )
    if s["kind"] == "new_session":
        return _(
            "een extra dagdeel bij %(where)s: %(sessions)s",
            where=_placement_name(change.get("placement_db_id")),
            sessions=_sessions(s["sessions"]),
        )
    if s["kind"] == "new_placement":
        return _(
            "een nieuwe plek (%(category)s, taalniveau %(level)s) bij %(where)s: %(sessions)s",
            category=_interests(s["categories"]),
            level=s["min_language_level"],
            where=where,
            sessions=_sessions(s["sessions"]),
        )
    return ngettext(
        "een %(kind)s bij %(where)s, tot %(km)s km, op %(when)s, voor %(num)d deelnemer",
        "een %(kind)s bij %(where)s, tot %(km)s km, op %(when)s, voor %(num)d deelnemers",
        int(s["capacity"]),
        kind=VOLUNTEER_KIND_LABELS.get(s["volunteer_kind"], s["volunteer_kind"]),
        where=where,
        km=_hours(s["max_km"]),
        when=_when(s["available"]),
    )


def describe(change: dict) -> str:
    """One change in a line, e.g. "2 plaatsen erbij bij Tuin (Kringloop) op dinsdag ochtend"."""
    kind = change["kind"]
    if kind in ("suggestion", "new_placement", "new_volunteer"):
        text = _addition(change)
        return _("Wervingsadvies: %(what)s", what=text) if kind == "suggestion" else text
    if kind == "capacity":
        delta = int(change["delta"])
        return ngettext(
            "%(num)d plaats %(way)s bij %(where)s op %(when)s",
            "%(num)d plaatsen %(way)s bij %(where)s op %(when)s",
            abs(delta),
            way=_("erbij") if delta > 0 else _("eraf"),
            where=_placement_name(change["placement_id"]),
            when=daypart_label(change["daypart"]),
        )
    if kind == "pause_organisation":
        organisation = db.session.get(Organisation, change["organisation_id"])
        name = organisation.name if organisation else _("een organisatie die er niet meer is")
        return _("%(name)s doet niet mee (alle plekken dicht)", name=name)
    person = db.session.get(Participant, change["participant_id"])
    name = f"{person.first_name} {person.last_name}" if person else _("een deelnemer")
    if not change["dayparts"]:
        return _("%(name)s kan op geen enkel dagdeel", name=name)
    return _("%(name)s kan op %(when)s", name=name, when=_when(change["dayparts"]))


def registration_url(change: dict) -> str | None:
    """The pre-filled registration form of a new placement or volunteer; None for other kinds."""
    s = change.get("suggestion") or {}
    if s.get("kind") == "new_placement":
        return prefill.placement_url(s, change.get("area", ""))
    if s.get("kind") == "new_volunteer":
        return prefill.volunteer_url(s, change.get("area", ""))
    return None
