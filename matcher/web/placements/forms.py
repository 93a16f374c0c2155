"""Forms of the placements area."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    SearchField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from matcher import bounds
from matcher.models import DutchLevel
from matcher.web.fields import PAGE, Form, NumberField, WholeNumberField
from matcher.web.registry.forms import ACTIVE_CHOICES

LEVEL_CHOICES = [SelectChoice(level.value, level.value) for level in DutchLevel]


class PlacementFilterForm(Form):
    class Meta:
        csrf = False  # a GET search form changes nothing

    q = SearchField(
        _l("Zoeken op plek, organisatie of postcode"), validators=[Optional(), Length(max=80)]
    )
    category = SelectField(_l("Categorie"), validators=[Optional()])
    municipality = SelectField(_l("Gemeente"), validators=[Optional()])
    active = SelectField(_l("Actief"), validators=[Optional()], choices=ACTIVE_CHOICES)
    page = WholeNumberField(validators=[Optional()], bound=PAGE, default=1)


class PlacementForm(Form):
    organisation = SelectField(_l("Organisatie"), validators=[DataRequired()])
    title = StringField(_l("Naam van de plek"), validators=[DataRequired(), Length(max=160)])
    category = SelectField(_l("Categorie"), validators=[DataRequired()])
    min_dutch_level = SelectField(
        _l("Minimaal niveau Nederlands"), choices=LEVEL_CHOICES, default="A0"
    )
    description = TextAreaField(_l("Omschrijving"), validators=[Optional(), Length(max=2000)])
    address = StringField(_l("Adres"), validators=[Optional(), Length(max=200)])
    postcode = StringField(_l("Postcode"), validators=[DataRequired(), Length(max=10)])
    lat = NumberField(_l("Breedtegraad"), [Optional()], bound=bounds.LATITUDE)
    lon = NumberField(_l("Lengtegraad"), [Optional()], bound=bounds.LONGITUDE)
    contact_user = SelectField(_l("Contactpersoon (account)"), validators=[Optional()])
    external_ref = StringField(_l("Eigen kenmerk"), validators=[Optional(), Length(max=64)])


class ActiveForm(Form):
    """(De)activating is a POST with only the CSRF token."""
