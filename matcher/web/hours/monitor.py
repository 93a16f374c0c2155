"""The coordinator's Monitor Sociaal Domein export per municipality and period."""

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import DateField, SelectChoice, SelectField
from wtforms.validators import DataRequired, ValidationError

from matcher.extensions import db
from matcher.models import Municipality, Role
from matcher.services import monitor_export
from matcher.web.fields import Form
from matcher.web.labels import ROUTE_LABELS
from matcher.web.roles import restrict_blueprint
from matcher.weeks import today

monitor_bp = Blueprint("monitor", __name__, template_folder="templates")
restrict_blueprint(monitor_bp, Role.COORDINATOR)


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


def headings() -> dict[str, str]:
    """Translated headings of the export table."""
    return {
        "section": _("onderdeel"),
        "key": _("sleutel"),
        "value": _("waarde"),
        "municipality": _("gemeente"),
        "period": _("periode"),
        "route": _("deelnemers per route"),
        "placed": _("geplaatst in vrijwilligerswerk"),
        "yes": _("ja"),
        "no": _("nee"),
        "hours": _("participatie-uren"),
        "people": _("deelnemers met uren"),
        "authorised": _("afwezig met bericht (uren)"),
        "unauthorised": _("afwezig zonder bericht (uren)"),
    }


@monitor_bp.route("/")
def index():
    form = ExportForm(request.args)
    municipalities = db.session.scalars(select(Municipality).order_by(Municipality.name)).all()
    form.municipality.choices = [SelectChoice(str(m.id), m.name) for m in municipalities]
    if not request.args:
        form.starts_on.data, form.ends_on.data = today().replace(month=1, day=1), today()
        return render_template("hours/monitor.html", form=form, submitted=False)
    if not form.validate():
        return render_template("hours/monitor.html", form=form, submitted=True), 422
    municipality = db.session.get(Municipality, int(form.municipality.data))
    report = monitor_export.build(
        current_user, municipality, form.starts_on.data, form.ends_on.data
    )
    table = monitor_export.rows(report, headings())
    for row in table:  # route codes → readable names
        if row[0] == headings()["route"]:
            row[1] = str(ROUTE_LABELS.get(row[1], row[1]))
    name = f"monitor-{report.starts_on.isoformat()}-{report.ends_on.isoformat()}"
    if form.fmt.data == "csv":
        return Response(
            monitor_export.to_csv(table),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    body = monitor_export.to_xlsx(table, "Monitor Sociaal Domein")
    return Response(
        body,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
    )
