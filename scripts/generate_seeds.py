"""Regenerate the demo region in seeds/ (fictional people and organisations, real places).

Run once by a developer: `python scripts/generate_seeds.py`. The output is plain CSV that a
coordinator can read; the seed command loads it. Seeded with a fixed number, so the files only
change when this script does.
"""

import csv
import math
import random
from datetime import date, timedelta
from pathlib import Path

from matcher.categories import CATEGORIES

OUT = Path(__file__).resolve().parent.parent / "seeds"
RNG = random.Random(2026)
TODAY = date(2026, 11, 23)  # the Monday the demo history leads up to

# The 14 Twente municipalities, their main place, its coordinates, postcode range, weight.
MUNICIPALITIES = [
    ("Almelo", "Almelo", 52.3567, 6.6625, (7601, 7609), 14),
    ("Borne", "Borne", 52.2997, 6.7525, (7621, 7623), 4),
    ("Dinkelland", "Denekamp", 52.3775, 7.0050, (7591, 7591), 2),
    ("Enschede", "Enschede", 52.2215, 6.8937, (7511, 7548), 30),
    ("Haaksbergen", "Haaksbergen", 52.1567, 6.7389, (7481, 7483), 4),
    ("Hellendoorn", "Nijverdal", 52.3625, 6.4644, (7441, 7443), 5),
    ("Hengelo", "Hengelo", 52.2658, 6.7931, (7550, 7559), 16),
    ("Hof van Twente", "Goor", 52.2333, 6.5861, (7471, 7472), 3),
    ("Losser", "Losser", 52.2608, 7.0042, (7581, 7582), 3),
    ("Oldenzaal", "Oldenzaal", 52.3131, 6.9292, (7571, 7577), 6),
    ("Rijssen-Holten", "Rijssen", 52.3100, 6.5167, (7461, 7463), 5),
    ("Tubbergen", "Tubbergen", 52.4067, 6.7842, (7651, 7651), 2),
    ("Twenterand", "Vriezenveen", 52.4083, 6.6222, (7671, 7672), 3),
    ("Wierden", "Wierden", 52.3592, 6.5931, (7641, 7642), 3),
]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
FIRST = [
    "Amina",
    "Yonas",
    "Rahel",
    "Mohammed",
    "Fatima",
    "Ahmad",
    "Olena",
    "Dmytro",
    "Sara",
    "Hassan",
    "Nour",
    "Tesfay",
    "Zainab",
    "Omar",
    "Mariam",
    "Yusuf",
    "Lina",
    "Khaled",
    "Semhar",
    "Abdullah",
    "Hiba",
    "Samir",
    "Aziza",
    "Bilal",
    "Iryna",
    "Mustafa",
    "Selam",
    "Rami",
    "Layla",
    "Jamal",
    "Huda",
    "Filmon",
    "Rania",
    "Tariq",
    "Hana",
    "Karim",
]
LAST = [
    "Haddad",
    "Tesfamariam",
    "Ahmadi",
    "Kovalenko",
    "Al-Sayed",
    "Ghebremedhin",
    "Rahimi",
    "Shevchenko",
    "Mansour",
    "Berhane",
    "Hosseini",
    "Darwish",
    "Kidane",
    "Nasser",
    "Yilmaz",
    "Habib",
    "Mebrahtu",
    "Karimi",
    "Boyko",
    "Saleh",
    "Abraha",
    "Sultani",
    "Khalil",
    "Tekle",
]
VOL_FIRST = [
    "Anneke",
    "Henk",
    "Marieke",
    "Gerrit",
    "Ineke",
    "Jan",
    "Willemijn",
    "Bert",
    "Saskia",
    "Kees",
    "Els",
    "Ruud",
    "Joke",
    "Theo",
    "Lotte",
    "Pieter",
    "Gerda",
    "Bas",
    "Truus",
    "Wim",
]
VOL_LAST = [
    "Nijhuis",
    "Oude Luttikhuis",
    "Brinkman",
    "Kamphuis",
    "Jansen",
    "Wolters",
    "Smit",
    "ter Horst",
    "Lammerink",
    "Bosch",
    "Kuipers",
    "Scholten",
    "Haverkamp",
    "Veldhuis",
]
LANGS = [["ar"], ["ti"], ["fa"], ["uk", "ru"], ["ar", "en"], ["ti", "am"], ["prs"], ["so"], ["tr"]]
ORG_KINDS = [
    ("Stichting Groen Doen", "groen"),
    ("Zorgcentrum De Eschhof", "zorg"),
    ("Buurthuis De Kern", "buurt"),
    ("Kringloop Tweede Kans", "kringloop"),
    ("Voedselbank Twente, uitgiftepunt", "logistiek"),
    ("Kinderboerderij 't Hoefje", "dieren"),
    ("Sportvereniging Vitesse '28", "sport"),
    ("Repair Café", "techniek"),
    ("Wereldkeuken Samen Eten", "koken"),
    ("Bibliotheek, Taalhuis", "cultuur"),
    ("Peuterspeelzaal Het Klavertje", "kinderen"),
    ("Wijkrestaurant De Ontmoeting", "horeca"),
]


