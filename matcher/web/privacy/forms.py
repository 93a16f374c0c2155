"""The form of erasing a participant's data."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms.validators import DataRequired

from matcher.web.fields import Form


class EraseForm(Form):
    confirm = BooleanField(
        _l("Ik bevestig dat de deelnemer om wissen heeft gevraagd en dat dit niet terug kan."),
        validators=[DataRequired(message=_l("Vink aan dat u het wissen bevestigt."))],
    )
