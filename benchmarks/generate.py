"""Seeded generator of Twente-like matcher-instance/1 documents, and of the week after.

Sizes: S ≈ 120 participants, M ≈ 1,000, L ≈ 5,000, XL ≈ 20,000. Placements (0.5 per participant,
as in Almelo: about 60 per 120) and volunteers (0.3 taalmaatjes and 0.1 buddies per participant)
come in proportion, clustered around the 14 Twente towns; participants are free around their
language classes. A Twente-sized region holds about 1,000 participants, so L and XL tile 5 and 20
copies of the Twente map 45 km apart (a regional or national deployment) instead of crowding
20,000 people into one region.

    python benchmarks/generate.py M --seed 1 > m.json
"""

import argparse
import json
import random
import sys

from matcher.categories import CATEGORIES

SIZES = {"S": 120, "M": 1_000, "L": 5_000, "XL": 20_000}
TOWNS = [  # name, lat, lon, weight (inhabitants, thousands)
    ("Enschede", 52.2215, 6.8937, 160),
    ("Hengelo", 52.2658, 6.7931, 87),
    ("Almelo", 52.3567, 6.6625, 73),
    ("Oldenzaal", 52.3133, 6.9292, 32),
    ("Borne", 52.2997, 6.7525, 24),
    ("Haaksbergen", 52.1567, 6.7383, 24),
    ("Losser", 52.2608, 7.0042, 23),
    ("Rijssen", 52.3100, 6.5192, 38),
    ("Wierden", 52.3583, 6.5931, 24),
    ("Tubbergen", 52.4075, 6.7844, 21),
    ("Denekamp", 52.3767, 7.0064, 26),
    ("Goor", 52.2333, 6.5833, 35),
    ("Nijverdal", 52.3625, 6.4625, 36),
    ("Vriezenveen", 52.4083, 6.6222, 34),
]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
LEVELS = ["A0", "A1", "A2", "B1", "B2"]