# Two kinds of volunteer work per category, as a host organisation would name them.
TITLES = {
    "groen": ("Tuinonderhoud", "Buurtmoestuin"),
    "zorg": ("Gastvrouw/-heer in de huiskamer", "Wandelen met bewoners"),
    "horeca": ("Koffie schenken", "Bediening lunchroom"),
    "techniek": ("Fietsen repareren", "Klussen in het buurthuis"),
    "winkel": ("Winkelhulp", "Vakken vullen"),
    "sport": ("Materiaal en kantine", "Hulp bij de jeugdtraining"),
    "kinderen": ("Voorlezen", "Hulp bij het spelen"),
    "dieren": ("Dierverzorging", "Stallen uitmesten"),
    "cultuur": ("Boeken terugzetten", "Hulp bij het Taalcafé"),
    "schoonmaak": ("Schoonmaak buurthuis", "Zwerfafval opruimen"),
    "logistiek": ("Pakketten inpakken", "Magazijnhulp"),
    "kantoor": ("Receptie", "Post en archief"),
    "koken": ("Koken voor de buurt", "Hulp in de keuken"),
    "buurt": ("Activiteitenbegeleiding", "Ontmoetingsochtend"),
    "kringloop": ("Sorteren en prijzen", "Winkelhulp kringloop"),
}
FEMALE = {
    "Anneke",
    "Marieke",
    "Ineke",
    "Willemijn",
    "Saskia",
    "Els",
    "Joke",
    "Lotte",
    "Gerda",
    "Truus",
}


def week_order(dayparts, index=False):
    """Day-parts in the order of the week (mon-am … sun-ev); with index, the first one's rank."""
    order = [f"{d}-{p}" for d in DAYS for p in ("am", "pm", "ev")]
    return order.index(dayparts[0]) if index else sorted(dayparts, key=order.index)


def jitter(lat, lon, km):
    """A point at most `km` from (lat, lon), uniformly in the disc."""
    r, a = km * math.sqrt(RNG.random()), RNG.random() * 2 * math.pi
    return (
        round(lat + r * math.cos(a) / 111.2, 5),
        round(lon + r * math.sin(a) / (111.2 * math.cos(math.radians(lat))), 5),
    )


def postcode(rng):
    return f"{RNG.randint(*rng)} {RNG.choice('ABCDEGHJKLMNPRST')}{RNG.choice('ABCDEGHJKLMNPRST')}"


