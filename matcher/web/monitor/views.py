"""The export's view: the form, then the file (XLSX or CSV)."""

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from matcher.extensions import db
from matcher.models import Municipality
from matcher.services import monitor_export
from matcher.web.labels import ROUTE_LABELS
from matcher.web.monitor import bp
from matcher.web.monitor.forms import ExportForm
from matcher.weeks import today


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


@bp.route("/")
def index():
    form = ExportForm(request.args)
    municipalities = db.session.scalars(select(Municipality).order_by(Municipality.name)).all()
    form.municipality.choices = [SelectChoice(str(m.id), m.name) for m in municipalities]
    if not request.args:
        form.starts_on.data, form.ends_on.data = today().replace(month=1, day=1), today()
        return render_template("monitor/index.html", form=form, submitted=False)
    if not form.validate():
        return render_template("monitor/index.html", form=form, submitted=True), 422
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
