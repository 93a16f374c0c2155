"""Forms of the host organisations."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SearchField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from matcher.web.fields import PAGE, Form, Name, WholeNumberField
from matcher.web.registry.forms import ACTIVE_CHOICES


class FilterForm(Form):
    class Meta:
        csrf = False  # a GET search form changes nothing

    q = SearchField(_l("Zoeken op naam"), validators=[Optional(), Length(max=80)])
    municipality = SelectField(_l("Gemeente"), validators=[Optional()])
    active = SelectField(_l("Actief"), validators=[Optional()], choices=ACTIVE_CHOICES)
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
