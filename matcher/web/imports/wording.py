"""The words of the import: the import services raise codes with data, this module says them.

`refusal(error)` words a file that cannot be read (ImportRefused) or a confirm that is refused
(RecordsChanged); `cell(error)` a bad cell; `notice(n)` what the import does differently than
the file asks; `plan(p)` the status badge of a good row (new, changed, unchanged);
`describe(kind, column)` a template column.
"""

from flask_babel import format_datetime, gettext, ngettext

from matcher import bounds, number_format
from matcher.services.errors import DomainError
from matcher.web import messages


def N_(message: str) -> str:
    """The extractor's marker for a msgid that is translated where it is used."""
    return message


SAVE_AS_UTF8 = N_("Sla het bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)'.")
SHOWN = 10  # rows named in a refusal; the rest are counted

REFUSALS = {
    "wrong_extension": N_("Kies een .csv- of .xlsx-bestand."),
    "file_too_big": N_("Het bestand is groter dan 5 MB. Splits het in kleinere bestanden."),
    "empty": N_("Het bestand is leeg."),
    "not_csv": N_("Dit bestand is geen CSV-bestand (tekst met kolommen)."),
    "csv_unreadable": N_("Dit CSV-bestand kan niet gelezen worden."),
    "mixed_utf8": N_(
        "Regel %(line)d van het bestand is geen UTF-8-tekst, terwijl de rest van het "
        "bestand dat wel is; de tekens zouden verminkt worden opgeslagen. %(advice)s"
    ),
    "unknown_encoding": N_(
        "Regel %(line)d van het bestand bevat tekens in een onbekende codering. %(advice)s"
    ),
    "too_slow": N_(
        "Het lezen van dit bestand duurt te lang (meer dan %(seconds)d seconden). "
        "Zet alleen de gegevens in een nieuw bestand en probeer het opnieuw."
    ),
    "too_many_rows": N_("Het bestand heeft meer dan %(max)d rijen. Splits het."),
    "too_many_columns": N_(
        "Rij %(row)d heeft gegevens in meer dan %(max)d kolommen. "
        "Gebruik alleen de kolommen van het sjabloon."
    ),
    "cell_too_long": N_(
        "Cel %(cell)s bevat meer dan %(max)d tekens; zo lang is geen enkel veld. "
        "Maak de tekst korter."
    ),
    "row_cell_too_long": N_(
        "Rij %(row)d bevat een cel met meer dan %(max)d tekens; zo lang is geen enkel veld. "
        "Maak de tekst korter."
    ),
    "not_xlsx": N_("Dit bestand is geen leesbaar Excel-bestand (.xlsx)."),
    "unpacks_too_big": N_(
        "Dit Excel-bestand wordt uitgepakt veel groter dan het lijkt (%(size)d MB, hooguit "
        "%(max)d MB). Zo'n bestand lezen we niet; zet alleen de gegevens in een nieuw bestand."
    ),
    "encrypted_or_xls": N_(
        "Dit Excel-bestand is met een wachtwoord beveiligd of in het oude .xls-formaat "
        "opgeslagen. Sla het op als gewoon .xlsx-bestand zonder wachtwoord."
    ),
    "compressed_too_strongly": N_(
        "Dit Excel-bestand is verdacht sterk ingepakt: een onderdeel wordt "
        "%(ratio)d keer zo groot. Zo'n bestand lezen we niet; zet de gegevens in "
        "een nieuw bestand."
    ),
    "too_many_parts": N_(
        "Dit Excel-bestand bestaat uit te veel onderdelen (%(count)d, hooguit %(max)d). "
        "Zet de gegevens in een nieuw, gewoon Excel-bestand."
    ),
    "too_many_row_elements": N_(
        "Het werkblad heeft meer dan %(max)d rijen, als ook lege rijen met opmaak "
        "meetellen. Kopieer alleen de gegevens naar een nieuw werkblad."
    ),
    "declared_too_big": N_(
        "Het werkblad is volgens het bestand %(rows)d rijen hoog en %(columns)d kolommen "
        "breed (%(ref)s). Een import mag hooguit %(max_rows)d rijen en %(max_columns)d "
        "kolommen hebben. Kopieer alleen de gegevens naar een nieuw werkblad."
    ),
    "file_has_errors": N_("Het bestand bevat fouten; er is niets opgeslagen."),
}
CELLS = {
    "required_empty": N_("verplicht, maar leeg"),
    "too_long": N_("langer dan %(max)d tekens"),
    "name_needs_letter": N_("een naam bevat minstens één letter"),
    "not_a_number": N_("'%(value)s' is geen getal"),
    "not_whole": N_("'%(value)s' is geen heel getal"),
    "between": N_("moet tussen %(low)s en %(high)s liggen"),
    "above_and_at_most": N_("moet groter dan %(low)s en hooguit %(high)s zijn"),
    "yes_no": N_("vul ja of nee in"),
    "level": N_("kies A0, A1, A2, B1 of B2"),
    "unknown_category": N_("onbekende categorie '%(value)s'"),
    "unknown_language": N_("'%(value)s' is geen taalcode (ISO 639, bijvoorbeeld ar, ti of prs)"),
    "unknown_daypart": N_("onbekend dagdeel '%(value)s'"),
    "session_format": N_("'%(value)s': schrijf dagdeel:begintijd-eindtijd:plaatsen"),
    "daypart_twice": N_("dagdeel '%(value)s' staat er twee keer in"),
    "no_sessions": N_("minstens één sessie nodig, bijvoorbeeld mon-am:09:00-12:00:2"),
    "not_a_date": N_("'%(value)s' is geen datum (DD-MM-JJJJ of JJJJ-MM-DD)"),
    "unknown_municipality": N_("onbekende gemeente '%(value)s'"),
    "not_a_postcode": N_("'%(value)s' is geen postcode"),
    "both_coordinates": N_("vul breedtegraad en lengtegraad allebei in"),
    "postcode_not_found": N_("postcode niet gevonden; vul de coördinaten in"),
    "no_coach": N_("geen coach met dit e-mailadres"),
    "kind_choice": N_("kies taalmaatje of buddy"),
    "gender_choice": N_("kies vrouw, man of anders"),
    "buddy_gender_choice": N_("kies vrouw, man of leeg"),
    "status_choice": N_("kies intake, actief, gepauzeerd of afgerond"),
    "duplicate_ref": N_("staat ook in rij %(row)d"),
}
EXPLAIN_REF = N_("uw eigen unieke kenmerk; opnieuw importeren werkt bij")
EXPLAIN_LOOKUP = N_("leeg: wordt bij de postcode opgezocht")
EXPLAIN_DAYPARTS = N_("dagdelen mon-am … sun-ev")
EXPLAIN_LANGUAGES = N_("ISO 639-taalcodes, bijvoorbeeld ar, ti, prs")
EXPLAIN_YES_NO = N_("ja of nee")
EXPLAIN_DATE = N_("DD-MM-JJJJ of JJJJ-MM-DD")
COMMON = {
    "kenmerk": EXPLAIN_REF,
    "beschikbaarheid": EXPLAIN_DAYPARTS,
    "talen": EXPLAIN_LANGUAGES,
    "interesses": N_("categorieën"),
    "breedtegraad": EXPLAIN_LOOKUP,
    "lengtegraad": EXPLAIN_LOOKUP,
}
EXPLAIN = {
    "placements": {
        **COMMON,
        "organisatie": N_("naam van de organisatie"),
        "gemeente": N_("gemeente van de organisatie"),
        "titel": N_("naam van de plek"),
        "categorie": N_("een van de categorieën"),
        "niveau": N_("minimaal niveau Nederlands, A0 t/m B2"),
        "adres": N_("straat en huisnummer"),
        "postcode": N_("postcode"),
        "sessies": N_("dagdeel:begintijd-eindtijd:plaatsen, gescheiden door ;"),
        "omschrijving": N_("vrije tekst"),
    },
    "volunteers": {
        **COMMON,
        "soort": N_("taalmaatje of buddy"),
        "gender": N_("vrouw, man, anders of leeg"),
        "capaciteit": N_("aantal deelnemers tegelijk"),
        "sessie_uren": N_("duur van een ontmoeting in uren"),
        "reisafstand_km": N_("leeg: geen grens"),
        "vog_datum": EXPLAIN_DATE,
    },
    "participants": {
        **COMMON,
        "coach_email": N_("e-mailadres van de coach"),
        "status": N_("intake, actief, gepauzeerd of afgerond"),
        "niveau": N_("A0 t/m B2"),
        "wil_taalmaatje": EXPLAIN_YES_NO,
        "wil_buddy": EXPLAIN_YES_NO,
        "voorkeur_gender_buddy": N_("vrouw, man of leeg (wens van de deelnemer)"),
        "pip_datum": N_(
            "start van het traject, DD-MM-JJJJ of JJJJ-MM-DD (ook als kolom 'startdatum'); "
            "alleen voor nieuwe deelnemers, daarna wijzigt de coach hem"
        ),
    },
}


