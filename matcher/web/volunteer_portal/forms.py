"""Forms of the volunteer portal."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, RadioField, SelectChoice, SelectField
from wtforms.validators import DataRequired, InputRequired, NumberRange
from wtforms.widgets import TextInput


class CommaDecimalField(DecimalField):
    """A decimal field that also takes the Dutch decimal comma (2,5), as a plain text input."""

    widget = TextInput()

    def process_formdata(self, valuelist):
        """Read '2,5' as 2.5 before the usual parsing."""
        super().process_formdata([v.replace(",", ".") for v in valuelist])


REASONS = (("vakantie", _l("vakantie")), ("ziekte", _l("ziekte")), ("anders", _l("anders")))


class AvailabilityForm(FlaskForm):
    """The day-part checkboxes are read from the raw form (name="availability")."""


class AbsenceForm(FlaskForm):
    starts_on = DateField(_l("Afwezig vanaf"), validators=[DataRequired()])
    ends_on = DateField(_l("Afwezig tot en met"), validators=[DataRequired()])
    reason = SelectField(
        _l("Reden"), choices=[SelectChoice(value, label) for value, label in REASONS]
    )


class RemoveAbsenceForm(FlaskForm):
    """Only the CSRF token."""


class ReportForm(FlaskForm):
    match = SelectField(_l("Koppeling"), coerce=int, validators=[InputRequired()])
    entry_date = DateField(_l("Datum"), validators=[DataRequired()])
    hours = CommaDecimalField(
        _l("Aantal uren"),
        places=2,
        validators=[InputRequired(), NumberRange(min=0, max=12)],
    )
    held = RadioField(
        _l("Is de bijeenkomst doorgegaan?"),
        choices=[
            SelectChoice("held", _l("Ja, doorgegaan")),
            SelectChoice("authorised", _l("Nee, deelnemer afwezig met bericht")),
            SelectChoice("unauthorised", _l("Nee, deelnemer afwezig zonder bericht")),
        ],
        default="held",
    )
