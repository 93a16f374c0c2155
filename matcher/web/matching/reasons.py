"""Reason codes (from the solver and the rule checks) in plain Dutch, or English when chosen."""

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from matcher.web import labels

SENTENCES = {
    # why an assignment fits
    "distance": _l("%(km)s km"),
    "interest": _l("past bij interesse %(category)s"),
    "places_left": _l("%(left)s van %(capacity)s plekken over"),
    "kept_from_current": _l("loopt al"),
    # why a participant misses six hours or a wanted volunteer
    "no_reachable_placement": _l(
        "geen plek binnen %(max_km)s km; de dichtstbijzijnde ligt op %(nearest_km)s km"
    ),
    "language_level": _l(
        "de %(reachable)s plekken binnen bereik vragen minstens taalniveau %(lowest_needed)s, "
        "de deelnemer heeft %(level)s"
    ),
    "no_shared_daypart": _l(
        "geen van de %(reachable)s plekken binnen bereik heeft een dagdeel waarop de deelnemer kan"
    ),
    "load_cap": _l(
        "de belastbaarheid (%(max_hours)s uur) laat hooguit %(possible_hours)s uur toe, minder "
        "dan %(minimum)s uur"
    ),
    "too_few_hours": _l(
        "de plekken binnen bereik bieden samen hooguit %(possible_hours)s uur, minder dan "
        "%(minimum)s uur"
    ),
    "capacity_taken": _l(
        "de %(sessions)s passende dagdelen zijn vol: %(taken_by)s andere deelnemers, van wie "
        "%(more_urgent)s met meer achterstand"
    ),
    "no_volunteer_reachable": _l("geen %(kind)s binnen bereik"),
    "no_volunteer_daypart": _l(
        "geen van de %(reachable)s beschikbare vrijwilligers (%(kind)s) kan op een dagdeel van "
        "de deelnemer"
    ),
    "volunteer_capacity_taken": _l(
        "de %(volunteers)s passende vrijwilligers (%(kind)s) zijn bezet door %(taken_by)s "
        "andere deelnemers"
    ),
    "no_room_for_volunteer": _l("geen vrij dagdeel of uur meer voor een %(kind)s"),
    # why a running match stops, or why a plan cannot be saved
    "replaced_for_better_plan": _l("vervangen door een plan dat meer deelnemers aan 6 uur helpt"),
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


def _value(key: str, value):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return format_decimal(round(value, 1), format="#,##0.#")
    if key == "daypart":
        return labels.daypart_label(value)
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
    if code == "no_reachable_placement" and data.get("nearest_km") is None:
        template = SPECIAL[(code, None)]
    elif code == "no_volunteer_reachable" and data.get("nearest_km") is not None:
        template = SPECIAL[(code, "km")]
    else:
        template = SENTENCES.get(code)
    if template is None:
        return str(UNKNOWN) % {"code": code}
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return str(UNKNOWN) % {"code": code}


def sentences(reasons: list[dict], miss: bool = False) -> str:
    """Several reasons joined with semicolons."""
    return "; ".join(sentence(r, miss) for r in reasons or ())


def conflict(item: dict) -> str:
    """A conflict at confirmation: who, what, and the broken rule."""
    return f"{item.get('who', '')} – {item.get('what', '')}: {sentence(item)}"
