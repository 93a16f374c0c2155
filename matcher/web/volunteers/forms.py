"""Forms of the coordinator's volunteer registry."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    EmailField,
    SearchField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

from matcher import bounds
from matcher.web.fields import PAGE, Form, Name, NumberField, WholeNumberField
from matcher.web.labels import VOLUNTEER_KIND_LABELS
from matcher.web.registry.forms import ACTIVE_CHOICES, MultiCheckboxField, language_codes

KIND_CHOICES = [SelectChoice(key, label) for key, label in VOLUNTEER_KIND_LABELS.items()]
GENDER_CHOICES = [
    SelectChoice("", _l("niet opgegeven")),
    SelectChoice("female", _l("vrouw")),
    SelectChoice("male", _l("man")),
    SelectChoice("other", _l("anders")),
]


class VolunteerFilterForm(Form):
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
    vog = SelectField(
        _l("VOG"),
        validators=[Optional()],
        choices=[
            SelectChoice("", _l("alle")),
            SelectChoice("needed", _l("ontbreekt of ouder dan drie jaar")),
        ],
    )
    page = WholeNumberField(validators=[Optional()], bound=PAGE, default=1)


class VolunteerForm(Form):
    kind = SelectField(_l("Soort"), choices=KIND_CHOICES, validators=[DataRequired()])
    first_name = StringField(_l("Voornaam"), validators=[DataRequired(), Length(max=80), Name()])
    last_name = StringField(_l("Achternaam"), validators=[DataRequired(), Length(max=120), Name()])
    email = EmailField(_l("E-mailadres"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Telefoon"), validators=[Optional(), Length(max=30)])
    gender = SelectField(_l("Gender"), choices=GENDER_CHOICES, validators=[Optional()])
    municipality = SelectField(_l("Gemeente"), validators=[DataRequired()])
    capacity = WholeNumberField(
        _l("Aantal deelnemers tegelijk"),
        [InputRequired()],
        bound=bounds.VOLUNTEER_CAPACITY,
        default=1,
    )
    session_hours = NumberField(
        _l("Duur van een ontmoeting (uren)"),
        [InputRequired()],
        bound=bounds.MEETING_HOURS,
        default=2,
    )
    languages = StringField(
        _l("Talen naast Nederlands (ISO-codes, met komma's)"),
        validators=[Optional(), Length(max=120), language_codes],
    )
    interests = MultiCheckboxField(_l("Interesses"), validators=[Optional()])
    postcode = StringField(_l("Postcode"), validators=[DataRequired(), Length(max=10)])
    lat = NumberField(_l("Breedtegraad"), [Optional()], bound=bounds.LATITUDE)
    lon = NumberField(_l("Lengtegraad"), [Optional()], bound=bounds.LONGITUDE)
    travel_km = NumberField(
        _l("Reisafstand (km, leeg: geen grens)"), [Optional()], bound=bounds.TRAVEL_KM
    )
    vog_date = DateField(_l("Datum VOG"), validators=[Optional()])
    user = SelectField(_l("Account voor het vrijwilligersportaal"), validators=[Optional()])
    external_ref = StringField(_l("Eigen kenmerk"), validators=[Optional(), Length(max=64)])


class AbsenceForm(Form):
    starts_on = DateField(_l("Afwezig van"), validators=[DataRequired()])
    ends_on = DateField(_l("tot en met"), validators=[DataRequired()])
    reason = StringField(_l("Reden (optioneel)"), validators=[Optional(), Length(max=120)])


class PostOnlyForm(Form):
    """A POST with only the CSRF token."""
