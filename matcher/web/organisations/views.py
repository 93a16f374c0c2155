"""Views of the host organisations: the list, the form, (de)activating."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from matcher.extensions import db
from matcher.models import Organisation
from matcher.services import organisations, rosters, submissions
from matcher.services.errors import NotFound
from matcher.web import boundary, edits, params
from matcher.web.organisations import bp
from matcher.web.organisations.forms import ActiveForm, FilterForm, OrganisationForm
from matcher.web.registry import forms as registry


@bp.route("/")
def index():
    form = FilterForm(request.args)
    form.municipality.choices = registry.municipality_choices(_l("alle"))
    ok = form.validate()
    result = organisations.search(
        text=form.q.data or "" if ok else "",
        municipality_id=int(form.municipality.data) if ok and form.municipality.data else None,
        active=registry.active_filter(form.active.data) if ok else None,
        page=form.page.data or 1 if ok else 1,
        per_page=current_app.config["PAGE_SIZE"],
    )
    return render_template("organisations/index.html", form=form, result=result)


@bp.route("/nieuw", methods=["GET", "POST"])
def create():
    return _edit(None)


@bp.route("/<int:organisation_id>", methods=["GET", "POST"])
def edit(organisation_id: int):
    return _edit(_get(organisation_id))


def _get(organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(organisation_id)
    return organisation


def _edit(organisation: Organisation | None):
    form = OrganisationForm(obj=organisation if request.method == "GET" else None)
    form.municipality.choices = registry.municipality_choices(_l("kies een gemeente"))
    if request.method == "GET" and organisation is not None:
        form.municipality.data = str(organisation.municipality_id)
    conflict = None
    if form.validate_on_submit():
        values = {
            name: (getattr(form, name).data or "").strip()
            for name in ("name", "contact_name", "contact_email", "contact_phone", "external_ref")
        }
        values["municipality_id"] = int(form.municipality.data)
        try:
            with boundary.form_errors(form) as refused:
                claimed = None
                if organisation is None:
                    claimed = submissions.claim(edits.posted_key(), current_user, "organisation")
                saved = organisations.save(
                    current_user, organisation, values, edits.posted_version()
                )
                submissions.finish(claimed, saved.id)
        except submissions.AlreadySubmitted as done:
            return edits.already_sent(_landing(done.record_id))
        if not refused:
            flash(_("Organisatie '%(name)s' is opgeslagen.", name=saved.name), "success")
            return redirect(url_for("organisations.edit", organisation_id=saved.id))
        conflict = refused.conflict
    status = 409 if conflict else 422 if form.errors else 200
    return render_template(
        "organisations/form.html",
        form=form,
        organisation=organisation,
        active_form=ActiveForm(),
        conflict=conflict,
    ), status


def _landing(organisation_id: int | None) -> str:
    if organisation_id is None:
        return url_for("organisations.index")
    return url_for("organisations.edit", organisation_id=organisation_id)


@bp.post("/<int:organisation_id>/actief")
def toggle(organisation_id: int):
    organisation = _get(organisation_id)
    if ActiveForm().validate_on_submit():
        organisations.set_active(current_user, organisation, not organisation.active)
        if organisation.active:
            flash(_("Organisatie '%(name)s' is weer actief.", name=organisation.name), "success")
        else:
            flash(
                _(
                    "Organisatie '%(name)s' en haar plekken zijn gedeactiveerd.",
                    name=organisation.name,
                ),
                "success",
            )
    return redirect(url_for("organisations.edit", organisation_id=organisation.id))


@bp.get("/<int:organisation_id>/rooster")
def roster(organisation_id: int):
    """The organisation's page: every placement with its roster for a week (issue 13)."""
    organisation = _get(organisation_id)
    week, weeks = params.arg_week()
    placements = rosters.organisation_placements(organisation.id)
    by_placement = rosters.placement_roster([p.id for p in placements], week)
    return render_template(
        "organisations/roster.html",
        organisation=organisation,
        week=week,
        weeks=weeks,
        placements=[(p, rosters.roster_sections(p, by_placement[p.id])) for p in placements],
    )
