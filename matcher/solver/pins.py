"""Rule R7: the coordinator's pins keep hard rules R1–R6, alone and together.

The plan checker (checker.py) runs over every pin; `pin_violations` returns its structured
violations with the pin's place in the instance, `check_pins` refuses the instance naming the
first one (the format's error message, docs/instance-format.md "Errors").
"""

from dataclasses import dataclass

from matcher.solver.checker import Violation, check_plan
from matcher.solver.model import Instance

# The format's English error messages, per violation code (placement pin / volunteer pin).
MESSAGES = {
    "too_far": (
        "placement is {km:.2f} km away, farther than max_km {max_km:g}",
        "volunteer is {km:.2f} km away, farther than {max_km:g} km",
    ),
    "level_too_low": ("needs language level {needed}",) * 2,
    "participant_unavailable": (
        "participant is not available on {daypart!r}",
        "not both available on {daypart!r}",
    ),
    "volunteer_unavailable": ("not both available on {daypart!r}",) * 2,
    "no_session": ("placement has no session on {daypart!r}",) * 2,
    "session_full": ("session {daypart!r} is over its capacity {capacity}",) * 2,
    "not_wanted": ("participant does not want a {kind}",) * 2,
    "volunteer_daypart_taken": ("volunteer already meets someone on {daypart!r}",) * 2,
    "volunteer_full": ("volunteer is over capacity {capacity}",) * 2,
    "second_volunteer": ("a second {kind} for this participant",) * 2,
    "daypart_double": ("day-part {daypart!r} is already taken by another pin",) * 2,
    "forbidden": ("{kind} {id!r} is both pinned and forbidden",) * 2,
    "over_max_hours": ("pinned hours {hours:g} exceed max_hours {max_hours:g}",) * 2,
}


@dataclass(frozen=True)
class PinViolation:
    """A violation by pin `pin` of participant number `participant` (instance order)."""

    participant: int
    pin: int
    violation: Violation

    @property
    def path(self) -> str:
        """Where the pin is in the instance document."""
        return f"participants[{self.participant}].pinned[{self.pin}]"

    def message(self) -> str:
        """The violation in the format's English words."""
        v = self.violation
        placement, volunteer = MESSAGES[v.code]
        return (placement if v.kind == "placement" else volunteer).format(**v.data)


def pin_violations(instance: Instance) -> list[PinViolation]:
    """Every violation of rules R1–R6 by the pins, in instance order."""
    places, pins = [], []
    for i, person in enumerate(instance.participants):
        for k, pin in enumerate(person.pinned):
            places.append((i, k))
            pins.append(pin)
    return [PinViolation(*places[v.index], v) for v in check_plan(instance, pins)]


def check_pins(instance: Instance) -> None:
    """Raise InstanceError naming the first pin that breaks a hard rule R1–R6."""
    from matcher.solver.instance_io import InstanceError

    found = pin_violations(instance)
    if found:
        first = found[0]
        raise InstanceError(first.path, f"pin breaks a hard rule: {first.message()}")
