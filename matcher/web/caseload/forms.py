"""Forms of the caseload: its filter and order (the participant list's needs)."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.validators import Optional

from matcher.web.fields import Form
from matcher.web.participants.forms import NEED_CHOICES, SORT_CHOICES


class NeedForm(Form):
    class Meta:
        csrf = False  # a GET filter changes nothing

    need = SelectField(_l("Aandacht nodig"), validators=[Optional()], choices=NEED_CHOICES)
    sort = SelectField(_l("Sorteren op"), validators=[Optional()], choices=SORT_CHOICES)
