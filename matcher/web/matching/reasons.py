"""Reason codes (from the solver and the rule checks) in plain Dutch, or English when chosen.

Sentences with a count are `ngettext` (one and many in both languages); a reason whose numbers
are missing (runs stored before a code gained a number) falls back to the shorter sentence.
"""

from collections.abc import Callable

from flask_babel import format_decimal, ngettext
from flask_babel import lazy_gettext as _l

from matcher.web import labels

SENTENCES = {
    # why an assignment fits
    "distance": _l("%(km)s km"),
    "interest": _l("past bij interesse %(category)s"),
    "kept_from_current": _l("loopt al"),
    "dayparts_changed": _l("dagdelen gewijzigd: %(before)s → %(after)s"),
    # why a participant misses six hours or a wanted volunteer
    "no_reachable_placement": _l(
        "geen plek binnen %(max_km)s km; de dichtstbijzijnde ligt op %(nearest_km)s km"
    ),
    "load_cap": _l(
        "de belastbaarheid (%(max_hours)s uur) laat hooguit %(possible_hours)s uur toe, minder "
        "dan %(minimum)s uur"
    ),
    "too_few_hours": _l(
        "de plekken binnen bereik bieden samen hooguit %(possible_hours)s uur, minder dan "
        "%(minimum)s uur"
    ),
    "no_volunteer_reachable": _l("geen %(kind)s binnen bereik"),
    "no_room_for_volunteer": _l("geen vrij dagdeel of uur meer voor een %(kind)s"),
    # why a running match stops, or why a plan cannot be saved
    "replaced_for_better_plan": _l("vervangen door een plan dat meer deelnemers aan 6 uur helpt"),
    "rejected_pairing": _l(
        "afgewezen door de coördinator; op te heffen op de pagina van de deelnemer"
    ),
    "forbidden": _l("deze koppeling is afgewezen voor de deelnemer"),
    "placement_inactive": _l("de vrijwilligersplek of organisatie is niet meer actief"),
    "volunteer_away": _l("de vrijwilliger is die week afwezig"),
    "volunteer_inactive": _l("de vrijwilliger is niet meer actief"),
    "pin_impossible": _l("vastgezet, maar niet meer mogelijk"),
    "participant_paused": _l("de deelnemer is gepauzeerd of afgerond"),
    "participant_unavailable": _l("de deelnemer kan niet meer op %(daypart)s"),
    "no_session": _l("de plek heeft geen dagdeel %(daypart)s meer"),
    "too_far": _l("%(km)s km, verder dan %(max_km)s km"),
    "level_too_low": _l("de plek vraagt taalniveau %(needed)s, de deelnemer heeft %(level)s"),
    "not_wanted": _l("de deelnemer vraagt geen %(kind)s"),
    "volunteer_unavailable": _l("de vrijwilliger kan niet meer op %(daypart)s"),
    "daypart_double": _l("twee activiteiten op %(daypart)s"),
    "second_volunteer": _l("een tweede %(kind)s"),
    "over_max_hours": _l("%(hours)s uur, meer dan de belastbaarheid van %(max_hours)s uur"),
    "session_full": _l("%(daypart)s is vol (%(capacity)s plekken)"),
    "volunteer_full": _l("de vrijwilliger heeft al %(capacity)s deelnemers"),
    "volunteer_daypart_taken": _l("de vrijwilliger heeft op %(daypart)s al een afspraak"),
}
SPECIAL = {
    ("no_reachable_placement", None): _l("geen enkele plek binnen %(max_km)s km"),
    ("no_volunteer_reachable", "km"): _l(
        "geen %(kind)s binnen bereik; de dichtstbijzijnde woont op %(nearest_km)s km"
    ),
}
PINNED_FIT = _l("vastgezet")
PINNED_MISS = _l("vastgezette afspraken laten geen ruimte voor meer uren")
UNKNOWN = _l("reden %(code)s")


