"""Adding matcher-advice/1 suggestions to a matcher-instance/1 document, written from the
contract's table (docs/advice-format.md) independently of matcher/solver/advice_model.py, the
way an outside tool would."""

import copy


def with_suggestions(instance: dict, suggestions: list[dict]) -> dict:
    """The document with suggestions 1 … k added."""
    out = copy.deepcopy(instance)
    for s in suggestions:
        ident = f"added-{s['rank']}"
        if s["kind"] in ("more_capacity", "new_session"):
            placement = next(p for p in out["placements"] if p["id"] == s["placement"])
            for added in s["sessions"]:
                if s["kind"] == "more_capacity":
                    session = next(
                        x for x in placement["sessions"] if x["daypart"] == added["daypart"]
                    )
                    session["capacity"] += added["capacity"]
                else:
                    assert all(x["daypart"] != added["daypart"] for x in placement["sessions"])
                    placement["sessions"].append(dict(added))
        elif s["kind"] == "new_placement":
            out["placements"].append(
                {
                    "id": ident,
                    "lat": s["lat"],
                    "lon": s["lon"],
                    "category": s["categories"][0],
                    "min_language_level": s["min_language_level"],
                    "sessions": [dict(x) for x in s["sessions"]],
                }
            )
        else:
            out["volunteers"].append(
                {
                    "id": ident,
                    "kind": s["volunteer_kind"],
                    "lat": s["lat"],
                    "lon": s["lon"],
                    "max_km": s["max_km"],
                    "available": list(s["available"]),
                    "capacity": s["capacity"],
                    "session_hours": s["session_hours"],
                }
            )
    return out
