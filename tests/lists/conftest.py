"""The lists to act on: a hand-built caseload where each participant has one known need."""

from datetime import timedelta

import pytest

from matcher.extensions import db
from matcher.models import ActivityKind, HoursEntry, HoursStatus, ParticipantStatus, Role
from matcher.weeks import today


@pytest.fixture
def add_hours(app_ctx):
    """Add one HoursEntry (approved placement hours unless told otherwise)."""

    def add(participant, on, hours: float = 3, **kw) -> HoursEntry:
        entry = HoursEntry(
            participant_id=participant.id,
            entry_date=on,
            activity_kind=ActivityKind.PLACEMENT,
            hours=hours,
            counts_toward_target=True,
            status=kw.pop("status", HoursStatus.APPROVED),
            **kw,
        )
        db.session.add(entry)
        db.session.commit()
        return entry

    return add


@pytest.fixture
def caseload(make):
    """One coach's participants by name, each built to have the needs its name says."""
    coach = make.user(Role.COACH, name="Coach Lijst")
    now = today()
    six = make.placement({"mon-am": (3, 9), "tue-am": (3, 9)}, title="Zes")
    three = make.placement({"wed-am": (3, 9)}, title="Drie")
    four = make.placement({"mon-am": (2, 9), "tue-am": (2, 9)}, title="Vier")
    started = now - timedelta(days=500)

    def person(last, pip_days, **kw):
        return make.participant(
            coach_id=coach.id, last_name=last, pip_date=now - timedelta(days=pip_days), **kw
        )

    people = {
        "Achter": person("Achter", 400),  # placed 6 h, no hours: behind on the 800 h pace
        "Onder": person("Onder", 30, hours_before=100),  # placed 3 h: below the minimum
        "Niet": person("Niet", 200, hours_before=800),  # no placement after 3 months
        "Taal": person("Taal", 30, hours_before=100, wants_taalmaatje=True),  # none running
        "Heeft": person("Heeft", 30, hours_before=100, wants_taalmaatje=True),  # has one
        "Pauze": person("Pauze", 400, status=ParticipantStatus.PAUSED),
        "Klaar": person("Klaar", 400, status=ParticipantStatus.FINISHED),
        "Max": person("Max", 30, hours_before=100, max_hours_week=4),  # 4 h is their minimum
    }
    for name in ("Achter", "Taal", "Heeft"):
        make.match(people[name], placement=six, dayparts=("mon-am", "tue-am"), starts_on=started)
    make.match(people["Onder"], placement=three, dayparts=("wed-am",), starts_on=started)
    make.match(people["Max"], placement=four, dayparts=("mon-am", "tue-am"), starts_on=started)
    buddy = make.volunteer(first_name="Truus")
    make.match(people["Heeft"], volunteer=buddy, dayparts=("mon-ev",), starts_on=started)
    for name in ("Onder", "Klaar"):  # hours their coach has still to approve (finished or not)
        entry = HoursEntry(
            participant_id=people[name].id,
            entry_date=now - timedelta(days=2),
            activity_kind=ActivityKind.PLACEMENT,
            hours=3,
            counts_toward_target=True,
            status=HoursStatus.SUBMITTED,
        )
        db.session.add(entry)
    db.session.commit()
    other_coach = make.user(Role.COACH, name="Andere Coach")
    people["Ander"] = make.participant(  # not in this caseload; the coordinator sees them
        coach_id=other_coach.id, last_name="Ander", pip_date=now - timedelta(days=200)
    )
    return coach, people
