"""Forms of the participants: the list's filters and the persoonlijk profiel."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    SearchField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from matcher import bounds
from matcher.models import DutchLevel, ParticipantStatus
from matcher.web.fields import PAGE, Form, Name, NumberField, WholeNumberField
from matcher.web.labels import NEED_LABELS, SORT_LABELS, STATUS_LABELS
from matcher.web.registry import forms as registry

NEED_CHOICES = [SelectChoice("", _l("alle"))] + [
    SelectChoice(key, label) for key, label in NEED_LABELS.items()
]
SORT_CHOICES = [SelectChoice(key, label) for key, label in SORT_LABELS.items()]


class FilterForm(Form):
    class Meta:
        csrf = False  # a GET search form changes nothing

    q = SearchField(_l("Zoeken op naam of postcode"), validators=[Optional(), Length(max=80)])
    status = SelectField(
        _l("Status"),
        validators=[Optional()],
        choices=[SelectChoice("", _l("alle"))]
        + [SelectChoice(s.value, STATUS_LABELS[s.value]) for s in ParticipantStatus],
    )
    municipality = SelectField(_l("Gemeente"), validators=[Optional()], coerce=str)
    need = SelectField(_l("Aandacht nodig"), validators=[Optional()], choices=NEED_CHOICES)
    sort = SelectField(_l("Sorteren op"), validators=[Optional()], choices=SORT_CHOICES)
    page = WholeNumberField(validators=[Optional()], bound=PAGE, default=1)


class ProfileForm(Form):
    first_name = StringField(_l("Voornaam"), validators=[DataRequired(), Length(max=80), Name()])
    last_name = StringField(_l("Achternaam"), validators=[DataRequired(), Length(max=120), Name()])
    municipality = SelectField(_l("Gemeente"), validators=[DataRequired()])
    coach = SelectField(_l("Coach"), validators=[Optional()])
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice(s.value, STATUS_LABELS[s.value]) for s in ParticipantStatus],
    )
    max_hours_week = NumberField(
        _l("Maximaal uren per week"), [InputRequired()], bound=bounds.LOAD_CAP, default=16
    )
    interests = registry.MultiCheckboxField(_l("Interesses"), validators=[Optional()])
    dutch_level = SelectField(
        _l("Niveau Nederlands"), choices=[SelectChoice(lv.value, lv.value) for lv in DutchLevel]
    )
    languages = StringField(
        _l("Talen (ISO-codes, met komma's)"),
        validators=[Optional(), Length(max=120), registry.language_codes],
    )
    card_language = SelectField(  # choices: the week card catalogues (web/weekcard/)
        _l("Taal van de weekkaart (naast het Nederlands)"), validators=[Optional()]
    )
    postcode = StringField(_l("Postcode"), validators=[DataRequired(), Length(max=10)])
    lat = NumberField(_l("Breedtegraad"), [Optional()], bound=bounds.LATITUDE)
    lon = NumberField(_l("Lengtegraad"), [Optional()], bound=bounds.LONGITUDE)
    travel_km = NumberField(
        _l("Reisafstand (km)"), [InputRequired()], bound=bounds.TRAVEL_KM, default=5
    )
    wants_taalmaatje = BooleanField(_l("Wil een taalmaatje"))
    wants_buddy = BooleanField(_l("Wil een buddy"))
    buddy_gender_preference = SelectField(
        _l("Voorkeur voor het gender van een buddy (wens van de deelnemer zelf)"),
        choices=[
            SelectChoice("", _l("geen voorkeur")),
            SelectChoice("female", _l("vrouw")),
            SelectChoice("male", _l("man")),
        ],
        validators=[Optional()],
    )
    hours_before = NumberField(
        _l("Uren vóór registratie"), [Optional()], bound=bounds.HOURS_BEFORE, default=0
    )
    external_ref = StringField(_l("Eigen kenmerk"), validators=[Optional(), Length(max=64)])
    pip_date = DateField(_l("PIP-datum"), validators=[DataRequired()])
    trajectory_end = DateField(_l("Einde traject"), validators=[Optional()])
    functional_limits = TextAreaField(
        _l("Belastbaarheid (functionele beperkingen, geen diagnoses)"),
        validators=[Optional(), Length(max=2000)],
    )
    notes = TextAreaField(_l("Notities"), validators=[Optional(), Length(max=4000)])
