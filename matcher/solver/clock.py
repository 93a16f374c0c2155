"""The search's time budget.

With several workers CP-SAT is not deterministic anyway, so the budget is wall-clock seconds.
With one worker the budget is counted in CP-SAT's deterministic time (about a second each on this
machine) plus a fixed charge per model variable, so that a fixed seed gives the same plan every
time, whatever the machine's load; a wall-clock guard of three times the limit still applies.
"""

import time

BUILD_CHARGE = 5e-6  # deterministic seconds charged per model variable built


class Clock:
    """Seconds left for the search."""

    def __init__(self, seconds: float, deterministic: bool) -> None:
        self.seconds = max(0.0, seconds)
        self.deterministic = deterministic
        self.start = time.monotonic()
        self.used = 0.0

    def left(self) -> float:
        """Budget still available."""
        if self.deterministic:
            wall_guard = 3 * self.seconds + 5 - (time.monotonic() - self.start)
            return min(self.seconds - self.used, wall_guard)
        return self.seconds - (time.monotonic() - self.start)

    def charge(self, seconds: float) -> None:
        """Count deterministic time spent (ignored on the wall clock)."""
        self.used += seconds

    def part(self, seconds: float) -> "Clock":
        """A clock for a part of the search with at most `seconds` of this budget."""
        return Clock(min(seconds, self.left()), self.deterministic)
