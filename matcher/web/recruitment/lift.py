"""The smallest addition of the latest advice run that would lift one participant, for the
review page (template matcher/web/recruitment/templates/recruitment/_lift.html)."""

from flask import g

from matcher.services import advice as advice_service
from matcher.web.recruitment import words


def _size(s: dict) -> float:
    if s["kind"] == "new_volunteer":
        return s["capacity"] * s["session_hours"]
    return sum(x["capacity"] * x.get("hours", 3.0) for x in s["sessions"])


def _lifts() -> dict:
    """Database participant id → (run, suggestion) of the latest done advice run: the smallest
    suggestion that lifts them to the minimum."""
    if "advice_lifts" not in g:
        found: dict[int, tuple] = {}
        run = advice_service.latest()
        if run is not None and run.status == "done":
            rows = sorted(run.document.get("suggestions", []), key=_size)
            for s in rows:
                if s["gain"]["meets_minimum"] <= 0:
                    continue
                for pid in s["participants"]:
                    db_id = run.people.get(pid)
                    if db_id is not None:
                        found.setdefault(db_id, (run, s))
        g.advice_lifts = found
    return g.advice_lifts


def smallest_lift(participant_id: int):
    """(suggestion dict, its line in words, advice run id) or None."""
    hit = _lifts().get(participant_id)
    if hit is None:
        return None
    run, s = hit
    lines = g.setdefault("advice_lines", {})  # one wording per suggestion, not per person
    if s["rank"] not in lines:
        lines[s["rank"]] = words.line(run, s)
    return {"line": lines[s["rank"]], "advice_id": run.id, "rank": s["rank"]}
