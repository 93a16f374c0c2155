"""Forms of the progress page."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from matcher import bounds
from matcher.models import ActivityKind
from matcher.web.fields import Form, NumberField
from matcher.web.labels import ABSENCE_LABELS, ACTIVITY_LABELS


class MeetingForm(Form):
    held_on = DateField(_l("Datum van het gesprek"), validators=[DataRequired()])
    summary = TextAreaField(_l("Samenvatting en afspraken"), validators=[Length(max=4000)])
    next_date = DateField(_l("Volgend gesprek"), validators=[Optional()])


class CorrectionForm(Form):
    hours = NumberField(_l("Juiste aantal uren"), [InputRequired()], bound=bounds.DAY_HOURS)


class EntryForm(Form):
    """One line of hours or absence, entered (and so approved) by the coach."""

    entry_date = DateField(_l("Datum"), validators=[DataRequired()])
    kind = SelectField(
        _l("Activiteit"),
        choices=[SelectChoice(k.value, ACTIVITY_LABELS[k.value]) for k in ActivityKind],
    )
    # The range is the service's to check (it also counts the other lines of the day).
    hours = NumberField(_l("Aantal uren"), [InputRequired()])
    absence = SelectField(
        _l("Doorgegaan?"),
        choices=[SelectChoice("", _l("ja, aanwezig"))]
        + [SelectChoice(k, label) for k, label in ABSENCE_LABELS.items()],
        validators=[Optional()],
    )
