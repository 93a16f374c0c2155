"""Forms of the coach's hours pages."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

from matcher.models import ActivityKind
from matcher.web.fields import Form
from matcher.web.labels import ACTIVITY_LABELS


class WeekForm(Form):
    class Meta:
        csrf = False  # choosing a week and an activity changes nothing

    week = DateField(_l("Week van"), validators=[Optional()])
    kind = SelectField(
        _l("Activiteit"),
        choices=[SelectChoice(k.value, ACTIVITY_LABELS[k.value]) for k in ActivityKind],
        default=ActivityKind.PLACEMENT.value,
    )


class SaveForm(Form):
    """Only the CSRF token: the cells are read from the raw form."""


class DecisionForm(Form):
    reason = StringField(_l("Reden bij afkeuren"), validators=[Length(max=300)])


class BulkForm(Form):
    """Only the CSRF token: the ticked entries are read from the raw form (web/params)."""
