"""Translatable labels for the data model's vocabularies, in one place for every page."""

from flask_babel import lazy_gettext as _l

DAY_LABELS = {
    "mon": _l("maandag"),
    "tue": _l("dinsdag"),
    "wed": _l("woensdag"),
    "thu": _l("donderdag"),
    "fri": _l("vrijdag"),
    "sat": _l("zaterdag"),
    "sun": _l("zondag"),
}
PART_LABELS = {"am": _l("ochtend"), "pm": _l("middag"), "ev": _l("avond")}

ROLE_LABELS = {
    "admin": _l("beheerder"),
    "coordinator": _l("coördinator"),
    "coach": _l("coach"),
    "volunteer": _l("vrijwilliger"),
}
STATUS_LABELS = {
    "intake": _l("intake"),
    "active": _l("actief"),
    "paused": _l("gepauzeerd"),
    "finished": _l("afgerond"),
}
ROUTE_LABELS = {
    "z_route": _l("Z-route"),
    "b1_route": _l("B1-route"),
    "onderwijsroute": _l("onderwijsroute"),
}
VOLUNTEER_KIND_LABELS = {"taalmaatje": _l("taalmaatje"), "buddy": _l("buddy")}
MATCH_KIND_LABELS = {"placement": _l("vrijwilligersplek"), **VOLUNTEER_KIND_LABELS}
CATEGORY_LABELS = {
    "groen": _l("groen"),
    "zorg": _l("zorg"),
    "horeca": _l("horeca"),
    "techniek": _l("techniek"),
    "winkel": _l("winkel"),
    "sport": _l("sport"),
    "kinderen": _l("kinderen"),
    "dieren": _l("dieren"),
    "cultuur": _l("cultuur"),
    "schoonmaak": _l("schoonmaak"),
    "logistiek": _l("logistiek"),
    "kantoor": _l("kantoor"),
    "koken": _l("koken"),
    "buurt": _l("buurt"),
    "kringloop": _l("kringloop"),
}


def daypart_label(name: str) -> str:
    """'tue-am' → 'dinsdag ochtend' in the user's language."""
    day, part = name.split("-")
    return f"{DAY_LABELS[day]} {PART_LABELS[part]}"


# hours & progress (issue 6)
ACTIVITY_LABELS = {
    "placement": _l("vrijwilligerswerk"),
    "map": _l("MAP"),
    "pvt": _l("PVT"),
    "workshop": _l("workshop"),
    "other": _l("andere participatie"),
    "taalmaatje": _l("taalmaatje-bijeenkomst"),
    "buddy": _l("buddy-bijeenkomst"),
}
ABSENCE_LABELS = {
    "authorised": _l("afwezig met bericht"),
    "unauthorised": _l("afwezig zonder bericht"),
}
HOURS_STATUS_LABELS = {
    "submitted": _l("wacht op goedkeuring"),
    "approved": _l("goedgekeurd"),
    "rejected": _l("afgekeurd"),
}
FLAG_LABELS = {
    "not_placed": _l("niet geplaatst na 3 maanden"),
    "below_six": _l("2+ weken onder 6 uur"),
    "behind_pace": _l("achter op schema"),
    "gesprek_due": _l("voortgangsgesprek nodig"),
    "no_activity": _l("3 weken geen activiteit"),
}
NEED_LABELS = {  # services/participant_filters.Need: the lists to act on
    "open": _l("in intake of actief"),
    "at_minimum": _l("deze week op hun minimum ingepland"),
    "below_minimum": _l("deze week onder hun minimum"),
    "not_placed": _l("na drie maanden nog niet geplaatst"),
    "behind_pace": _l("achter op het tempo voor 800 uur"),
    "no_volunteer": _l("willen een taalmaatje of buddy en hebben er geen"),
    "paused": _l("gepauzeerd"),
    "hours_waiting": _l("met uren die wachten op goedkeuring"),
}
SORT_LABELS = {
    "name": _l("naam"),
    "urgency": _l("urgentie (wie aandacht nodig heeft eerst)"),
    "pip": _l("PIP-datum"),
}