def write(name, header, rows):
    with open(OUT / name, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


# Where sessions start, per day-part (inside its window of matcher/dayparts.py); which one a
# placement uses follows from its number, so the random draws stay as they were.
SESSION_STARTS = {"am": (9 * 60, 9 * 60 + 30, 10 * 60), "pm": (13 * 60, 13 * 60 + 30, 14 * 60)}


def clock_times(ref, daypart, hours):
    """A session's start and end as HH:MM: a usual start of its day-part, `hours` later."""
    start = SESSION_STARTS[daypart[-2:]][int(ref[3:]) % 3]
    end = start + round(hours * 60)
    return f"{start // 60:02d}:{start % 60:02d}", f"{end // 60:02d}:{end % 60:02d}"


def pick_municipality():
    return RNG.choices(MUNICIPALITIES, weights=[m[5] for m in MUNICIPALITIES])[0]


def availability_around_classes():
    """Weekday day-parts free around two or three language-class mornings or afternoons."""
    class_part = RNG.choice(["am", "pm"])
    class_days = set(RNG.sample(DAYS[:5], RNG.choice([2, 3])))
    free = [
        f"{d}-{p}"
        for d in DAYS[:5]
        for p in ("am", "pm")
        if not (d in class_days and p == class_part) and RNG.random() < 0.75
    ]
    free += [f"{d}-ev" for d in DAYS[:5] if RNG.random() < 0.15]
    free += [f"sat-{p}" for p in ("am", "pm") if RNG.random() < 0.25]
    return free


def main():
    write(
        "municipalities.csv",
        ["name", "main_place", "lat", "lon"],
        [(m[0], m[1], m[2], m[3]) for m in MUNICIPALITIES],
    )
    coaches = [
        ("l.bakker@gemeente-almelo.example", "Lisa Bakker"),
        ("m.demir@gemeente-enschede.example", "Mehmet Demir"),
        ("s.visser@gemeente-hengelo.example", "Sanne Visser"),
        ("r.mulder@twente-inburgering.example", "Rob Mulder"),
    ]
    users = [
        ("beheer@matcher.example", "Beheerder Matcher", "admin"),
        ("coordinator@welzijn-twente.example", "Karin Hoekstra", "coordinator"),
    ]
    users += [(email, name, "coach") for email, name in coaches]
    coach_of = {
        "Almelo": 0,
        "Twenterand": 0,
        "Wierden": 0,
        "Hellendoorn": 0,
        "Rijssen-Holten": 0,
        "Enschede": 1,
        "Losser": 1,
        "Haaksbergen": 1,
        "Hengelo": 2,
        "Borne": 2,
        "Hof van Twente": 2,
        "Oldenzaal": 3,
        "Dinkelland": 3,
        "Tubbergen": 3,
    }

    orgs, placements, sessions = [], [], []
    for i in range(25):
        muni = MUNICIPALITIES[i % len(MUNICIPALITIES)] if i < 14 else pick_municipality()
        base, cat = ORG_KINDS[i % len(ORG_KINDS)]
        ref = f"ORG-{i + 1:03d}"
        contact = VOL_FIRST[i % len(VOL_FIRST)] + " " + VOL_LAST[(i * 3) % len(VOL_LAST)]
        slug = base.split()[0].lower().strip(",'")
        orgs.append(
            (
                ref,
                f"{base} {muni[1]}",
                muni[0],
                contact,
                f"contact{i + 1}@{slug}-{muni[1].lower()}.example",
                f"053-{RNG.randint(1000000, 9999999)}",
            )
        )
        for j in range(2 if i < 20 else 1):
            pref = f"PL-{len(placements) + 1:03d}"
            lat, lon = jitter(muni[2], muni[3], 2.5)
            category = cat if j == 0 else RNG.choice(CATEGORIES)
            level = RNG.choices(["A0", "A1", "A2"], weights=[6, 3, 1])[0]
            host_email = (
                f"host{len(placements) + 1}@{slug}-{muni[1].lower()}.example"
                if len(placements) < 6
                else ""
            )
            placements.append(
                (
                    pref,
                    ref,
                    TITLES[category][j % 2],
                    category,
                    level,
                    f"Dorpsstraat {RNG.randint(1, 120)}, {muni[1]}",
                    postcode(muni[4]),
                    lat,
                    lon,
                    host_email,
                )
            )
            for dp in RNG.sample(
                [f"{d}-{p}" for d in DAYS[:6] for p in ("am", "pm")], RNG.randint(2, 4)
            ):
                sessions.append((pref, dp, RNG.choice([2, 3, 3, 4]), RNG.randint(1, 4)))
    users += [(p[9], f"Contactpersoon {p[0]}", "volunteer") for p in placements if p[9]]
    write(
        "organisations.csv",
        ["ref", "name", "municipality", "contact_name", "contact_email", "contact_phone"],
        orgs,
    )
    write(
        "placements.csv",
        [
            "ref",
            "organisation_ref",
            "title",
            "category",
            "min_dutch_level",
            "address",
            "postcode",
            "lat",
            "lon",
            "contact_email",
        ],
        placements,
    )
    in_week_order = sorted(sessions, key=lambda s: (s[0], week_order([s[1]], index=True)))
    write(
        "sessions.csv",
        ["placement_ref", "daypart", "starts_at", "ends_at", "capacity"],
        [(ref, dp, *clock_times(ref, dp, hours), cap) for ref, dp, hours, cap in in_week_order],
    )

    volunteers, absences = [], []
    for i in range(40):
        muni = pick_municipality()
        lat, lon = jitter(muni[2], muni[3], 3)
        first, last = VOL_FIRST[i % len(VOL_FIRST)], VOL_LAST[(i * 5 + 1) % len(VOL_LAST)]
        kind = "taalmaatje" if i < 26 else "buddy"
        email = f"{first.lower()}.{last.lower().replace(' ', '')}{i}@vrijwilliger.example"
        account = email if i < 8 else ""
        if account:
            users.append((email, f"{first} {last}", "volunteer"))
        free = RNG.sample([f"{d}-{p}" for d in DAYS for p in ("am", "pm", "ev")], RNG.randint(3, 7))
        vog = "" if i % 13 == 5 else (TODAY - timedelta(days=RNG.randint(30, 1400))).isoformat()
        volunteers.append(
            (
                f"VOL-{i + 1:03d}",
                kind,
                first,
                last,
                email,
                f"06-{RNG.randint(10000000, 99999999)}",
                "female" if first in FEMALE else "male",
                muni[0],
                " ".join(week_order(free)),
                RNG.choice([1, 1, 2, 3]),
                RNG.choice([1.5, 2, 2]),
                " ".join(RNG.sample(["en", "de", "ar", "fr", "tr", "uk"], RNG.randint(0, 2))),
                " ".join(RNG.sample(CATEGORIES, 2)),
                postcode(muni[4]),
                lat,
                lon,
                RNG.choice(["", 5, 10, 15]),
                vog,
                account,
            )
        )
        if i % 9 == 2:
            start = TODAY + timedelta(days=RNG.randint(-20, 20))
            absences.append(
                (
                    f"VOL-{i + 1:03d}",
                    start.isoformat(),
                    (start + timedelta(days=RNG.randint(3, 21))).isoformat(),
                    "vakantie",
                )
            )
    write(
        "volunteers.csv",
        [
            "ref",
            "kind",
            "first_name",
            "last_name",
            "email",
            "phone",
            "gender",
            "municipality",
            "availability",
            "capacity",
            "session_hours",
            "languages",
            "interests",
            "postcode",
            "lat",
            "lon",
            "travel_km",
            "vog_date",
            "account_email",
        ],
        volunteers,
    )
    phones = {"coordinator@welzijn-twente.example": "0546 800 120"}
    write(
        "users.csv",
        ["email", "name", "role", "phone"],
        [(*user, phones.get(user[0], "")) for user in users],
    )
    write("absences.csv", ["volunteer_ref", "starts_on", "ends_on", "reason"], absences)

    participants = []
    for i in range(120):
        muni = pick_municipality()
        lat, lon = jitter(muni[2], muni[3], 3)
        pip = TODAY - timedelta(days=RNG.randint(20, 900))
        status = (
            "intake" if (TODAY - pip).days < 60 else RNG.choices(["active", "paused"], [12, 1])[0]
        )
        wants_t = RNG.random() < 0.45
        limits = RNG.choice(
            [
                "",
                "",
                "",
                "Kan niet lang staan.",
                "Niet zwaar tillen.",
                "Liever geen drukke ruimtes.",
                "Zorgt 's middags voor kinderen.",
            ]
        )
        participants.append(
            (
                f"P-{i + 1:04d}",
                FIRST[i % len(FIRST)],  # the last name shifts each round, so no name repeats
                LAST[(i * 7 + i // len(FIRST)) % len(LAST)],
                coaches[coach_of[muni[0]]][0],
                muni[0],
                "z_route",
                status,
                pip.isoformat(),
                " ".join(availability_around_classes()),
                RNG.choice([8, 10, 12, 12, 16, 16, 20]),
                limits,
                " ".join(RNG.sample(CATEGORIES, RNG.randint(1, 3))),
                RNG.choices(["A0", "A1", "A2"], weights=[4, 4, 2])[0],
                " ".join(RNG.choice(LANGS)),
                postcode(muni[4]),
                lat,
                lon,
                RNG.choice([3, 5, 5, 8, 10, 15]),
                int(wants_t),
                int(RNG.random() < 0.2),
                RNG.choice(["", "", "female", "male"]),
                800,
                RNG.choice([0, 0, 0, 24, 60]),
            )
        )
    write(
        "participants.csv",
        [
            "ref",
            "first_name",
            "last_name",
            "coach_email",
            "municipality",
            "route",
            "status",
            "pip_date",
            "availability",
            "max_hours_week",
            "functional_limits",
            "interests",
            "dutch_level",
            "languages",
            "postcode",
            "lat",
            "lon",
            "travel_km",
            "wants_taalmaatje",
            "wants_buddy",
            "buddy_gender_preference",
            "participation_target",
            "hours_before",
        ],
        participants,
    )
    matches, hours = running_plan(participants, placements, sessions)
    matches += demo_placements_for_hosts(participants, placements, sessions, matches)
    matches += demo_volunteer_matches(participants, volunteers, sessions, matches)
    write(
        "matches.csv", ["participant_ref", "kind", "target_ref", "dayparts", "starts_on"], matches
    )
    write("hours.csv", ["participant_ref", "date", "activity", "hours", "status", "absence"], hours)


def distance_km(a_lat, a_lon, b_lat, b_lon):
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b_lon - a_lon) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def running_plan(participants, placements, sessions):
    """A feasible plan for about half of the active participants, and their hours history."""
    levels = ["A0", "A1", "A2", "B1", "B2"]
    left = {(s[0], s[1]): s[3] for s in sessions}
    hours_of = {(s[0], s[1]): s[2] for s in sessions}
    matches, hours = [], []
    for p in participants:
        if p[6] != "active" or RNG.random() < 0.45:
            continue
        free, used = set(p[8].split()), 0.0
        for pl in sorted(placements, key=lambda x: distance_km(p[15], p[16], x[7], x[8])):
            if distance_km(p[15], p[16], pl[7], pl[8]) > p[17] or levels.index(
                p[12]
            ) < levels.index(pl[4]):
                continue
            dps = [
                dp
                for (ref, dp), cap in left.items()
                if ref == pl[0] and cap > 0 and dp in free and used + hours_of[(ref, dp)] <= p[9]
            ]
            if not dps:
                continue
            dps = dps[:2]
            for dp in dps:
                left[(pl[0], dp)] -= 1
                free.discard(dp)
                used += hours_of[(pl[0], dp)]
            start = TODAY - timedelta(weeks=RNG.randint(4, 10))
            matches.append((p[0], "placement", pl[0], " ".join(dps), start.isoformat()))
            for week in range(1, 7):
                monday = TODAY - timedelta(weeks=week)
                if monday < start:
                    break
                per_day = {}
                for dp in dps:
                    day = monday + timedelta(days=DAYS.index(dp[:3]))
                    per_day[day] = per_day.get(day, 0) + hours_of[(pl[0], dp)]
                for day, day_hours in sorted(per_day.items()):
                    absent = RNG.random() < 0.08
                    status = "submitted" if week == 1 and RNG.random() < 0.3 else "approved"
                    hours.append(
                        (
                            p[0],
                            day.isoformat(),
                            "placement",
                            day_hours,
                            status,
                            RNG.choice(["authorised", "unauthorised"]) if absent else "",
                        )
                    )
            break
    return matches, hours


def _taken_dayparts(matches):
    taken = {}
    for participant_ref, _kind, _target, dayparts, _start in matches:
        taken.setdefault(participant_ref, set()).update(dayparts.split())
    return taken


def demo_placements_for_hosts(participants, placements, sessions, matches):
    """A running match at every placement with a host account, so each printed host can report.

    No random draws: the rest of the demo data stays as it was.
    """
    levels = ["A0", "A1", "A2", "B1", "B2"]
    placed = {m[0] for m in matches if m[1] == "placement"}
    served = {m[2] for m in matches if m[1] == "placement"}
    added = []
    for pl in placements:
        if not pl[9] or pl[0] in served:
            continue
        dayparts = {s[1] for s in sessions if s[0] == pl[0]}
        for p in sorted(participants, key=lambda x: distance_km(x[15], x[16], pl[7], pl[8])):
            free = set(p[8].split()) & dayparts
            if p[6] != "active" or p[0] in placed or not free:
                continue
            if levels.index(p[12]) < levels.index(pl[4]):
                continue
            daypart = week_order(free)[0]
            start = TODAY - timedelta(weeks=5)
            added.append((p[0], "placement", pl[0], daypart, start.isoformat()))
            placed.add(p[0])
            break
    return added


def demo_volunteer_matches(participants, volunteers, sessions, matches):
    """A running match for each volunteer with a portal account, and for the first without one.

    The printed volunteer accounts (and the invited volunteer of the invitation journey) can report
    a session right away. Each pairs a participant who asked for that kind of volunteer on a
    day-part both have free and the participant's week leaves open; no random draws.
    """
    taken = _taken_dayparts(matches)
    hours_of = {(s[0], s[1]): s[2] for s in sessions}
    load = {}
    for participant_ref, kind, target, dayparts, _start in matches:
        if kind == "placement":
            load[participant_ref] = load.get(participant_ref, 0) + sum(
                hours_of[(target, dp)] for dp in dayparts.split()
            )
    paired = set()
    with_account = [v for v in volunteers if v[18]]
    first_without = next(v for v in volunteers if not v[18])
    added = []
    for v in [*with_account, first_without]:
        wants = 18 if v[1] == "taalmaatje" else 19
        candidates = sorted(
            (p for p in participants if p[6] == "active" and p[wants] and p[0] not in paired),
            key=lambda p: distance_km(p[15], p[16], v[14], v[15]),
        )
        for p in candidates:
            radius = p[17] if v[16] == "" else min(p[17], v[16])
            if distance_km(p[15], p[16], v[14], v[15]) > radius:
                continue
            if load.get(p[0], 0) + v[10] > p[9] or p[20] not in ("", v[6]):
                continue
            shared = set(v[8].split()) & set(p[8].split()) - taken.get(p[0], set())
            if not shared:
                continue
            daypart = week_order(shared)[0]
            start = TODAY - timedelta(weeks=3)
            added.append((p[0], v[1], v[0], daypart, start.isoformat()))
            taken.setdefault(p[0], set()).add(daypart)
            paired.add(p[0])
            break
    return added


if __name__ == "__main__":
    main()
