"""Forms of the auth area."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Regexp

from matcher.config import LANGUAGES
from matcher.web.fields import Form


class LoginForm(Form):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(), Length(max=200)])
    next = HiddenField()


class LanguageForm(Form):
    language = SelectField(_l("Taal"), choices=[SelectChoice(code) for code in LANGUAGES])


class LogoutForm(Form):
    """Logging out is a POST so that no other site can log a user out (CSRF)."""


class CodeForm(Form):
    """A six-digit code from the authenticator app."""

    code = StringField(
        _l("Code uit de authenticator-app"),
        validators=[
            DataRequired(),
            Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message=_l("Vul de zes cijfers van de code in.")),
        ],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 7},
    )


class DisableTwoFactorForm(CodeForm):
    """Turning two-step verification off needs a current code as well."""


class ForgotPasswordForm(Form):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), Email(), Length(max=254)])


class SetPasswordForm(Form):
    """A new password through a one-time link (invitation or reset); the link's secret rides
    along in a hidden field, so it is never in a logged URL of a POST."""

    token = HiddenField(validators=[DataRequired(), Length(max=100)])
    password = PasswordField(
        _l("Nieuw wachtwoord"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "new-password"},
    )
    repeat = PasswordField(
        _l("Herhaal het wachtwoord"),
        validators=[
            DataRequired(),
            EqualTo("password", message=_l("De twee wachtwoorden zijn niet gelijk.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
