"""The export's form: municipality, period, file format."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectChoice, SelectField
from wtforms.validators import DataRequired, ValidationError

from matcher.web.fields import Form


class ExportForm(Form):
    class Meta:
        csrf = False  # a download changes nothing

    municipality = SelectField(_l("Gemeente"), validators=[DataRequired()], coerce=str)
    starts_on = DateField(_l("Van"), validators=[DataRequired()])
    ends_on = DateField(_l("Tot en met"), validators=[DataRequired()])
    fmt = SelectField(
        _l("Bestandsformaat"),
        choices=[SelectChoice("xlsx", "Excel (XLSX)"), SelectChoice("csv", "CSV")],
        default="xlsx",
    )

    def validate_ends_on(self, field):
        """The period must not run backwards."""
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_("De einddatum ligt vóór de begindatum."))