def _spot(rng: random.Random, spread_km: float, regions: int) -> tuple[float, float]:
    """A point near a town of one of the Twente-like regions (copies 45 km apart)."""
    _, lat, lon, _ = rng.choices(TOWNS, weights=[t[3] for t in TOWNS])[0]
    region = rng.randrange(regions)
    lat += (region // 5) * 45 / 111.2
    lon += (region % 5) * 45 / 68.0
    return (
        round(lat + rng.gauss(0, spread_km / 111.2), 5),
        round(lon + rng.gauss(0, spread_km / 68.0), 5),
    )


def participant(rng: random.Random, ident: str, regions: int = 1) -> dict:
    """One participant: language classes on two or three weekday mornings or afternoons."""
    lat, lon = _spot(rng, 1.5, regions)
    free = [f"{d}-{p}" for d in WEEKDAYS for p in ("am", "pm")]
    for cls in rng.sample(free, rng.choice([2, 3, 3, 4])):
        free.remove(cls)
    free = rng.sample(free, max(2, len(free) - rng.randint(0, 3)))
    free += rng.sample(
        ["mon-ev", "tue-ev", "wed-ev", "thu-ev", "sat-am", "sat-pm"], rng.randint(0, 2)
    )
    weeks_left = rng.randint(20, 150)
    person = {
        "id": ident,
        "lat": lat,
        "lon": lon,
        "max_km": rng.choice([3, 5, 5, 8, 10, 15]),
        "available": sorted(free),
        "max_hours": rng.choice([8, 10, 12, 16, 16, 20]),
        "hours_done": round(rng.uniform(0, 1) * (156 - weeks_left) * 5, 1),
        "weeks_left": weeks_left,
        "language_level": rng.choices(LEVELS, weights=[30, 30, 25, 10, 5])[0],
        "interests": rng.sample(CATEGORIES, rng.randint(1, 3)),
        "wants": [k for k, share in (("taalmaatje", 0.4), ("buddy", 0.15)) if rng.random() < share],
    }
    if rng.random() < 0.05:
        person["min_hours"] = 4
    return person


def placement(rng: random.Random, ident: str, regions: int = 1) -> dict:
    """One placement with one to four weekly sessions."""
    lat, lon = _spot(rng, 2.0, regions)
    dayparts = rng.sample(
        [f"{d}-{p}" for d in WEEKDAYS for p in ("am", "pm")] + ["sat-am", "tue-ev"],
        rng.choice([1, 2, 2, 3, 4]),
    )
    return {
        "id": ident,
        "lat": lat,
        "lon": lon,
        "category": rng.choice(CATEGORIES),
        "min_language_level": rng.choices(LEVELS[:4], weights=[50, 30, 15, 5])[0],
        "sessions": [
            {
                "daypart": d,
                "hours": rng.choice([2, 2.5, 3, 3, 4]),
                "capacity": rng.choice([1, 2, 2, 3, 4]),
            }
            for d in sorted(dayparts)
        ],
    }


def volunteer(rng: random.Random, ident: str, kind: str, regions: int = 1) -> dict:
    """One taalmaatje or buddy."""
    lat, lon = _spot(rng, 2.0, regions)
    grid = [f"{d}-{p}" for d in [*WEEKDAYS, "sat"] for p in ("am", "pm", "ev")]
    vol = {
        "id": ident,
        "kind": kind,
        "lat": lat,
        "lon": lon,
        "available": sorted(rng.sample(grid, rng.randint(2, 6))),
        "capacity": rng.choice([1, 1, 2]),
        "session_hours": rng.choice([1.5, 2]),
    }
    if rng.random() < 0.5:
        vol["max_km"] = rng.choice([3, 5, 10])
    return vol


def generate(size: str, seed: int) -> dict:
    """A matcher-instance/1 document of the given size."""
    rng = random.Random(f"{size}-{seed}")
    n = SIZES[size]
    k = _regions(n)
    return {
        "format": "matcher-instance/1",
        "participants": [participant(rng, f"p{i}", k) for i in range(n)],
        "placements": [placement(rng, f"s{i}", k) for i in range(round(n * 0.5))],
        "volunteers": [volunteer(rng, f"t{i}", "taalmaatje", k) for i in range(round(n * 0.3))]
        + [volunteer(rng, f"b{i}", "buddy", k) for i in range(round(n * 0.1))],
    }


def _regions(n: int) -> int:
    """About 1,000 participants per Twente-like region: larger sizes tile more regions."""
    return max(1, round(n / 1000))


def next_week(doc: dict, result: dict, seed: int) -> dict:
    """The week after: 5 % leave, 5 % arrive, some availability and capacity changes;
    `current` is this week's plan."""
    rng = random.Random(f"next-{seed}")
    plan: dict[str, list] = {}
    for a in result["assignments"]:
        plan.setdefault(a["participant"], []).append(
            {"kind": a["kind"], "id": a["id"], "dayparts": a["dayparts"]}
        )
    hours = {o["id"]: o["participation_hours"] for o in result["participants"]}
    people = []
    for person in doc["participants"]:
        if rng.random() < 0.05 or person["weeks_left"] <= 1:
            continue
        person = dict(
            person,
            current=plan.get(person["id"], []),
            weeks_left=person["weeks_left"] - 1,
            hours_done=round(person["hours_done"] + hours[person["id"]], 2),
        )
        if rng.random() < 0.1 and len(person["available"]) > 2:
            person["available"] = sorted(
                rng.sample(person["available"], len(person["available"]) - 1)
            )
        people.append(person)
    arrivals = round(len(doc["participants"]) * 0.05)
    k = _regions(len(doc["participants"]))
    people += [participant(rng, f"n{i}", k) for i in range(arrivals)]
    placements = []
    for pl in doc["placements"]:
        sessions = [
            dict(s, capacity=max(0, s["capacity"] + rng.choice([-1, 1])))
            if rng.random() < 0.05
            else s
            for s in pl["sessions"]
        ]
        placements.append(dict(pl, sessions=sessions))
    return dict(doc, participants=people, placements=placements)


def main() -> None:
    """Write an instance to stdout."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", choices=SIZES)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    json.dump(generate(args.size, args.seed), sys.stdout)


if __name__ == "__main__":
    main()
