"""Forms of the matching area."""

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from matcher.dayparts import DAYPARTS
from matcher.web import labels
from matcher.web.fields import RECORD_ID, Form, WholeNumberField
from matcher.web.filters import week_label
from matcher.web.labels import MATCH_KIND_LABELS
from matcher.web.matching.wording import OUTBOX_STATUS


def week_choices(this_week: date) -> list[SelectChoice]:
    """This week and the next three, by their Monday: "week 50, 7–13 dec 2026"."""
    out = []
    for n in range(4):
        monday = this_week + timedelta(weeks=n)
        out.append(SelectChoice(monday.isoformat(), week_label(monday)))
    return out


class StartForm(Form):
    week = SelectField(_l("Week"), validators=[DataRequired()])
    municipality = SelectField(_l("Gemeenten"), validators=[Optional()])


class EmptyForm(Form):
    """Only the CSRF token: for buttons that change something."""


class ManualForm(Form):
    participant = SelectField(_l("Deelnemer"), validators=[DataRequired()])
    kind = SelectField(
        _l("Soort"),
        choices=[SelectChoice(k, v) for k, v in MATCH_KIND_LABELS.items()],
        validators=[DataRequired()],
    )
    placement = SelectField(_l("Vrijwilligersplek"), validators=[Optional()])
    volunteer = SelectField(_l("Taalmaatje of buddy"), validators=[Optional()])
    dayparts = SelectMultipleField(
        _l("Dagdelen"),
        validators=[InputRequired(message=_l("Kies minstens één dagdeel."))],
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
    )
    starts_on = DateField(_l("Vanaf"), validators=[DataRequired()])


class EndForm(Form):
    match_id = WholeNumberField(validators=[DataRequired()], bound=RECORD_ID)
    last_day = DateField(_l("Laatste dag"), validators=[DataRequired()])


class OutboxFilterForm(Form):
    class Meta:
        csrf = False  # a GET filter form changes nothing

    status = SelectField(
        _l("Status"),
        validators=[Optional()],
        choices=[SelectChoice("", _l("alle"))]
        + [SelectChoice(key, label) for key, label in OUTBOX_STATUS.items()],
    )


class ContactForm(Form):
    phone = StringField(
        _l("Telefoonnummer"),
        validators=[
            Optional(),
            Length(max=30),
            Regexp(
                r"^\+?[0-9][0-9 ()-]*$",
                message=_l("Vul een telefoonnummer in, bijvoorbeeld 0546 800 120."),
            ),
        ],
    )


class ResendForm(Form):
    message_id = WholeNumberField(validators=[DataRequired()], bound=RECORD_ID)


def daypart_choices() -> list[SelectChoice]:
    """The 21 day-parts in the user's language."""
    return [SelectChoice(d, labels.daypart_label(d)) for d in DAYPARTS]
