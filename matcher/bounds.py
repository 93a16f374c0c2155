"""Every bound on a number in a profile, a placement or an hours line, written once.

The forms, the profile and registry services, the import spec, the seed rows and the database
checks (the models' __table_args__, and migration 0012) are all built from these constants, so a
value one of them accepts is accepted by all. No imports: models and migrations can use it.
"""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Bound:
    """A closed range [low, high], or (low, high] when `low_open`; `whole`: integers only."""

    low: float
    high: float
    low_open: bool = False
    whole: bool = False

    def contains(self, value: object) -> bool:
        """Whether `value` is a finite number inside the bound (bools and text are not)."""
        if value is None or isinstance(value, bool | str):
            return False
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):
            return False
        if not math.isfinite(number) or (self.whole and number != int(number)):
            return False
        above_low = number > self.low if self.low_open else number >= self.low
        return above_low and number <= self.high

    def sql(self, column: str, nullable: bool = False) -> str:
        """The condition of a database CHECK constraint for `column`."""
        low = ">" if self.low_open else ">="
        condition = f"{column} {low} {self.low:g} AND {column} <= {self.high:g}"
        return f"{column} IS NULL OR ({condition})" if nullable else condition


# A participant's load cap, hours a week: the national guideline for volunteer work during
# inburgering is at most 20.
LOAD_CAP = Bound(0, 20, low_open=True)
# How far someone travels to a placement or a volunteer, in km (a volunteer may leave it empty).
TRAVEL_KM = Bound(0, 200, low_open=True)
# Hours of one placement session (one day-part).
SESSION_HOURS = Bound(0, 12, low_open=True)
# Places in one placement session.
SESSION_PLACES = Bound(0, 1000, whole=True)
# Length of a taalmaatje's or buddy's meeting, in hours.
MEETING_HOURS = Bound(0, 8, low_open=True)
# Participants a taalmaatje or buddy takes on at the same time.
VOLUNTEER_CAPACITY = Bound(0, 20, whole=True)
# Participation hours made before the participant was registered here.
HOURS_BEFORE = Bound(0, 1600)
# Hours on one line of hours (and on one day together).
DAY_HOURS = Bound(0, 12)
# Coordinates.
LATITUDE = Bound(-90, 90)
LONGITUDE = Bound(-180, 180)
