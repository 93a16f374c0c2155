"""What the card makes of a week plan: days in order, clock times, who to ask, the route, and
day-parts outside the match's period left off."""

from datetime import date, time
from types import SimpleNamespace

from matcher.models import MatchKind
from matcher.services.week_plan import PlanEntry, Slot
from matcher.web.weekcard import content

WEEK = date(2026, 12, 28)  # week 53, into 2027
TEMPLATE = "https://example.org/?to={lat},{lon}"


def _placement_entry(**kw) -> PlanEntry:
    organisation = SimpleNamespace(name="Buurthuis", contact_name="Jan", contact_phone="06 1")
    placement = SimpleNamespace(
        title="Koffie", lat=52.1, lon=6.2, organisation=organisation, contact_user=None
    )
    session = SimpleNamespace(starts_at=time(9, 30), ends_at=time(12))
    values = dict(
        match_id=1,
        kind=MatchKind.PLACEMENT,
        placement=placement,
        volunteer=None,
        organisation_name="Buurthuis",
        address="Markt 1, Almelo",
        postcode="7601 AB",
        slots=(Slot("mon-am", session), Slot("fri-pm", None)),
        starts_on=date(2026, 1, 5),
        ends_on=None,
    )
    return PlanEntry(**(values | kw))


def test_an_activity_has_its_clock_time_address_contact_and_route():
    participant = SimpleNamespace(first_name="Amal")
    card = content.week_card(participant, WEEK, [_placement_entry()], TEMPLATE)
    assert [day.key for day in card.days] == ["mon", "fri"]
    monday, friday = card.days
    (item,) = monday.items
    assert content.clock(item) == "09:30–12:00" and content.clock(friday.items[0]) == ""
    assert (item.place, item.title, item.address) == (
        "Buurthuis",
        "Koffie",
        "Markt 1, 7601 AB Almelo",
    )
    assert item.ask == "Jan, 06 1" and item.route_url == "https://example.org/?to=52.10000,6.20000"
    assert item.starts_on is None and friday.day == date(2027, 1, 1)
    assert content.week_span(WEEK) == "28 december 2026 – 3 januari 2027"


def test_day_parts_outside_the_period_are_left_off_and_a_start_is_named():
    participant = SimpleNamespace(first_name="Amal")
    entry = _placement_entry(starts_on=date(2026, 12, 30))  # a Wednesday
    buddy = _placement_entry(
        match_id=2,
        kind=MatchKind.BUDDY,
        placement=None,
        volunteer=SimpleNamespace(first_name="Truus"),
        organisation_name="",
        slots=(Slot("tue-ev", None), Slot("thu-ev", None)),
        ends_on=date(2026, 12, 29),  # ends on Tuesday
    )
    card = content.week_card(participant, WEEK, [entry, buddy], TEMPLATE)
    assert [(day.key, item.kind) for day in card.days for item in day.items] == [
        ("tue", "buddy"),
        ("fri", "placement"),
    ]
    tuesday, friday = card.days
    assert tuesday.items[0].place == "Truus" and tuesday.items[0].route_url is None
    assert tuesday.items[0].ask == "Truus" and tuesday.items[0].address == ""
    assert friday.items[0].starts_on == date(2026, 12, 30)
