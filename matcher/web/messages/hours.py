"""Wording of hours, the hours grid, voortgangsgesprekken and volunteers' absences."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l


def _decided_meanwhile(data: dict) -> str:
    status = _("goedgekeurd") if data.get("status") == "approved" else _("afgekeurd")
    return _(
        "Deze uren zijn intussen al beoordeeld door %(name)s (%(status)s); "
        "uw beslissing is niet opgeslagen.",
        name=data.get("name", "?"),
        status=status,
    )


CATALOGUE = {
    "hours.negative": _l("Het aantal uren kan niet negatief zijn."),
    "hours.before_pip": _l("De datum ligt vóór de PIP-datum (%(date)s)."),
    "hours.day_total": _l("Meer dan 12 uur op één dag kan niet; er staat al %(hours)s uur."),
    "hours.duplicate": _l("Deze bijeenkomst is op deze dag al ingevoerd."),
    "hours.already_corrected": _l("Deze regel is al gecorrigeerd; pas de nieuwste versie aan."),
    "hours.reason_required": _l("Geef een reden voor het afkeuren."),
    "hours.corrected_meanwhile": _l(
        "Deze regel is intussen gecorrigeerd; beoordeel de nieuwe versie."
    ),
    "hours.decided_meanwhile": _decided_meanwhile,
    "hours.before_match": _l("De datum ligt vóór het begin van deze koppeling."),
    "hours_grid.not_a_number": _l("Vul een getal in, bijvoorbeeld 3 of 2,5."),
    "hours_grid.cells_wrong": _l("Niet opgeslagen: controleer de gemarkeerde vakjes."),
    "hours_grid.several_entries": _l(
        "Meerdere regels op deze dag; corrigeer ze op de voortgangspagina."
    ),
    "meeting.before_pip": _l("De datum ligt vóór de PIP-datum."),
    "meeting.next_before_held": _l("De volgende datum moet na de datum van het gesprek liggen."),
    "absence.ends_before_start": _l("De einddatum ligt vóór de begindatum."),
    "absence.in_the_past": _l("Deze afwezigheid ligt helemaal in het verleden."),
    "volunteer_absence.ends_before_start": _l("De einddatum ligt voor de begindatum."),
}
