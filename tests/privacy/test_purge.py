"""`matcher purge`: participants go 5 years after their integration duty ended, not a day sooner."""

from datetime import date

import pytest
from sqlalchemy import select

from matcher.cli import cli
from matcher.extensions import db
from matcher.models import AuditEvent, Erasure, HoursEntry, Participant
from matcher.services import privacy

TODAY = date(2031, 6, 15)


@pytest.mark.parametrize(
    ("ended", "purged"),
    [
        (date(2026, 6, 13), True),  # 5 years and 2 days ago
        (date(2026, 6, 14), True),  # 5 years and 1 day ago: more than 5 years
        (date(2026, 6, 15), False),  # exactly 5 years ago: not yet
        (date(2026, 6, 16), False),  # one day short of 5 years
        (date(2030, 1, 1), False),
        (None, False),  # duty not ended
    ],
)
def test_candidates_around_the_boundary(make, ended, purged):
    participant = make.participant(duty_ended_on=ended)
    assert (participant in privacy.purge_candidates(TODAY)) is purged


def test_leap_day_boundary(app_ctx):
    assert privacy.retention_cutoff(date(2029, 2, 28)) == date(2024, 2, 28)
    assert privacy.retention_cutoff(date(2028, 2, 29)) == date(2023, 2, 28)


def _invoke(app, *args):
    return app.test_cli_runner().invoke(cli, ["purge", *args], catch_exceptions=False)


def test_dry_run_lists_exactly_the_candidates_and_changes_nothing(app, make):
    old = make.participant(duty_ended_on=date(2026, 6, 14), external_ref="P-OLD")
    make.participant(duty_ended_on=date(2026, 6, 15), external_ref="P-EDGE")
    make.participant(external_ref="P-RUNNING")
    result = _invoke(app, "--dry-run", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    listed = [line.split()[0] for line in result.output.splitlines() if line.startswith("  ")]
    assert listed == ["P-OLD"]
    assert "Zou wissen: 1 deelnemer(s)" in result.output
    assert old.first_name not in result.output  # references only, never names
    db.session.expire_all()
    assert db.session.get(Participant, old.id).external_ref == "P-OLD"
    assert db.session.scalar(select(Erasure)) is None


def test_purge_anonymises_keeps_hours_and_is_idempotent(app, make):
    old = make.participant(duty_ended_on=date(2020, 3, 1), notes="gesprek over gezondheid")
    db.session.add(
        HoursEntry(
            participant_id=old.id,
            entry_date=date(2019, 5, 6),
            activity_kind="placement",
            hours=4,
            counts_toward_target=True,
        )
    )
    db.session.commit()
    result = _invoke(app, "--today", TODAY.isoformat())
    assert "Gewist: 1 deelnemer(s)" in result.output
    db.session.expire_all()
    erased = db.session.get(Participant, old.id)
    assert (erased.first_name, erased.last_name, erased.notes) == ("Geanonimiseerd", "", "")
    hours = db.session.scalars(select(HoursEntry.hours).where(HoursEntry.participant_id == old.id))
    assert list(hours) == [4]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "purge"))
    assert (event.entity, event.entity_id, event.actor_id) == ("participant", old.id, None)
    again = _invoke(app, "--dry-run", "--today", TODAY.isoformat())
    assert "Zou wissen: 0 deelnemer(s)" in again.output


def test_dry_run_on_the_demo_data_lists_exactly_those_ended_over_5_years_ago(app, app_ctx):
    """The demo region has no ended duties, so we end some around the boundary ourselves."""
    from matcher.services import seeding
    from matcher.services.demo import SEEDS_DIR

    seeding.load_region(SEEDS_DIR)
    people = db.session.scalars(select(Participant).order_by(Participant.external_ref)).all()
    ends = [date(2020, 1, 1), date(2026, 6, 14), date(2026, 6, 15), date(2026, 6, 16)]
    for person, ended in zip(people, ends, strict=False):
        person.duty_ended_on = ended
    db.session.commit()
    expected = [p.external_ref for p in people[:2]]
    result = _invoke(app, "--dry-run", "--today", TODAY.isoformat())
    listed = [line.split()[0] for line in result.output.splitlines() if line.startswith("  ")]
    assert listed == expected
    assert f"Zou wissen: {len(expected)} deelnemer(s)" in result.output
