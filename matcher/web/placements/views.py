"""Views of the placements: the list, the form with its session grid, (de)activating."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectChoice

from matcher.extensions import db
from matcher.models import Placement
from matcher.services import invitations, organisations, placements, records, submissions, week_plan
from matcher.services.errors import NotFound
from matcher.web import boundary, edits, params, prefill
from matcher.web.fields import RECORD_ID
from matcher.web.placements import bp, invitation_views  # noqa: F401  (its routes)
from matcher.web.placements.forms import ActiveForm, PlacementFilterForm, PlacementForm
from matcher.web.registry import forms as registry


@bp.route("/")
def index():
    form = PlacementFilterForm(request.args)
    form.category.choices = [SelectChoice("", _l("alle")), *registry.category_choices()]
    form.municipality.choices = registry.municipality_choices(_l("alle"))
    ok = form.validate()
    result = placements.search(
        text=form.q.data or "" if ok else "",
        category=form.category.data or None if ok else None,
        municipality_id=int(form.municipality.data) if ok and form.municipality.data else None,
        active=registry.active_filter(form.active.data) if ok else None,
        page=form.page.data or 1 if ok else 1,
        per_page=current_app.config["PAGE_SIZE"],
    )
    return render_template("placements/index.html", form=form, result=result)


@bp.route("/nieuw", methods=["GET", "POST"])
def create():
    return _edit(None)


@bp.route("/<int:placement_id>", methods=["GET", "POST"])
def edit(placement_id: int):
    placement = db.session.get(Placement, placement_id)
    if placement is None:
        raise NotFound(placement_id)
    return _edit(placement)


def _edit(placement: Placement | None):
    form = PlacementForm(obj=placement if request.method == "GET" else None)
    _fill_choices(form, placement)
    if request.method == "GET":
        typed = _prefill(form, placement)
        typed |= {
            s.daypart: {
                "starts": f"{s.starts_at:%H:%M}",
                "ends": f"{s.ends_at:%H:%M}",
                "capacity": str(s.capacity),
            }
            for s in (placement.sessions if placement else [])
        }
        return _render(form, placement, typed, {})
    typed, sessions, grid_errors = registry.read_sessions(request.form)
    if form.validate() and not grid_errors:
        try:
            with boundary.form_errors(form, {"sessions": _("Sessies per week")}) as refused:
                saved = _save(form, placement, sessions)
        except submissions.AlreadySubmitted as done:
            return edits.already_sent(_landing(done.record_id))
        if refused.conflict:
            return _render(form, placement, typed, grid_errors, refused.conflict), 409
        if not refused:
            flash(_("Plek '%(title)s' is opgeslagen.", title=saved.title), "success")
            return redirect(url_for("placements.index"))
        grid_errors = refused.unplaced
    return _render(form, placement, typed, grid_errors), 422


def _save(form: PlacementForm, placement: Placement | None, sessions: dict) -> Placement:
    claimed = None
    if placement is None:
        claimed = submissions.claim(edits.posted_key(), current_user, "placement")
    postcode, lat, lon = records.coordinates(
        form.postcode.data, form.lat.data, form.lon.data, placement
    )
    values = _values(form, postcode, lat, lon)
    saved = placements.save(current_user, placement, values, sessions, edits.posted_version())
    submissions.finish(claimed, saved.id)
    return saved


def _render(form, placement, typed, grid_errors, conflict=None):
    return render_template(
        "placements/form.html",
        form=form,
        placement=placement,
        typed=typed,
        grid_errors=grid_errors,
        active_form=ActiveForm(),
        conflict=conflict,
        invitation=invitations.open_invitation(placement.contact_user) if placement else None,
    )


def _landing(placement_id: int | None) -> str:
    if placement_id is None:
        return url_for("placements.index")
    return url_for("placements.edit", placement_id=placement_id)


def _fill_choices(form: PlacementForm, placement: Placement | None) -> None:
    form.organisation.choices = [SelectChoice("", _l("kies een organisatie"))] + [
        SelectChoice(str(o.id), o.name)
        for o in organisations.choices(placement.organisation_id if placement else None)
    ]
    form.category.choices = [
        SelectChoice("", _l("kies een categorie")),
        *registry.category_choices(),
    ]
    form.contact_user.choices = [SelectChoice("", _l("geen"))] + [
        SelectChoice(str(u.id), f"{u.name} ({u.email})") for u in placements.contact_choices()
    ]


def _prefill(form: PlacementForm, placement: Placement | None) -> dict:
    """Fill the form for GET; the session grid's values from a suggestion's link (web/prefill)."""
    if placement is None:
        chosen = params.arg_int("organisation", bound=RECORD_ID)
        form.organisation.data = str(chosen) if chosen else ""
        given = prefill.placement_fields()
        for name in ("category", "min_dutch_level", "lat", "lon"):
            if given[name] is not None:
                getattr(form, name).data = given[name]
        if given["typed"] or given["category"]:
            form.prefilled = given  # the page says where it came from (placements/form.html)
        return given["typed"]
    form.organisation.data = str(placement.organisation_id)
    form.contact_user.data = str(placement.contact_user_id or "")
    form.min_dutch_level.data = placement.min_dutch_level.value
    return {}


def _values(form: PlacementForm, postcode: str, lat: float, lon: float) -> dict:
    return {
        "organisation_id": int(form.organisation.data),
        "title": form.title.data.strip(),
        "category": form.category.data,
        "min_dutch_level": form.min_dutch_level.data,
        "description": (form.description.data or "").strip(),
        "address": (form.address.data or "").strip(),
        "postcode": postcode,
        "lat": lat,
        "lon": lon,
        "contact_user_id": int(form.contact_user.data) if form.contact_user.data else None,
        "external_ref": (form.external_ref.data or "").strip(),
    }


@bp.post("/<int:placement_id>/actief")
def toggle(placement_id: int):
    placement = db.session.get(Placement, placement_id)
    if placement is None:
        raise NotFound(placement_id)
    if ActiveForm().validate_on_submit():
        placements.set_active(current_user, placement, not placement.active)
        if placement.active:
            flash(_("Plek '%(title)s' is weer actief.", title=placement.title), "success")
        else:
            flash(_("Plek '%(title)s' is gedeactiveerd.", title=placement.title), "success")
    return redirect(url_for("placements.edit", placement_id=placement.id))


@bp.get("/<int:placement_id>/rooster")
def roster(placement_id: int):
    """Who comes on each session of the placement in a week (issue 13), printable."""
    placement = db.session.get(Placement, placement_id)
    if placement is None:
        raise NotFound(placement_id)
    week, weeks = params.arg_week()
    by_daypart = week_plan.placement_roster([placement.id], week)[placement.id]
    return render_template(
        "placements/roster.html",
        placement=placement,
        week=week,
        weeks=weeks,
        sections=week_plan.roster_sections(placement, by_daypart),
    )
