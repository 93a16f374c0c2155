"""Wording of weekly runs, proposals, the plan's re-check and manual matches."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

DECISIONS = {
    "pinned": _l("vastgezet"),
    "pending": _l("open"),
    "accepted": _l("geaccepteerd"),
    "rejected": _l("afgewezen"),
}


def _already_confirmed(data: dict) -> str:
    return _(
        "Deze ronde is al bevestigd door %(name)s op %(when)s; er is niets opnieuw opgeslagen"
        " of verstuurd.",
        name=data.get("name", "?"),
        when=data.get("at", "?"),
    )


def _decided_meanwhile(data: dict) -> str:
    decision = data.get("decision")
    return _(
        "%(name)s heeft dit voorstel intussen %(what)s (%(when)s); uw keuze is niet opgeslagen.",
        name=data.get("name", "?"),
        what=DECISIONS.get(decision, decision),
        when=data.get("at", "?"),
    )


def _conflicts(data: dict) -> str:
    return ngettext(
        "Dit breekt nu %(num)d harde regel; er is niets opgeslagen.",
        "Dit breekt nu %(num)d harde regels; er is niets opgeslagen.",
        int(data.get("count", 0)),
    )


CATALOGUE = {
    "run.busy": _l("Voor deze week en gemeenten loopt al een koppelronde."),
    "run.confirmed": _already_confirmed,
    "run.not_reviewable": _l("Deze ronde kan niet (meer) worden beoordeeld of bevestigd."),
    "proposal.decided_meanwhile": _decided_meanwhile,
    "proposal.unknown_choice": _l("Onbekende keuze; kies accepteren, afwijzen of vastzetten."),
    "proposal.cannot_pin_end": _l("Een voorstel om te stoppen kan niet worden vastgezet."),
    "plan.conflicts": _conflicts,
    "manual.no_dayparts": _l("Kies minstens één dagdeel."),
    "manual.one_daypart": _l("Een taalmaatje of buddy ziet de deelnemer op één dagdeel."),
    "match.ends_before_start": _l("Deze koppeling kan niet op die dag eindigen."),
    "rejection_lifted": _l("Deze afwijzing is intussen al opgeheven."),
    "outbox.not_failed": _l(
        "Dit bericht is niet (meer) mislukt: iemand anders heeft het al opnieuw in de wachtrij"
        " gezet, of het is intussen verstuurd. Het wordt niet twee keer verstuurd."
    ),
    "match.ended_meanwhile": _l(
        "Deze koppeling is intussen door iemand anders beëindigd; er is niets opgeslagen."
    ),
}
