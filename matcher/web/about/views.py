"""About matcher: "Hoe matcher koppelt" (every logged-in role) with its Algoritmeregister
export, the accessibility statement (public) and the data inventory for the DPIA (admins and
coordinators). Everything is generated from the running code, models and configuration."""

from flask import abort, current_app, jsonify, render_template
from flask_babel import force_locale, format_decimal
from flask_login import current_user, login_required

from matcher.models import Role
from matcher.services import inventory, register
from matcher.web.about import algoritmeregister, bp, texts

INVENTORY_ROLES = (Role.ADMIN, Role.COORDINATOR)


def _number(value) -> str:
    return format_decimal(value, format="#,##0.####")


def _words() -> dict:
    """The explanation in words, in the current language."""
    facts = register.explanation()
    numbers = {
        "minimum": _number(facts.numbers["weekly_minimum"]),
        "radius": _number(facts.numbers["earth_radius_km"]),
        "levels": facts.numbers["levels"],
    }
    return {
        "facts": facts,
        "goals": [
            (number, str(texts.GOAL_TITLES[name]), str(texts.GOAL_TEXTS[name]) % numbers)
            for number, name in facts.goals
        ],
        "rules": [(code, str(texts.RULE_TEXTS[code]) % numbers) for code in facts.rules],
        "used": sorted({str(texts.FIELD_TEXTS[c]) for c in facts.used_fields}),
        "never_used": [str(texts.FIELD_TEXTS[c]) for c in facts.never_used],
        "never_stored": [str(texts.FIELD_TEXTS[c]) for c in facts.never_stored],
        "limits": [str(texts.LIMIT_TEXTS[code]) for code in facts.limits],
        "minimum": numbers["minimum"],
        "time_limit": _number(facts.solver["time_limit"]),
    }


@bp.route("/hoe-matcher-koppelt")
@login_required
def how():
    return render_template("about/how.html", **_words())


@bp.route("/hoe-matcher-koppelt/algoritmeregister.json")
@login_required
def register_export():
    """The same content with the Algoritmeregister standard's (v1.0) field names, in Dutch."""
    with force_locale("nl"):
        body = algoritmeregister.record(_words(), current_app.config)
    response = jsonify(body)
    response.headers["Content-Disposition"] = "attachment; filename=algoritmeregister.json"
    return response


@bp.route("/toegankelijkheid")
def accessibility():
    config = current_app.config
    return render_template(
        "about/accessibility.html",
        organisation=config["ORGANISATION_NAME"],
        email=config["ORGANISATION_EMAIL"],
        website=config["ORGANISATION_WEBSITE"],
        reviewed=config["ACCESSIBILITY_STATEMENT_DATE"],
    )


def _may_see_inventory() -> None:
    if current_user.role not in INVENTORY_ROLES:
        abort(403)


@bp.route("/gegevens")
@login_required
def data_inventory():
    _may_see_inventory()
    return render_template(
        "about/inventory.html",
        rows=inventory.rows(),
        texts=texts,
        years=current_app.config["RETENTION_YEARS"],
    )


@bp.route("/gegevens.json")
@login_required
def data_inventory_export():
    _may_see_inventory()
    years = current_app.config["RETENTION_YEARS"]
    with force_locale("nl"):
        body = {
            "format": "matcher-gegevensinventaris/1",
            "columns": [
                {
                    "table": row.table,
                    "column": row.column,
                    "category": row.category,
                    "purpose": str(texts.PURPOSES.get(row.purpose, "")),
                    "roles": list(row.roles),
                    "retention": str(texts.RETENTION.get(row.retention, "")) % {"years": years},
                }
                for row in inventory.rows()
            ],
        }
    response = jsonify(body)
    response.headers["Content-Disposition"] = "attachment; filename=gegevensinventaris.json"
    return response
