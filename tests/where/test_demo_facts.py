"""On the demo region after a confirmed run: the rosters, the participants' week plans and the
volunteers' pages show exactly the confirmed matches in force (issue 13)."""

from collections import Counter
from datetime import timedelta

import pytest
from markupsafe import escape
from sqlalchemy import select

from matcher.dayparts import from_mask
from matcher.extensions import db
from matcher.models import MatchKind, MatchSource, Organisation, Placement, Role
from matcher.services import seeding, week_plan
from matcher.services.demo import SEEDS_DIR
from matcher.services.matching.instance import running_matches
from matcher.weeks import today, week_start
from tests.matching.helpers import accept_all_and_confirm, run_now


@pytest.mark.slow
def test_every_side_shows_the_confirmed_matches(app, login_as, monkeypatch):
    monkeypatch.setitem(app.config, "SOLVER_TIME_LIMIT", 5)
    monkeypatch.setitem(app.config, "SOLVER_WORKERS", 2)
    client, coordinator = login_as(Role.COORDINATOR)
    seeding.load_region(SEEDS_DIR)
    db.session.commit()
    week = week_start(today()) + timedelta(days=7)
    accept_all_and_confirm(coordinator, run_now(coordinator, week))
    db.session.expire_all()
    running = list(db.session.scalars(running_matches(week)))
    assert any(m.source == MatchSource.SOLVER for m in running)

    expected = Counter((m.participant_id, m.id, d) for m in running for d in from_mask(m.dayparts))
    planned = Counter()
    for pid in {m.participant_id for m in running}:
        for entry in week_plan.participant_week(pid, week):
            planned.update((pid, entry.match_id, d) for d in entry.dayparts)
    assert planned == expected

    placed = [m for m in running if m.kind == MatchKind.PLACEMENT]
    ids = list(db.session.scalars(select(Placement.id)))
    rostered = Counter(
        (row.participant_id, row.match_id, daypart)
        for days in week_plan.placement_roster(ids, week).values()
        for daypart, rows in days.items()
        for row in rows
    )
    assert rostered == Counter(
        (m.participant_id, m.id, d) for m in placed for d in from_mask(m.dayparts)
    )

    with_volunteer = [m for m in running if m.kind != MatchKind.PLACEMENT]
    seen = Counter()
    for vid in {m.volunteer_id for m in with_volunteer}:
        seen.update(
            (r.participant_id, r.match_id, d)
            for r in week_plan.volunteer_matches(vid, week)
            for d in r.dayparts
        )
    assert seen == Counter(
        (m.participant_id, m.id, d) for m in with_volunteer for d in from_mask(m.dayparts)
    )

    # The pages say the same: the Voedselbank's roster on Thursday, a participant, a volunteer.
    bank = db.session.scalar(
        select(Organisation).where(Organisation.name.like("Voedselbank%Hengelo"))
    )
    page = client.get(f"/organisaties/{bank.id}/rooster?week={week}").get_data(as_text=True)
    at_bank = [m for m in placed if m.placement.organisation_id == bank.id]
    thursday = [m for m in at_bank if any(d.startswith("thu") for d in from_mask(m.dayparts))]
    assert thursday, "the demo Voedselbank has someone on Thursday"
    for match in at_bank:
        assert escape(match.participant.full_name) in page
    person = placed[0]
    plan = client.get(f"/deelnemers/{person.participant_id}?week={week}").get_data(as_text=True)
    assert escape(person.placement.title) in plan
    assert escape(person.placement.organisation.name) in plan
    helper = with_volunteer[0]
    volunteer = client.get(f"/vrijwilligers/{helper.volunteer_id}?week={week}")
    assert escape(helper.participant.full_name) in volunteer.get_data(as_text=True)
