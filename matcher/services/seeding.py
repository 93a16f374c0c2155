"""Loading a region (the demo data in seeds/) into the database: all of it, or nothing.

Every file is read and checked first; references between files are resolved next; only then
are records created or updated, keyed on their natural keys, so seeding twice changes nothing.
"""

from pathlib import Path
from typing import Any

from sqlalchemy import select

from matcher.dayparts import default_times
from matcher.extensions import db
from matcher.models import (
    HoursEntry,
    Match,
    MatchKind,
    MatchSource,
    MatchStatus,
    Municipality,
    Organisation,
    Participant,
    Placement,
    PlacementSession,
    User,
    Volunteer,
    VolunteerAbsence,
)
from matcher.services.seed_rows import SeedError, SeedProblem, read_all

Rows = dict[str, list[dict[str, Any]]]


def load_region(folder: Path) -> dict[str, int]:
    """Create or update everything in `folder`; flushes, the caller commits. Returns counts."""
    tables = read_all(folder)
    _check_references(tables)
    keys: dict[str, dict[str, Any]] = {}
    keys["municipality"] = _upsert(Municipality, tables["municipalities.csv"], "name", {})
    keys["user"] = _upsert(User, tables["users.csv"], "email", {})
    keys["organisation"] = _upsert(
        Organisation,
        _rename(tables["organisations.csv"], ref="external_ref"),
        "external_ref",
        {"municipality": keys["municipality"]},
    )
    keys["placement"] = _upsert_placements(tables, keys)
    _upsert_sessions(tables["sessions.csv"], keys["placement"])
    keys["volunteer"] = _upsert_volunteers(tables, keys)
    _upsert_absences(tables["absences.csv"], keys["volunteer"])
    keys["participant"] = _upsert_participants(tables, keys)
    _upsert_matches(tables["matches.csv"], keys)
    _upsert_hours(tables["hours.csv"], keys["participant"])
    db.session.flush()
    return {name: len(rows) for name, rows in tables.items()}


def _check_references(tables: Rows) -> None:
    """Every reference must name a record in its file (or already in the database)."""
    known = {
        "municipality": {r["name"] for r in tables["municipalities.csv"]}
        | set(db.session.scalars(select(Municipality.name))),
        "user": {r["email"].lower() for r in tables["users.csv"]}
        | set(db.session.scalars(select(User.email))),
        "organisation": {r["ref"] for r in tables["organisations.csv"]},
        "placement": {r["ref"] for r in tables["placements.csv"]},
        "volunteer": {r["ref"] for r in tables["volunteers.csv"]},
        "participant": {r["ref"] for r in tables["participants.csv"]},
    }
    checks = [
        ("organisations.csv", "municipality", "municipality"),
        ("placements.csv", "organisation_ref", "organisation"),
        ("placements.csv", "contact_email", "user"),
        ("sessions.csv", "placement_ref", "placement"),
        ("volunteers.csv", "municipality", "municipality"),
        ("volunteers.csv", "account_email", "user"),
        ("absences.csv", "volunteer_ref", "volunteer"),
        ("participants.csv", "municipality", "municipality"),
        ("participants.csv", "coach_email", "user"),
        ("matches.csv", "participant_ref", "participant"),
        ("hours.csv", "participant_ref", "participant"),
    ]
    problems = []
    for file, column, kind in checks:
        for number, row in enumerate(tables[file], start=2):
            value = row[column].lower() if kind == "user" else row[column]
            if value and value not in known[kind]:
                unknown = {"value": row[column]}
                problems.append(SeedProblem(file, "seed.unknown_ref", unknown, number, column))
    for number, row in enumerate(tables["matches.csv"], start=2):
        kind = "placement" if row["kind"] == MatchKind.PLACEMENT else "volunteer"
        if row["target_ref"] not in known[kind]:
            unknown = {"value": row["target_ref"]}
            problems.append(
                SeedProblem("matches.csv", "seed.unknown_ref", unknown, number, "target_ref")
            )
    if problems:
        raise SeedError(problems)


def _rename(rows: list[dict[str, Any]], **names: str) -> list[dict[str, Any]]:
    return [{names.get(k, k): v for k, v in row.items()} for row in rows]


