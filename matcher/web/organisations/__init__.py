"""Host organisations: list, register, change, deactivate (coordinators)."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import EmailField, SearchField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from matcher.extensions import db
from matcher.models import Organisation, Role
from matcher.services import organisations, records, submissions
from matcher.services.errors import NotFound, ValidationFailed
from matcher.web import edits, messages, registry
from matcher.web.fields import PAGE, Form, Name, WholeNumberField
from matcher.web.roles import restrict_blueprint

bp = Blueprint("organisations", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COORDINATOR)


class FilterForm(Form):
    class Meta:
        csrf = False  # a GET search form changes nothing

    q = SearchField(_l("Zoeken op naam"), validators=[Optional(), Length(max=80)])
    municipality = SelectField(_l("Gemeente"), validators=[Optional()])
    active = SelectField(_l("Actief"), validators=[Optional()], choices=registry.ACTIVE_CHOICES)
    page = WholeNumberField(validators=[Optional()], bound=PAGE, default=1)


class OrganisationForm(Form):
    name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=160), Name()])
    municipality = SelectField(_l("Gemeente"), validators=[DataRequired()])
    contact_name = StringField(
        _l("Contactpersoon"), validators=[Optional(), Length(max=120), Name()]
    )
    contact_email = EmailField(
        _l("E-mailadres contactpersoon"), validators=[Optional(), Email(), Length(max=254)]
    )
    contact_phone = StringField(
        _l("Telefoon contactpersoon"), validators=[Optional(), Length(max=30)]
    )
    external_ref = StringField(_l("Eigen kenmerk"), validators=[Optional(), Length(max=64)])


class ActiveForm(Form):
    """(De)activating is a POST with only the CSRF token."""


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
            claimed = None
            if organisation is None:
                claimed = submissions.claim(edits.posted_key(), current_user, "organisation")
            saved = organisations.save(current_user, organisation, values, edits.posted_version())
            submissions.finish(claimed, saved.id)
        except submissions.AlreadySubmitted as done:
            return edits.already_sent(_landing(done.record_id))
        except records.StaleRecord as stale:
            db.session.rollback()
            conflict = edits.conflict(stale, form)
        except ValidationFailed as error:
            db.session.rollback()
            registry.attach_errors(form, messages.field_errors(error))
        else:
            db.session.commit()
            flash(_("Organisatie '%(name)s' is opgeslagen.", name=saved.name), "success")
            return redirect(url_for("organisations.edit", organisation_id=saved.id))
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
        db.session.commit()
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