def _count(data: dict, key: str) -> int | None:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _places_left(data: dict, v: dict) -> str:
    return ngettext(
        "%(left)s van %(num)d plek over",
        "%(left)s van %(num)d plekken over",
        data["capacity"],
        left=v["left"],
    )


def _language_level(data: dict, v: dict) -> str:
    reachable, count = data["reachable"], _count(data, "count")
    if count is None or count >= reachable:
        return ngettext(
            "de plek binnen bereik vraagt minstens taalniveau %(lowest_needed)s, de deelnemer "
            "heeft %(level)s",
            "de %(num)d plekken binnen bereik vragen minstens taalniveau %(lowest_needed)s, de "
            "deelnemer heeft %(level)s",
            reachable,
            lowest_needed=v["lowest_needed"],
            level=v["level"],
        )
    return ngettext(
        "%(num)d van de %(reachable)s plekken binnen bereik vraagt een hoger taalniveau "
        "(minstens %(lowest_needed)s), de deelnemer heeft %(level)s",
        "%(num)d van de %(reachable)s plekken binnen bereik vragen een hoger taalniveau "
        "(minstens %(lowest_needed)s), de deelnemer heeft %(level)s",
        count,
        reachable=v["reachable"],
        lowest_needed=v["lowest_needed"],
        level=v["level"],
    )


def _no_shared_daypart(data: dict, v: dict) -> str:
    reachable, count = data["reachable"], _count(data, "count")
    if count is None or count >= reachable:
        return ngettext(
            "de plek binnen bereik heeft geen dagdeel waarop de deelnemer kan",
            "geen van de %(num)d plekken binnen bereik heeft een dagdeel waarop de deelnemer kan",
            reachable,
        )
    return ngettext(
        "%(num)d van de %(reachable)s plekken binnen bereik heeft geen dagdeel waarop de "
        "deelnemer kan",
        "%(num)d van de %(reachable)s plekken binnen bereik hebben geen dagdeel waarop de "
        "deelnemer kan",
        count,
        reachable=v["reachable"],
    )


def _rejected(data: dict, v: dict) -> str:
    return ngettext(
        "%(num)d plek binnen bereik is eerder afgewezen voor deze deelnemer",
        "%(num)d plekken binnen bereik zijn eerder afgewezen voor deze deelnemer",
        data["count"],
    )


def _out_of_reach(data: dict, v: dict) -> str:
    return ngettext(
        "%(num)d plek met een passend dagdeel en taalniveau ligt verder dan %(max_km)s km "
        "(op %(nearest_km)s km)",
        "%(num)d plekken met een passend dagdeel en taalniveau liggen verder dan %(max_km)s km "
        "(de dichtstbijzijnde op %(nearest_km)s km)",
        data["count"],
        max_km=v["max_km"],
        nearest_km=v["nearest_km"],
    )


def _capacity_taken(data: dict, v: dict) -> str:
    taken_by = data["taken_by"]
    parts = [
        ngettext(
            "het passende dagdeel is vol", "de %(num)d passende dagdelen zijn vol", data["sessions"]
        )
    ]
    if taken_by:
        parts.append(
            ngettext(
                "bezet door %(num)d andere deelnemer",
                "bezet door %(num)d andere deelnemers",
                taken_by,
            )
        )
    at_minimum = _count(data, "at_minimum")
    if taken_by and at_minimum:
        if at_minimum >= taken_by:
            parts.append(
                ngettext("die daarmee 6 uur haalt", "die daarmee allemaal 6 uur halen", taken_by)
            )
        else:
            parts.append(
                ngettext(
                    "van wie %(num)d daarmee 6 uur haalt",
                    "van wie %(num)d daarmee 6 uur halen",
                    at_minimum,
                )
            )
    text = ", ".join(parts)
    urgent = _count(data, "more_urgent")
    if taken_by and urgent:
        text += "; " + ngettext(
            "%(num)d van hen heeft meer achterstand",
            "%(num)d van hen hebben meer achterstand",
            urgent,
        )
    return text