def _upsert(model, rows: list[dict[str, Any]], key: str, lookups: dict[str, dict]) -> dict:
    """Create or update one record per row, keyed on `key`; `lookups` turn names into records."""
    existing = {getattr(obj, key): obj for obj in db.session.scalars(select(model))}
    result = dict(existing)
    for row in rows:
        values = dict(row)
        if key == "email":
            values["email"] = values["email"].lower()
        for column, table in lookups.items():
            target = values.pop(column)
            values[f"{column}_id"] = table[target].id if target else None
        obj = existing.get(values[key]) or model()
        for column, value in values.items():
            setattr(obj, column, value)
        db.session.add(obj)
        result[values[key]] = obj
    db.session.flush()
    return result


def _user_lookup(users: dict) -> dict:
    return {email.lower(): user for email, user in users.items()}


def _upsert_placements(tables: Rows, keys: dict) -> dict:
    rows = _rename(
        tables["placements.csv"],
        ref="external_ref",
        organisation_ref="organisation",
        contact_email="contact_user",
    )
    return _upsert(
        Placement,
        rows,
        "external_ref",
        {"organisation": keys["organisation"], "contact_user": _user_lookup(keys["user"])},
    )


def _upsert_sessions(rows: list[dict[str, Any]], placements: dict) -> None:
    existing = {
        (s.placement_id, s.daypart): s for s in db.session.scalars(select(PlacementSession))
    }
    for row in rows:
        placement = placements[row["placement_ref"]]
        starts, ends = row.get("starts_at"), row.get("ends_at")
        if starts is None or ends is None:  # an older file: hours only
            starts, ends = default_times(row["daypart"], row["hours"])
        session = existing.get((placement.id, row["daypart"]))
        if session is None:
            session = PlacementSession(
                placement_id=placement.id, daypart=row["daypart"], starts_at=starts, ends_at=ends
            )
        session.set_times(starts, ends)
        session.capacity = row["capacity"]
        db.session.add(session)


def _upsert_volunteers(tables: Rows, keys: dict) -> dict:
    rows = _rename(tables["volunteers.csv"], ref="external_ref", account_email="user")
    return _upsert(
        Volunteer,
        rows,
        "external_ref",
        {"municipality": keys["municipality"], "user": _user_lookup(keys["user"])},
    )


def _upsert_absences(rows: list[dict[str, Any]], volunteers: dict) -> None:
    existing = {
        (a.volunteer_id, a.starts_on): a for a in db.session.scalars(select(VolunteerAbsence))
    }
    for row in rows:
        volunteer = volunteers[row["volunteer_ref"]]
        absence = existing.get((volunteer.id, row["starts_on"])) or VolunteerAbsence(
            volunteer_id=volunteer.id, starts_on=row["starts_on"]
        )
        absence.ends_on, absence.reason = row["ends_on"], row["reason"]
        db.session.add(absence)


def _upsert_participants(tables: Rows, keys: dict) -> dict:
    rows = _rename(
        tables["participants.csv"],
        ref="external_ref",
        coach_email="coach",
        max_hours_week="max_hours_week",
    )
    return _upsert(
        Participant,
        rows,
        "external_ref",
        {"municipality": keys["municipality"], "coach": _user_lookup(keys["user"])},
    )


def _upsert_matches(rows: list[dict[str, Any]], keys: dict) -> None:
    existing = {
        (m.participant_id, m.kind, m.placement_id or m.volunteer_id, m.starts_on): m
        for m in db.session.scalars(select(Match))
    }
    for row in rows:
        participant = keys["participant"][row["participant_ref"]]
        is_placement = row["kind"] == MatchKind.PLACEMENT
        target = keys["placement" if is_placement else "volunteer"][row["target_ref"]]
        key = (participant.id, row["kind"], target.id, row["starts_on"])
        match = existing.get(key) or Match(
            participant_id=participant.id,
            kind=row["kind"],
            starts_on=row["starts_on"],
            placement_id=target.id if is_placement else None,
            volunteer_id=None if is_placement else target.id,
            status=MatchStatus.ACTIVE,
            source=MatchSource.MANUAL,
        )
        match.dayparts = row["dayparts"]
        db.session.add(match)


def _upsert_hours(rows: list[dict[str, Any]], participants: dict) -> None:
    existing = {
        (h.participant_id, h.entry_date, h.activity_kind): h
        for h in db.session.scalars(select(HoursEntry))
    }
    for row in rows:
        participant = participants[row["participant_ref"]]
        key = (participant.id, row["date"], row["activity"])
        entry = existing.get(key) or HoursEntry(
            participant_id=participant.id,
            entry_date=row["date"],
            activity_kind=row["activity"],
            counts_toward_target=row["activity"].counts_toward_target,
        )
        entry.hours, entry.status, entry.absence_kind = row["hours"], row["status"], row["absence"]
        db.session.add(entry)
