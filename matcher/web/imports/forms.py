"""The import's forms: the upload (which kind, which file) and confirming its preview."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectChoice, SelectField
from wtforms.validators import DataRequired

from matcher.web.fields import Form

KIND_LABELS = {
    "placements": _l("Vrijwilligersplekken met sessies"),
    "volunteers": _l("Taalmaatjes en buddy's"),
    "participants": _l("Deelnemers (persoonlijk profiel)"),
}


class UploadForm(Form):
    kind = SelectField(
        _l("Wat importeert u?"),
        choices=[SelectChoice(k, v) for k, v in KIND_LABELS.items()],
        validators=[DataRequired()],
    )
    upload = FileField(
        _l("Bestand (.xlsx of .csv, hooguit 5 MB)"),
        validators=[FileRequired(message=_l("Kies een bestand."))],
    )


class ConfirmForm(Form):
    token = HiddenField(validators=[DataRequired()])
