"""Forms of the auth area."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectChoice, SelectField
from wtforms.validators import DataRequired, Email, Length

from matcher.config import LANGUAGES


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(), Length(max=200)])
    next = HiddenField()


class LanguageForm(FlaskForm):
    language = SelectField(_l("Taal"), choices=[SelectChoice(code) for code in LANGUAGES])


class LogoutForm(FlaskForm):
    """Logging out is a POST so that no other site can log a user out (CSRF)."""