def _format(data: dict) -> dict:
    return {
        key: number_format.format_number(value) if isinstance(value, float | int) else value
        for key, value in data.items()
        if not isinstance(value, bool)
    }


def cell(error) -> str:
    """The sentence for a CellError or a preview's RowError (both carry code and data)."""
    data = dict(error.data)
    if error.code == "session_cell":
        return f"{data['daypart']}: {cell(data['inner'])}"
    if error.code == "session_times":
        return messages.word(data["problem"])
    if error.code in ("between", "above_and_at_most", "not_a_number", "not_whole"):
        return gettext(CELLS[error.code], **_format(data))
    return gettext(CELLS[error.code], **data) if data else gettext(CELLS[error.code])


def refusal(error: DomainError) -> str:
    """The sentence for a refused file or confirm; other services' errors from their catalogue
    (matcher/web/messages.py)."""
    code, data = getattr(error, "code", None), dict(getattr(error, "data", {}) or {})
    if code == "records_changed":
        return _records_changed(error.rows)
    if code == "columns":
        return _columns(data)
    if code in ("mixed_utf8", "unknown_encoding"):
        data["advice"] = gettext(SAVE_AS_UTF8)
    if code in REFUSALS:
        return gettext(REFUSALS[code], **data) if data else gettext(REFUSALS[code])
    return messages.render(error)


