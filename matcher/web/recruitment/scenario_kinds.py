"""The kinds of change a coordinator drafts on a scenario: for each, its form (with choices),
the grid it reads (sessions or day-parts) and how the change is built from what was typed
(services/scenario_changes.py)."""

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectChoice

from matcher.dayparts import from_mask, hours_between
from matcher.extensions import db
from matcher.models import Organisation, Participant, Placement, PlacementSession
from matcher.services import scenario_changes as changes
from matcher.services.matching.instance import OPEN_STATUSES
from matcher.web import params
from matcher.web.fields import RECORD_ID
from matcher.web.labels import daypart_label
from matcher.web.recruitment import forms as f
from matcher.web.registry import forms as registry


def _organisations() -> list[SelectChoice]:
    rows = db.session.scalars(select(Organisation).order_by(Organisation.name))
    return [SelectChoice(str(o.id), o.name) for o in rows]


def _locations(form) -> None:
    form.organisation.choices = [SelectChoice("", _l("geen")), *_organisations()]
    form.municipality.choices = registry.municipality_choices(_l("geen"))


def _where(form):
    return changes.location(
        form.postcode.data,
        form.lat.data,
        form.lon.data,
        int(form.municipality.data) if form.municipality.data else None,
        int(form.organisation.data) if form.organisation.data else None,
    )


def _placement_form():
    form = f.NewPlacementForm()
    _locations(form)
    form.category.choices = [
        SelectChoice("", _l("kies een categorie")),
        *registry.category_choices(),
    ]
    return form


def _placement_change(form, grid):
    """The grid's sessions are clock times and places; the scenario's solver sessions hours."""
    _typed, sessions, _errors = grid
    lat, lon, area = _where(form)
    hours = {
        daypart: (hours_between(starts, ends), seats)
        for daypart, (starts, ends, seats) in sessions.items()
    }
    return changes.new_placement(
        lat, lon, area, form.category.data, form.min_dutch_level.data, hours
    )


def _volunteer_form():
    form = f.NewVolunteerForm()
    _locations(form)
    return form


def _volunteer_change(form, grid):
    mask, _error = grid
    lat, lon, area = _where(form)
    return changes.new_volunteer(
        lat,
        lon,
        area,
        form.kind.data,
        form.travel_km.data,
        from_mask(mask),
        form.capacity.data,
        form.session_hours.data,
    )


def _capacity_form():
    form = f.CapacityForm()
    rows = db.session.execute(
        select(Placement, PlacementSession.daypart, PlacementSession.capacity)
        .join(PlacementSession, PlacementSession.placement_id == Placement.id)
        .where(Placement.active)
        .order_by(Placement.title, PlacementSession.id)
    )
    form.session.choices = [SelectChoice("", _l("kies een plek en dagdeel"))] + [
        SelectChoice(
            f"{p.id}:{daypart}",
            _(
                "%(place)s (%(org)s), %(when)s: nu %(seats)s plaatsen",
                place=p.title,
                org=p.organisation.name,
                when=daypart_label(daypart),
                seats=seats,
            ),
        )
        for p, daypart, seats in rows
    ]
    return form


def _capacity_change(form, _grid):
    placement_id, daypart = form.session.data.split(":")
    return changes.capacity(int(placement_id), daypart, form.delta.data)


def _pause_form():
    form = f.PauseForm()
    form.organisation.choices = [SelectChoice("", _l("kies een organisatie")), *_organisations()]
    return form


def _pause_change(form, _grid):
    return changes.pause(int(form.organisation.data))


def _availability_form():
    form = f.AvailabilityForm()
    people = db.session.scalars(
        select(Participant)
        .where(Participant.status.in_(OPEN_STATUSES))
        .order_by(Participant.last_name, Participant.first_name)
    )
    form.participant.choices = [SelectChoice("", _l("kies een deelnemer"))] + [
        SelectChoice(str(p.id), f"{p.last_name}, {p.first_name} ({p.municipality.name})")
        for p in people
    ]
    return form


def _availability_change(form, grid):
    mask, _error = grid
    return changes.availability(int(form.participant.data), from_mask(mask))


def _sessions_grid():
    if request.method == "POST":
        return registry.read_sessions(request.form)
    return {}, {}, {}


def _availability_grid():
    """The ticked day-parts; on GET the chosen participant's own (?participant=)."""
    if request.method == "POST":
        return registry.read_availability(request.form)
    chosen = params.arg_int("participant", bound=RECORD_ID)
    person = db.session.get(Participant, chosen) if chosen else None
    return (person.availability if person else 0), None


# slug: (title, make the form, read the grid, build the change)
KINDS = {
    "plek": (_l("Een nieuwe plek"), _placement_form, _sessions_grid, _placement_change),
    "plaatsen": (_l("Plaatsen erbij of eraf"), _capacity_form, None, _capacity_change),
    "pauze": (_l("Een organisatie doet niet mee"), _pause_form, None, _pause_change),
    "vrijwilliger": (
        _l("Een nieuw taalmaatje of een nieuwe buddy"),
        _volunteer_form,
        _availability_grid,
        _volunteer_change,
    ),
    "beschikbaarheid": (
        _l("Andere beschikbaarheid van een deelnemer"),
        _availability_form,
        _availability_grid,
        _availability_change,
    ),
}
