"""What the week card shows, made from the participant's week plan (services/week_plan.py, the
confirmed matches in force): one item per day-part, grouped by day, with place, address, clock
time, who to ask and the route. Nothing else of the participant: no health, limits or notes."""

from dataclasses import dataclass
from datetime import date, time, timedelta

from babel.dates import format_date

from matcher.dayparts import DAYS
from matcher.models import MatchKind, Participant
from matcher.services.week_plan import PlanEntry, Slot, week_slots
from matcher.web.weekcard import qr


@dataclass(frozen=True)
class Item:
    """One activity on one day-part."""

    part: str  # "am", "pm" or "ev"
    kind: str  # "placement", "taalmaatje" or "buddy"
    place: str  # the organisation, or the volunteer's first name
    title: str  # the placement's title ("" for a taalmaatje or buddy)
    address: str
    starts_at: time | None
    ends_at: time | None
    ask: str  # who to ask: the host contact (with phone), or the volunteer's first name
    starts_on: date | None  # set when the match starts during this week
    route_url: str | None


@dataclass(frozen=True)
class Day:
    """A day of the week with its activities."""

    key: str  # "mon" … "sun"
    index: int  # 0 for Monday
    day: date
    items: tuple[Item, ...]


@dataclass(frozen=True)
class WeekCard:
    first_name: str
    week: date  # its Monday
    days: tuple[Day, ...]  # only days with an activity


def _ask(entry: PlanEntry) -> str:
    if entry.volunteer is not None:
        return entry.volunteer.first_name
    placement = entry.placement
    organisation = placement.organisation if placement is not None else None
    name = organisation.contact_name if organisation is not None else ""
    phone = organisation.contact_phone if organisation is not None else ""
    if not name and placement is not None and placement.contact_user is not None:
        name = placement.contact_user.name
    return ", ".join(part for part in (name, phone) if part)


def _item(slot: Slot, entry: PlanEntry, week: date, route_template: str) -> Item:
    placement = entry.placement
    route = None
    if placement is not None:
        route = qr.route_url(route_template, placement.lat, placement.lon, entry.address_line)
    is_placement = entry.kind == MatchKind.PLACEMENT and placement is not None
    volunteer_name = entry.volunteer.first_name if entry.volunteer is not None else ""
    return Item(
        part=slot.daypart.split("-")[1],
        kind=str(entry.kind),
        place=entry.organisation_name if is_placement else volunteer_name,
        title=placement.title if is_placement else "",
        address=entry.address_line if is_placement else "",
        starts_at=getattr(slot.session, "starts_at", None),
        ends_at=getattr(slot.session, "ends_at", None),
        ask=_ask(entry),
        starts_on=entry.starts_on if entry.starts_on > week else None,
        route_url=route,
    )


def _in_force(entry: PlanEntry, day: date) -> bool:
    return entry.starts_on <= day and (entry.ends_on is None or entry.ends_on >= day)


def week_card(
    participant: Participant, week: date, entries: list[PlanEntry], route_template: str
) -> WeekCard:
    """The card of the week starting `week` (a Monday) from the participant's plan entries."""
    by_day: dict[str, list[Item]] = {key: [] for key in DAYS}
    for slot, entry in week_slots(entries):
        key = slot.daypart.split("-")[0]
        day = week + timedelta(days=DAYS.index(key))
        if _in_force(entry, day):
            by_day[key].append(_item(slot, entry, week, route_template))
    days = tuple(
        Day(key, index, week + timedelta(days=index), tuple(by_day[key]))
        for index, key in enumerate(DAYS)
        if by_day[key]
    )
    return WeekCard(participant.first_name, week, days)


def dutch_date(day: date, pattern: str = "d MMMM") -> str:
    """A date in Dutch whatever the staff member's language: the card is for the participant."""
    return format_date(day, pattern, locale="nl")


def week_span(week: date) -> str:
    """ "7 – 13 december 2026" (or "28 december 2026 – 3 januari 2027")."""
    sunday = week + timedelta(days=6)
    first = "d MMMM yyyy"
    if week.year == sunday.year:
        first = "d" if week.month == sunday.month else "d MMMM"
    return f"{dutch_date(week, first)} – {dutch_date(sunday, 'd MMMM yyyy')}"


def clock(item: Item) -> str:
    """ "09:00–12:00", or "" when the session has no clock times."""
    if item.starts_at is None or item.ends_at is None:
        return ""
    return f"{item.starts_at:%H:%M}–{item.ends_at:%H:%M}"
