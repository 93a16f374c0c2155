"""Wording of a placement session's clock times (the windows of matcher/dayparts.py, the
bound of matcher/bounds.py) and of an import that gives a session hours without times."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from matcher import bounds, number_format


def _too_long(data: dict) -> str:
    hours = number_format.format_number(bounds.SESSION_HOURS.high)
    return _("Een sessie duurt hooguit %(hours)s uur.", hours=hours)


def _times_derived(data: dict) -> str:
    return ngettext(
        "%(num)d rij geeft sessies met uren maar zonder begin- en eindtijd; die sessies "
        "krijgen de gewone tijden van hun dagdeel (ochtend 09:00, middag 13:30, avond "
        "19:00). Controleer de tijden na het importeren.",
        "%(num)d rijen geven sessies met uren maar zonder begin- en eindtijd; die sessies "
        "krijgen de gewone tijden van hun dagdeel (ochtend 09:00, middag 13:30, avond "
        "19:00). Controleer de tijden na het importeren.",
        int(data["count"]),
    )


CATALOGUE = {
    "session.times_missing": _l("Vul een begintijd en een eindtijd in."),
    "session.time_format": _l("Vul een tijd in als uu:mm, bijvoorbeeld 13:30."),
    "session.end_before_start": _l("De eindtijd moet later zijn dan de begintijd."),
    "session.outside_am": _l("Een ochtendsessie begint vóór 12:00."),
    "session.outside_pm": _l("Een middagsessie begint tussen 12:00 en 18:00."),
    "session.outside_ev": _l("Een avondsessie begint om 18:00 of later."),
    "session.too_long": _too_long,
    "session.times_derived": _times_derived,
}
