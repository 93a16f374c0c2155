"""Forms of the coordinator's volunteer registry."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    IntegerField,
    SearchField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from matcher.web.labels import VOLUNTEER_KIND_LABELS
from matcher.web.registry import ACTIVE_CHOICES, DecimalCommaField, MultiCheckboxField

KIND_CHOICES = [SelectChoice(key, label) for key, label in VOLUNTEER_KIND_LABELS.items()]
GENDER_CHOICES = [
    SelectChoice("", _l("niet opgegeven")),
    SelectChoice("female", _l("vrouw")),
    SelectChoice("male", _l("man")),
    SelectChoice("other", _l("anders")),
]


class VolunteerFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form changes nothing

    q = SearchField(_l("Zoeken op naam of postcode"), validators=[Optional(), Length(max=80)])
    kind = SelectField(
        _l("Soort"),
        validators=[Optional()],
        choices=[SelectChoice("", _l("alle")), *KIND_CHOICES],
    )
    municipality = SelectField(_l("Gemeente"), validators=[Optional()])
    active = SelectField(_l("Actief"), validators=[Optional()], choices=ACTIVE_CHOICES)
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=100000)], default=1)


class VolunteerForm(FlaskForm):
    kind = SelectField(_l("Soort"), choices=KIND_CHOICES, validators=[DataRequired()])
    first_name = StringField(_l("Voornaam"), validators=[DataRequired(), Length(max=80)])
    last_name = StringField(_l("Achternaam"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mailadres"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Telefoon"), validators=[Optional(), Length(max=30)])
    gender = SelectField(_l("Gender"), choices=GENDER_CHOICES, validators=[Optional()])
    municipality = SelectField(_l("Gemeente"), validators=[DataRequired()])
    capacity = IntegerField(
        _l("Aantal deelnemers tegelijk"),
        default=1,
        validators=[InputRequired(), NumberRange(min=0, max=20)],
    )
    session_hours = DecimalCommaField(
        _l("Duur van een ontmoeting (uren)"),
        default=2,
        validators=[DataRequired(), NumberRange(min=0.25, max=8)],
    )
    languages = StringField(
        _l("Talen naast Nederlands (ISO-codes, met komma's)"),
        validators=[Optional(), Length(max=120)],
    )
    interests = MultiCheckboxField(_l("Interesses"), validators=[Optional()])
    postcode = StringField(_l("Postcode"), validators=[DataRequired(), Length(max=10)])
    lat = DecimalCommaField(
        _l("Breedtegraad"), validators=[Optional(), NumberRange(min=-90, max=90)]
    )
    lon = DecimalCommaField(
        _l("Lengtegraad"), validators=[Optional(), NumberRange(min=-180, max=180)]
    )
    travel_km = DecimalCommaField(
        _l("Reisafstand (km, leeg: geen grens)"),
        validators=[Optional(), NumberRange(min=0.1, max=200)],
    )
    vog_date = DateField(_l("Datum VOG"), validators=[Optional()])
    user = SelectField(_l("Account voor het vrijwilligersportaal"), validators=[Optional()])
    external_ref = StringField(_l("Eigen kenmerk"), validators=[Optional(), Length(max=64)])


class AbsenceForm(FlaskForm):
    starts_on = DateField(_l("Afwezig van"), validators=[DataRequired()])
    ends_on = DateField(_l("tot en met"), validators=[DataRequired()])
    reason = StringField(_l("Reden (optioneel)"), validators=[Optional(), Length(max=120)])


class PostOnlyForm(FlaskForm):
    """A POST with only the CSRF token."""
