"""Forms of the progress page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from matcher.models import ActivityKind
from matcher.web.labels import ABSENCE_LABELS, ACTIVITY_LABELS
from matcher.web.volunteer_portal.forms import CommaDecimalField


class MeetingForm(FlaskForm):
    held_on = DateField(_l("Datum van het gesprek"), validators=[DataRequired()])
    summary = TextAreaField(_l("Samenvatting en afspraken"), validators=[Length(max=4000)])
    next_date = DateField(_l("Volgend gesprek"), validators=[Optional()])


class CorrectionForm(FlaskForm):
    hours = CommaDecimalField(
        _l("Juiste aantal uren"),
        places=2,
        validators=[InputRequired(), NumberRange(min=0, max=12)],
    )


class EntryForm(FlaskForm):
    """One line of hours or absence, entered (and so approved) by the coach."""

    entry_date = DateField(_l("Datum"), validators=[DataRequired()])
    kind = SelectField(
        _l("Activiteit"),
        choices=[SelectChoice(k.value, ACTIVITY_LABELS[k.value]) for k in ActivityKind],
    )
    hours = CommaDecimalField(_l("Aantal uren"), places=2, validators=[InputRequired()])
    absence = SelectField(
        _l("Doorgegaan?"),
        choices=[SelectChoice("", _l("ja, aanwezig"))]
        + [SelectChoice(k, label) for k, label in ABSENCE_LABELS.items()],
        validators=[Optional()],
    )
