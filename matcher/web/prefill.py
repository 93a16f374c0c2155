"""A suggestion (or a scenario's new placement or volunteer) opened as the real registration form,
pre-filled: the link carries the fields as GET parameters, the form reads them back through
web/params.py. Nothing is created until the coordinator chooses the rest and saves.

The parameters hold no personal data: a category, a Dutch level, sessions, the rough location
(coordinates of a suggested spot and the name of its area)."""

from flask import url_for

from matcher import bounds
from matcher.categories import CATEGORIES
from matcher.dayparts import DAYPARTS, INDEX, default_times
from matcher.models import DutchLevel, VolunteerKind
from matcher.web import params


def _where(s: dict, area: str) -> dict:
    return {"lat": f"{s['lat']:.5f}", "lon": f"{s['lon']:.5f}", "area": area[:80] or None}


def placement_url(s: dict, area: str = "") -> str:
    """The new-placement form filled with a matcher-advice/1 `new_placement` suggestion."""
    sessions = {}
    for row in s.get("sessions", []):
        sessions[f"hours-{row['daypart']}"] = f"{float(row['hours']):g}"
        sessions[f"capacity-{row['daypart']}"] = int(row["capacity"])
    return url_for(
        "placements.create",
        category=(s.get("categories") or [None])[0],
        min_dutch_level=s.get("min_language_level"),
        **_where(s, area),
        **sessions,
    )


def volunteer_url(s: dict, area: str = "") -> str:
    """The new-volunteer form filled with a matcher-advice/1 `new_volunteer` suggestion."""
    return url_for(
        "volunteers.create",
        kind=s.get("volunteer_kind"),
        travel_km=f"{float(s['max_km']):g}" if s.get("max_km") is not None else None,
        capacity=s.get("capacity"),
        session_hours=f"{float(s.get('session_hours') or 2):g}",
        availability=list(s.get("available", [])),
        **_where(s, area),
    )


def _location() -> dict:
    return {
        "lat": params.arg_number("lat", bound=bounds.LATITUDE),
        "lon": params.arg_number("lon", bound=bounds.LONGITUDE),
        "area": params.arg_text("area"),
    }


def placement_fields() -> dict:
    """The pre-filled fields of the new-placement form: category, min_dutch_level, lat, lon,
    area, and `typed` (the session grid: start and end time and capacity per day-part; a
    suggestion gives hours, so the times are the day-part's default start plus those hours).
    400 when wrong."""
    typed = {}
    for daypart in DAYPARTS:
        hours = params.arg_number(f"hours-{daypart}", bound=bounds.SESSION_HOURS)
        seats = params.arg_int(f"capacity-{daypart}", bound=bounds.SESSION_PLACES)
        if hours is not None or seats is not None:
            starts, ends = default_times(daypart, hours) if hours is not None else (None, None)
            typed[daypart] = {
                "starts": f"{starts:%H:%M}" if starts else "",
                "ends": f"{ends:%H:%M}" if ends else "",
                "capacity": str(seats) if seats is not None else "",
            }
    return {
        "category": params.arg_choice("category", CATEGORIES),
        "min_dutch_level": params.arg_choice("min_dutch_level", [x.value for x in DutchLevel]),
        "typed": typed,
        **_location(),
    }


def volunteer_fields() -> dict:
    """The pre-filled fields of the new-volunteer form: kind, travel_km, capacity,
    session_hours, availability (a mask), lat, lon, area. 400 when wrong."""
    chosen = params.arg_choices("availability", DAYPARTS)
    return {
        "kind": params.arg_choice("kind", [x.value for x in VolunteerKind]),
        "travel_km": params.arg_number("travel_km", bound=bounds.TRAVEL_KM),
        "capacity": params.arg_int("capacity", bound=bounds.VOLUNTEER_CAPACITY),
        "session_hours": params.arg_number("session_hours", bound=bounds.MEETING_HOURS),
        "availability": sum(1 << INDEX[d] for d in set(chosen)),
        **_location(),
    }
