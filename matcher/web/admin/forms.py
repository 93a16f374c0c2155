"""The admin area's forms: a new account, one account's role, password and buttons, and the
audit trail's check button and filter."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    EmailField,
    PasswordField,
    SearchField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from matcher.models import Role
from matcher.services import accounts
from matcher.web.fields import PAGE, RECORD_ID, Form, Name, WholeNumberField
from matcher.web.labels import ROLE_LABELS

ACTION_LABELS = {
    "view": _l("bekeken"),
    "create": _l("aangemaakt"),
    "update": _l("gewijzigd"),
    "export": _l("inzage geëxporteerd"),
    "erase": _l("gewist op verzoek"),
    "purge": _l("gewist na bewaartermijn"),
    "login": _l("inloggen"),
    "lock": _l("account geblokkeerd"),
    "activate": _l("geactiveerd"),
    "deactivate": _l("gedeactiveerd"),
    "end_sessions": _l("alle sessies beëindigd"),
}


class UserForm(Form):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=120), Name()])
    role = SelectField(
        _l("Rol"), choices=[SelectChoice(r.value, ROLE_LABELS[r.value]) for r in Role]
    )
    password = PasswordField(
        _l("Wachtwoord"),
        validators=[DataRequired(), Length(min=accounts.MIN_PASSWORD_LENGTH, max=200)],
    )


class RoleForm(Form):
    role = SelectField(
        _l("Rol"), choices=[SelectChoice(r.value, ROLE_LABELS[r.value]) for r in Role]
    )


class NewPasswordForm(Form):
    password = PasswordField(
        _l("Nieuw wachtwoord"),
        validators=[DataRequired(), Length(min=accounts.MIN_PASSWORD_LENGTH, max=200)],
    )


class ConfirmForm(Form):
    """A button with nothing but its CSRF token."""


class VerifyForm(Form):
    """Check the chain now (POST, CSRF): it writes the check's result, never an event."""


class AuditFilterForm(Form):
    class Meta:
        csrf = False  # a GET filter form changes nothing

    participant = WholeNumberField(_l("Deelnemernummer"), [Optional()], bound=RECORD_ID)
    actor = SearchField(_l("Gebruiker (naam of e-mail)"), validators=[Optional(), Length(max=80)])
    action = SelectField(
        _l("Handeling"),
        validators=[Optional()],
        choices=[SelectChoice("", _l("alle"))]
        + [SelectChoice(key, label) for key, label in ACTION_LABELS.items()],
    )
    date_from = DateField(_l("Vanaf datum"), validators=[Optional()])
    date_to = DateField(_l("Tot en met datum"), validators=[Optional()])
    page = WholeNumberField(validators=[Optional()], bound=PAGE, default=1)
