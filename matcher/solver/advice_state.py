"""What a plan leaves open, for the advice (advice.py): who is below the minimum, which
day-parts and hours they have left, and the seats of each session that others hold.

Everything is decided with the predicates of rules.py, so a suggestion built from this state
never asks for a day-part a participant is not free in, a place out of reach or a level above
theirs."""

from collections import defaultdict
from dataclasses import dataclass

from matcher.solver import rules
from matcher.solver.model import Instance, Participant, Placement, Result


@dataclass(frozen=True)
class Seat:
    """A session a participant could attend: (placement id, day-part), its hours."""

    key: tuple[str, str]
    daypart: str
    hours: float


class PlanState:
    """The plan of one solve, seen from the participants it leaves below the minimum
    (`short`) and those who want a volunteer and have none (`lacking`)."""

    def __init__(
        self, instance: Instance, result: Result, extendable: frozenset[str] | None = None
    ) -> None:
        self.instance = instance
        self.result = result
        # placements a suggestion may name: those of the instance as given, never one an
        # earlier suggestion added (an outside tool knows no id for those)
        self.extendable = (
            frozenset(p.id for p in instance.placements) if extendable is None else extendable
        )
        self.people = {p.id: p for p in instance.participants}
        outcome = {o.id: o for o in result.participants}
        self.short = [p for p in instance.participants if not outcome[p.id].meets_minimum]
        short_ids = {p.id for p in self.short}
        self.taken: dict[tuple[str, str], int] = defaultdict(int)  # seats others hold
        self.busy: dict[str, set[str]] = defaultdict(set)  # day-parts with a meeting
        self.support: dict[str, float] = defaultdict(float)  # volunteer hours
        self.placement_days: dict[str, set[str]] = defaultdict(set)
        self.given: set[tuple[str, str]] = set()
        hours = {v.id: v.session_hours for v in instance.volunteers}
        for a in result.assignments:
            if a.kind == "placement":
                self.placement_days[a.participant].update(a.dayparts)
                if a.participant not in short_ids:
                    for d in a.dayparts:
                        self.taken[(a.id, d)] += 1
            else:
                self.busy[a.participant].update(a.dayparts)
                self.support[a.participant] += hours[a.id]
                self.given.add((a.participant, a.kind))
        self.lacking = {
            kind: [
                p
                for p in instance.participants
                if kind in p.wants and (p.id, kind) not in self.given
            ]
            for kind in ("taalmaatje", "buddy")
        }
        self.capacity = {
            (pl.id, s.daypart): s.capacity for pl in instance.placements for s in pl.sessions
        }
        self.seats = {p.id: self._seats(p) for p in self.short}

    def residual(self, key: tuple[str, str]) -> int:
        """Seats of a session not held by participants who reach their minimum."""
        return max(0, self.capacity.get(key, 0) - self.taken.get(key, 0))

    def open_dayparts(self, person: Participant) -> set[str]:
        """R1: free day-parts without a volunteer meeting (placements are re-planned)."""
        return {d for d in person.available if d not in self.busy[person.id]}

    def load_left(self, person: Participant) -> float:
        """R5: hours left for placements next to the volunteer meetings."""
        return person.max_hours - self.support[person.id]

    def free_for_more(self, person: Participant) -> set[str]:
        """Free day-parts with nothing planned at all (for a volunteer meeting)."""
        return self.open_dayparts(person) - self.placement_days[person.id]

    def can_attend(self, person: Participant, lat: float, lon: float, level: str) -> bool:
        """R3 and R4 for a place at (lat, lon) asking `level`."""
        km = rules.haversine_km(person.lat, person.lon, lat, lon)
        return rules.within(km, rules.placement_radius(person)) and rules.level_allows(
            person.language_level, level
        )

    def reaches(self, person: Participant, placement: Placement) -> bool:
        """R3 and R4 for an existing placement."""
        return rules.within(
            rules.placement_km(person, placement), rules.placement_radius(person)
        ) and rules.level_allows(person.language_level, placement.min_language_level)

    def _seats(self, person: Participant) -> list[Seat]:
        """Sessions of existing placements the participant could attend (R1–R4)."""
        days = self.open_dayparts(person)
        return [
            Seat((pl.id, s.daypart), s.daypart, s.hours)
            for pl in self.instance.placements
            if self.reaches(person, pl)
            for s in pl.sessions
            if rules.is_free(person, s.daypart) and s.daypart in days
        ]