def _columns(data: dict) -> str:
    parts = []
    if data.get("missing"):
        parts.append(gettext("ontbrekende kolommen: %(names)s", names=", ".join(data["missing"])))
    if data.get("unknown"):
        parts.append(gettext("onbekende kolommen: %(names)s", names=", ".join(data["unknown"])))
    if data.get("duplicated"):
        parts.append(gettext("dubbele kolommen: %(names)s", names=", ".join(data["duplicated"])))
    return gettext(
        "De kolommen kloppen niet (%(details)s). Gebruik het sjabloon.", details="; ".join(parts)
    )


def changed_row(row) -> str:
    """One record changed by someone else after the preview."""
    when = format_datetime(row.changed_at, "d MMM yyyy HH:mm") if row.changed_at else "?"
    return gettext(
        "rij %(row)d (%(name)s, kenmerk %(ref)s): gewijzigd door %(who)s op %(when)s",
        row=row.row,
        name=row.name,
        ref=row.ref,
        who=row.changed_by or gettext("iemand anders"),
        when=when,
    )


def _records_changed(rows) -> str:
    shown = "; ".join(changed_row(row) for row in rows[:SHOWN])
    if len(rows) > SHOWN:
        shown += gettext(" en nog %(count)d", count=len(rows) - SHOWN)
    return gettext(
        "Na de voorvertoning zijn gegevens gewijzigd: %(rows)s. Er is niets "
        "opgeslagen. Upload het bestand opnieuw om de wijzigingen te bekijken.",
        rows=shown,
    )


def notice(item) -> str:
    """What the import does differently than the file asks."""
    data = item.data
    if item.code == "unknown_columns":
        return ngettext(
            "De kolom %(names)s kent matcher niet; die wordt overgeslagen.",
            "De kolommen %(names)s kent matcher niet; die worden overgeslagen.",
            len(data["names"]),
            names=", ".join(data["names"]),
        )
    if item.code == "geocoder_down_centre":
        return ngettext(
            "De postcodedienst (PDOK) is nu niet bereikbaar. %(num)d rij zonder coördinaten "
            "krijgt het midden van de gemeente (%(refs)s); vul breedtegraad en lengtegraad in "
            "of pas de plek later aan.",
            "De postcodedienst (PDOK) is nu niet bereikbaar. %(num)d rijen zonder coördinaten "
            "krijgen het midden van de gemeente (%(refs)s); vul breedtegraad en lengtegraad in "
            "of pas ze later aan.",
            len(data["refs"]),
            refs=_some(data["refs"]),
        )
    if item.code == "geocoder_down_kept":
        return ngettext(
            "De postcodedienst (PDOK) is nu niet bereikbaar; %(num)d bestaand gegeven met "
            "dezelfde postcode houdt zijn opgeslagen coördinaten.",
            "De postcodedienst (PDOK) is nu niet bereikbaar; %(num)d bestaande gegevens met "
            "dezelfde postcode houden hun opgeslagen coördinaten.",
            data["count"],
        )
    if item.code == "pip_date_kept":
        return ngettext(
            "De PIP-datum van %(num)d bestaande deelnemer blijft staan: die wijzigt alleen de "
            "coach.",
            "De PIP-datum van %(num)d bestaande deelnemers blijft staan: die wijzigt alleen "
            "hun coach.",
            data["count"],
        )
    return messages.word(item.code, data)  # the session notices are worded there


def _some(refs: list[str]) -> str:
    shown = ", ".join(refs[:SHOWN])
    if len(refs) > SHOWN:
        shown += gettext(" en nog %(count)d", count=len(refs) - SHOWN)
    return shown


PLAN_WORDS = {"new": N_("nieuw"), "changed": N_("gewijzigd"), "unchanged": N_("ongewijzigd")}


def plan(row) -> tuple[str, str]:
    """What confirming does with a good row: its badge's kind and word (columns follow it)."""
    action = row.action if row.action in PLAN_WORDS else "unchanged"
    return action, gettext(PLAN_WORDS[action])


def describe(kind: str, column: str) -> str:
    """The explanation of a template column."""
    if kind == "participants" and column == "max_uren_week":
        return gettext(
            "meer dan %(low)s, hooguit %(high)s",
            low=format(bounds.LOAD_CAP.low, "g"),
            high=format(bounds.LOAD_CAP.high, "g"),
        )
    message = EXPLAIN[kind].get(column)
    return gettext(message) if message else ""
