"""Wording of what-if scenarios (matcher/services/scenarios.py, scenario_changes.py)."""

from flask_babel import lazy_gettext as _l

CATALOGUE = {
    "scenario.busy": _l(
        "Dit scenario wordt doorgerekend; wacht tot het klaar is voordat u het wijzigt."
    ),
    "scenario.one_location": _l(
        "Kies een organisatie of een gemeente, of vul een postcode in (één van de drie)."
    ),
    "scenario.unknown": _l("Deze keuze bestaat niet (meer)."),
    "scenario.no_sessions": _l("Vul minstens één sessie in: uren en plaatsen op een dagdeel."),
    "scenario.no_dayparts": _l("Kies minstens één dagdeel."),
    "scenario.zero_delta": _l("Vul een aantal plaatsen in dat niet 0 is."),
}
