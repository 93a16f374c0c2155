"""Every cause of a miss in words, alone and together, singular and plural, Dutch and English
(issue 14): the distance cause beside level, day-part, seats taken and the load cap."""

from flask_babel import force_locale

from matcher.web.matching import reasons

ONE_FAR = {"code": "out_of_reach", "data": {"count": 1, "nearest_km": 7.2, "max_km": 5}}
MANY_FAR = {"code": "out_of_reach", "data": {"count": 3, "nearest_km": 7.26, "max_km": 5}}
LEVEL = {
    "code": "language_level",
    "data": {"level": "A1", "lowest_needed": "B1", "reachable": 7, "count": 2},
}
DAYS = {"code": "no_shared_daypart", "data": {"reachable": 7, "count": 1}}
TAKEN = {
    "code": "capacity_taken",
    "data": {"sessions": 2, "taken_by": 2, "more_urgent": 0, "at_minimum": 2, "most_hours": 3},
}
CAP = {"code": "load_cap", "data": {"max_hours": 4, "minimum": 4, "possible_hours": 3}}


def _say(app, reason, locale="nl"):
    with app.test_request_context(), force_locale(locale):
        return reasons.sentence(reason, miss=True)


def _all(app, items, locale="nl"):
    with app.test_request_context(), force_locale(locale):
        return reasons.sentences(items, miss=True)


def test_distance_alone_in_dutch(app):
    assert _say(app, ONE_FAR) == (
        "1 plek met een passend dagdeel en taalniveau ligt verder dan 5 km (op 7,2 km)"
    )
    assert _say(app, MANY_FAR) == (
        "3 plekken met een passend dagdeel en taalniveau liggen verder dan 5 km "
        "(de dichtstbijzijnde op 7,3 km)"
    )


def test_distance_alone_in_english(app):
    assert _say(app, ONE_FAR, "en") == (
        "1 place with a fitting day-part and language level is further than 5 km away (at 7.2 km)"
    )
    assert _say(app, MANY_FAR, "en") == (
        "3 places with a fitting day-part and language level are further than 5 km away "
        "(the nearest at 7.3 km)"
    )


def test_each_other_cause_alone(app):
    assert _say(app, LEVEL) == (
        "2 van de 7 plekken binnen bereik vragen een hoger taalniveau (minstens B1), "
        "de deelnemer heeft A1"
    )
    assert _say(app, DAYS) == (
        "1 van de 7 plekken binnen bereik heeft geen dagdeel waarop de deelnemer kan"
    )
    assert _say(app, TAKEN) == (
        "de 2 passende dagdelen zijn vol, bezet door 2 andere deelnemers, die daarmee allemaal "
        "6 uur halen"
    )
    assert _say(app, CAP) == ("de belastbaarheid (4 uur) laat hooguit 3 uur toe, minder dan 4 uur")
    for reason in (LEVEL, DAYS, TAKEN, CAP):
        english = _say(app, reason, "en")
        assert english and english != _say(app, reason) and "reden" not in english


def test_every_cause_together_in_order(app):
    dutch = _all(app, [LEVEL, DAYS, MANY_FAR, TAKEN, CAP])
    parts = dutch.split("; ")
    assert parts[2] == (
        "3 plekken met een passend dagdeel en taalniveau liggen verder dan 5 km "
        "(de dichtstbijzijnde op 7,3 km)"
    )
    assert parts[0].startswith("2 van de 7") and parts[-1].startswith("de belastbaarheid")
    english = _all(app, [LEVEL, DAYS, ONE_FAR, TAKEN, CAP], "en")
    assert "; 1 place with a fitting day-part and language level is further than 5 km away " in (
        english
    )
    assert "plek" not in english


def test_a_distance_reason_without_its_numbers_is_not_a_crash(app):
    assert _say(app, {"code": "out_of_reach", "data": {}}) == "reden out_of_reach"
