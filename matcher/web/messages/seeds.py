"""Wording of the seed files' problems (`matcher seed`, `matcher demo`): file, row, column."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext


def _invalid(data: dict) -> str:
    return ngettext(
        "De seed-bestanden bevatten %(num)d fout.",
        "De seed-bestanden bevatten %(num)d fouten.",
        int(data.get("count", 0)),
    )


def _columns_missing(data: dict) -> str:
    return ngettext(
        "kolom ontbreekt: %(columns)s",
        "kolommen ontbreken: %(columns)s",
        int(data.get("count", 1)),
        columns=data.get("columns", ""),
    )


CATALOGUE = {
    "seed.invalid": _invalid,
    "seed.in_cell": _l("%(file)s, rij %(row)s, veld %(column)s: %(problem)s"),
    "seed.in_file": _l("%(file)s: %(problem)s"),
    "seed.file_missing": _l("bestand ontbreekt"),
    "seed.unreadable": _l("onleesbaar bestand (%(error)s)"),
    "seed.columns_missing": _columns_missing,
    "seed.empty": _l("is leeg"),
    "seed.no_letter": _l("'%(value)s' bevat geen letter"),
    "seed.not_a_number": _l("'%(value)s' is geen getal"),
    "seed.not_between": _l("%(value)s ligt niet tussen %(low)s en %(high)s"),
    "seed.not_above": _l("%(value)s is niet groter dan %(low)s en hooguit %(high)s"),
    "seed.not_whole": _l("'%(value)s' is geen geheel getal"),
    "seed.unknown_language": _l("'%(value)s' is geen ISO 639-taalcode"),
    "seed.not_a_choice": _l("'%(value)s' is geen geldige waarde (%(allowed)s)"),
    "seed.not_a_date": _l("'%(value)s' is geen datum (JJJJ-MM-DD)"),
    "seed.not_a_time": _l("'%(value)s' is geen tijd (UU:MM)"),
    "seed.session_no_times": _l("vul starts_at en ends_at in (of, in een ouder bestand, hours)"),
    "seed.unknown_daypart": _l("onbekend dagdeel '%(value)s'"),
    "seed.not_a_flag": _l("'%(value)s' is geen ja/nee"),
    "seed.unknown_ref": _l("'%(value)s' bestaat niet"),
}