def _no_combination(data: dict, v: dict) -> str:
    return ngettext(
        "het vrije dagdeel binnen bereik is niet genoeg voor het minimum naast de andere afspraken",
        "de %(num)d vrije dagdelen binnen bereik zijn samen niet genoeg voor het minimum naast "
        "de andere afspraken",
        data["free_sessions"],
    )


def _no_volunteer_daypart(data: dict, v: dict) -> str:
    return ngettext(
        "de beschikbare vrijwilliger (%(kind)s) kan op geen enkel dagdeel van de deelnemer",
        "geen van de %(num)d beschikbare vrijwilligers (%(kind)s) kan op een dagdeel van de "
        "deelnemer",
        data["reachable"],
        kind=v["kind"],
    )


def _volunteer_capacity_taken(data: dict, v: dict) -> str:
    text = ngettext(
        "de passende vrijwilliger (%(kind)s) is bezet",
        "de %(num)d passende vrijwilligers (%(kind)s) zijn bezet",
        data["volunteers"],
        kind=v["kind"],
    )
    if data["taken_by"]:
        text += " " + ngettext(
            "door %(num)d andere deelnemer", "door %(num)d andere deelnemers", data["taken_by"]
        )
    return text


def _volunteer_rejected(data: dict, v: dict) -> str:
    return ngettext(
        "de vrijwilliger (%(kind)s) binnen bereik is eerder afgewezen voor deze deelnemer",
        "de %(num)d vrijwilligers (%(kind)s) binnen bereik zijn eerder afgewezen voor deze "
        "deelnemer",
        data["count"],
        kind=v["kind"],
    )


COUNTED: dict[str, Callable[[dict, dict], str]] = {
    "places_left": _places_left,
    "language_level": _language_level,
    "no_shared_daypart": _no_shared_daypart,
    "rejected": _rejected,
    "out_of_reach": _out_of_reach,
    "capacity_taken": _capacity_taken,
    "no_combination": _no_combination,
    "no_volunteer_daypart": _no_volunteer_daypart,
    "volunteer_capacity_taken": _volunteer_capacity_taken,
    "volunteer_rejected": _volunteer_rejected,
}


def _value(key: str, value):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return format_decimal(round(value, 1), format="#,##0.#")
    if key == "daypart":
        return labels.daypart_label(value)
    if key in ("before", "after") and isinstance(value, list):
        return ", ".join(labels.daypart_label(d) for d in value)
    if key == "kind":
        return labels.VOLUNTEER_KIND_LABELS.get(value, value)
    if key == "category":
        return labels.CATEGORY_LABELS.get(value, value)
    return value


def sentence(reason: dict, miss: bool = False) -> str:
    """One reason ({"code", "data"}) as a short sentence in the user's language."""
    code, data = reason.get("code", ""), reason.get("data") or {}
    values = {k: _value(k, v) for k, v in data.items()}
    if code == "pinned":
        return str(PINNED_MISS if miss else PINNED_FIT)
    try:
        if code in COUNTED:
            return COUNTED[code](data, values)
        if code == "no_reachable_placement" and data.get("nearest_km") is None:
            template = SPECIAL[(code, None)]
        elif code == "no_volunteer_reachable" and data.get("nearest_km") is not None:
            template = SPECIAL[(code, "km")]
        else:
            template = SENTENCES.get(code)
        if template is None:
            return str(UNKNOWN) % {"code": code}
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return str(UNKNOWN) % {"code": code}


def sentences(reasons: list[dict], miss: bool = False) -> str:
    """Several reasons joined with semicolons."""
    return "; ".join(sentence(r, miss) for r in reasons or ())


def conflict(item: dict) -> str:
    """A conflict at confirmation: who, what, and the broken rule."""
    return f"{item.get('who', '')} – {item.get('what', '')}: {sentence(item)}"
