"""The Werving map: its data as JSON for static/werving-map.js, and what the Werving page needs
to draw it (the tile server, which that page's policy alone admits, and the same data as lists).

No names and no homes reach the map: participants below the minimum are counts per grid cell
of about 500 m (services/recruitment_map.py)."""

from flask import current_app, jsonify, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from matcher.services import advice as advice_service
from matcher.services import recruitment_map as rmap
from matcher.web.filters import week_label
from matcher.web.labels import daypart_label
from matcher.web.recruitment import bp, words
from matcher.web.security import allow_on_this_page, origin_of
from matcher.weeks import today, week_start


def map_week(run):
    """The week the map is about: the latest advice run's, else this week."""
    return run.week_start if run is not None else week_start(today())


def _finished(run):
    return run if run is not None and run.status == "done" else None


def seats_text(seats: rmap.FreeSeats) -> str:
    """The free seats in words, e.g. 3 vrije plaatsen: dinsdag ochtend 2, donderdag middag 1."""
    per_daypart = ", ".join(f"{daypart_label(d)} {n}" for d, n in seats.free.items())
    count = ngettext("%(num)d vrije plaats", "%(num)d vrije plaatsen", seats.total)
    return f"{count}: {per_daypart}"


def page_context(run) -> dict:
    """What index.html needs for the map and its text alternative; admits the tile server's
    origin as an image source on this response only."""
    tiles = current_app.config["MAP_TILE_URL"].strip()
    origin = origin_of(tiles)
    if origin is not None:
        allow_on_this_page("img-src", origin)
    week = map_week(run)
    below = rmap.below_minimum(week)
    return {
        "map_tiles": tiles,
        "map_attribution": current_app.config["MAP_TILE_ATTRIBUTION"],
        "map_week": week,
        "below_towns": rmap.per_municipality(below),
        "below_total": len(below),
        "free_seats": rmap.free_seats(week),
        "seats_text": seats_text,
    }


@bp.route("/kaart.json")
def map_data():
    """The map's markers: counts per grid cell, placements with free seats, suggestions."""
    run = advice_service.latest()
    week = map_week(run)
    cell_size = rmap.CELL_METRES
    below = [
        {
            "lat": c.lat,
            "lon": c.lon,
            "count": c.count,
            "title": ngettext(
                "%(num)d deelnemer onder het minimum",
                "%(num)d deelnemers onder het minimum",
                c.count,
            ),
            "text": _(
                "in een vak van ongeveer %(metres)d bij %(metres)d meter in %(town)s",
                metres=cell_size,
                town=c.municipality,
            ),
        }
        for c in rmap.cells(rmap.below_minimum(week))
    ]
    seats = [
        {
            "lat": s.placement.lat,
            "lon": s.placement.lon,
            "count": s.total,
            "title": f"{s.placement.title} ({s.placement.organisation.name})",
            "text": seats_text(s),
        }
        for s in rmap.free_seats(week)
    ]
    suggestions = []
    finished = _finished(run)
    if finished is not None:
        by_rank = {s["rank"]: s for s in finished.document.get("suggestions", [])}
        for point in rmap.suggestion_points(finished):
            suggestions.append(
                {
                    "lat": point.lat,
                    "lon": point.lon,
                    "count": point.rank,
                    "title": _("Advies %(rank)d", rank=point.rank),
                    "text": words.line(finished, by_rank[point.rank]),
                    "href": url_for(
                        "recruitment.suggestion", advice_id=finished.id, rank=point.rank
                    ),
                }
            )
    return jsonify(
        {
            "week": week_label(week),
            "centre": rmap.centre(),
            "below": below,
            "seats": seats,
            "suggestions": suggestions,
        }
    )
