"""Forms of the volunteer portal."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectChoice, SelectField
from wtforms.validators import DataRequired, InputRequired

from matcher import bounds
from matcher.web.fields import Form, NumberField

REASONS = (("vakantie", _l("vakantie")), ("ziekte", _l("ziekte")), ("anders", _l("anders")))


class AvailabilityForm(Form):
    """The day-part checkboxes are read from the raw form (name="availability")."""


class AbsenceForm(Form):
    starts_on = DateField(_l("Afwezig vanaf"), validators=[DataRequired()])
    ends_on = DateField(_l("Afwezig tot en met"), validators=[DataRequired()])
    reason = SelectField(
        _l("Reden"), choices=[SelectChoice(value, label) for value, label in REASONS]
    )


class RemoveAbsenceForm(Form):
    """Only the CSRF token."""


class ReportForm(Form):
    match = SelectField(_l("Koppeling"), coerce=int, validators=[InputRequired()])
    entry_date = DateField(_l("Datum"), validators=[DataRequired()])
    hours = NumberField(_l("Aantal uren"), [InputRequired()], bound=bounds.DAY_HOURS)
    held = RadioField(
        _l("Is de bijeenkomst doorgegaan?"),
        choices=[
            SelectChoice("held", _l("Ja, doorgegaan")),
            SelectChoice("authorised", _l("Nee, deelnemer afwezig met bericht")),
            SelectChoice("unauthorised", _l("Nee, deelnemer afwezig zonder bericht")),
        ],
        default="held",
    )


class AgendaForm(Form):
    """The calendar feed and the reminders: which button was pressed."""

    action = SelectField(
        choices=[
            SelectChoice(a)
            for a in (
                "new_feed",
                "withdraw_feed",
                "reminders_on",
                "reminders_off",
                "away_this_week",
            )
        ],
        validators=[DataRequired()],
    )
