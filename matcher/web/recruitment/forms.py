"""Forms of Werving's what-if scenarios: a new scenario and one form per kind of change."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from matcher import bounds
from matcher.bounds import Bound
from matcher.web.fields import Form, NumberField, WholeNumberField
from matcher.web.labels import VOLUNTEER_KIND_LABELS
from matcher.web.placements.forms import LEVEL_CHOICES

SEAT_CHANGE = Bound(-1000, 1000, whole=True)


class ScenarioForm(Form):
    name = StringField(_l("Naam van het scenario"), validators=[DataRequired(), Length(max=120)])
    week = SelectField(_l("Week"), validators=[DataRequired()])


class LocationForm(Form):
    """Where a new placement or volunteer would be: one of organisation, town or postcode."""

    organisation = SelectField(_l("Bij een bestaande organisatie"), validators=[Optional()])
    municipality = SelectField(_l("Of in een gemeente (het centrum)"), validators=[Optional()])
    postcode = StringField(_l("Of bij een postcode"), validators=[Optional(), Length(max=10)])
    lat = NumberField(_l("Breedtegraad"), [Optional()], bound=bounds.LATITUDE)
    lon = NumberField(_l("Lengtegraad"), [Optional()], bound=bounds.LONGITUDE)


class NewPlacementForm(LocationForm):
    category = SelectField(_l("Categorie"), validators=[DataRequired()])
    min_dutch_level = SelectField(
        _l("Minimaal niveau Nederlands"), choices=LEVEL_CHOICES, default="A0"
    )


class NewVolunteerForm(LocationForm):
    kind = SelectField(
        _l("Soort"),
        choices=[SelectChoice(k, v) for k, v in VOLUNTEER_KIND_LABELS.items()],
        validators=[DataRequired()],
    )
    travel_km = NumberField(
        _l("Reisafstand (km)"), [InputRequired()], bound=bounds.TRAVEL_KM, default=5
    )
    capacity = WholeNumberField(
        _l("Aantal deelnemers tegelijk"),
        [InputRequired()],
        bound=Bound(1, 20, whole=True),
        default=1,
    )
    session_hours = NumberField(
        _l("Duur van een ontmoeting (uren)"),
        [InputRequired()],
        bound=bounds.MEETING_HOURS,
        default=2,
    )


class CapacityForm(Form):
    session = SelectField(_l("Plek en dagdeel"), validators=[DataRequired()])
    delta = WholeNumberField(
        _l("Plaatsen erbij (negatief: eraf)"), [InputRequired()], bound=SEAT_CHANGE
    )


class PauseForm(Form):
    organisation = SelectField(_l("Organisatie die niet meedoet"), validators=[DataRequired()])


class AvailabilityForm(Form):
    participant = SelectField(_l("Deelnemer"), validators=[DataRequired()])


class RemoveChangeForm(Form):
    number = HiddenField(validators=[DataRequired()])
