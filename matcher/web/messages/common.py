"""Wording shared by every area: the generic refusals, numbers, dates, names, postcodes,
coordinates, day-parts, registry records, record versions and forms sent twice."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from matcher import number_format


def _out_of_bounds(data: dict) -> str:
    return str(number_format.bound_message(data["bound"]))


def _not_a_number(data: dict) -> str:
    return str(number_format.not_a_number_message(bool(data.get("whole"))))


def _unclassified(data: dict) -> str:
    return ngettext(
        "Wissen is nu niet mogelijk: tabel %(tables)s heeft geen wisbeleid.",
        "Wissen is nu niet mogelijk: de tabellen %(tables)s hebben geen wisbeleid.",
        len(str(data["tables"]).split(", ")),
        tables=data["tables"],
    )


CATALOGUE = {
    # The generic refusals (each subclass of DomainError has its own code)
    "domain_error": _l("Dit kan niet."),
    "validation_failed": _l("Controleer wat u heeft ingevuld."),
    "not_found": _l("Deze pagina of dit gegeven bestaat niet, of u heeft er geen toegang toe."),
    "forbidden": _l("Uw rol geeft geen toegang tot deze pagina."),
    "form.check": _l("Controleer het formulier."),
    "placement.check_sessions": _l("Controleer de sessies."),
    "profile.trajectory_end_before_pip": _l("Het einde van het traject ligt na de PIP-datum."),
    # Numbers and dates
    "number.not_a_number": _not_a_number,
    "number.out_of_bounds": _out_of_bounds,
    "date.future": _l("De datum ligt in de toekomst."),
    # Names, day-parts
    "name.no_letter": _l("Een naam bevat minstens één letter."),
    "daypart.unknown": _l("Onbekend dagdeel."),
    "daypart.unknown_named": _l("Onbekend dagdeel '%(name)s'."),
    # Registry records: references, postcodes, coordinates
    "record.ref_in_use": _l("Dit kenmerk is al in gebruik."),
    "record.ref_in_use_elsewhere": _l("Dit kenmerk is al in gebruik bij een ander gegeven."),
    "record.changed_meanwhile": _l("Dit gegeven is intussen door iemand anders gewijzigd."),
    "postcode.invalid": _l("Controleer de postcode."),
    "postcode.invalid_example": _l("Vul een geldige postcode in, bijvoorbeeld 7601 AB."),
    "postcode.not_found": _l("Postcode niet gevonden."),
    "postcode.not_found_explained": _l(
        "Deze postcode is niet gevonden. Controleer hem, of vul de coördinaten zelf in."
    ),
    "coordinates.one_missing": _l("Vul beide coördinaten in."),
    "coordinates.both_or_neither": _l(
        "Vul breedte- en lengtegraad allebei in, of laat ze allebei leeg."
    ),
    "coordinates.invalid": _l("Controleer de coördinaten."),
    "coordinates.out_of_range": _l(
        "Breedtegraad ligt tussen -90 en 90, lengtegraad tussen -180 en 180."
    ),
    "geocoder.unavailable": _l("De postcodedienst is niet bereikbaar."),
    "geocoder.type_coordinates": _l(
        "De postcodedienst (PDOK) is nu niet bereikbaar. Vul de coördinaten zelf in."
    ),
    # Forms sent twice, privacy
    "submission.already_sent": _l(
        "Dit formulier was al verstuurd; u ziet wat de eerste keer is opgeslagen."
    ),
    "privacy.unclassified_table": _unclassified,
}
