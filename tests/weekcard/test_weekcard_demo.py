"""On the demo region after a confirmed run, every participant's week card shows exactly the
confirmed matches in force that week: each day-part with its place (read from the matches
themselves here, not through the week plan service)."""

import html
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from matcher.dayparts import DAYS, from_mask
from matcher.extensions import db
from matcher.models import Match, MatchStatus, Participant, Placement, Role
from matcher.services import seeding
from matcher.services.demo import SEEDS_DIR
from tests.matching.helpers import accept_all_and_confirm, run_now

WEEK = date(2026, 11, 16)
ITEM = re.compile(
    r'<div class="wk-item wk-item--\w+" data-daypart="([a-z]{3}-[a-z]{2})">'
    r".*?<strong>(.*?)</strong>",
    re.DOTALL,
)


def _confirmed(week: date) -> dict[int, list[tuple[str, str]]]:
    """Per participant: (day-part, place) of every active match on each day it is in force."""
    matches = db.session.scalars(
        select(Match)
        .where(Match.status == MatchStatus.ACTIVE)
        .options(
            joinedload(Match.placement).joinedload(Placement.organisation),
            joinedload(Match.volunteer),
        )
    ).unique()
    expected: dict[int, list[tuple[str, str]]] = {}
    for match in matches:
        for daypart in from_mask(match.dayparts):
            day = week + timedelta(days=DAYS.index(daypart.split("-")[0]))
            if match.starts_on <= day and (match.ends_on is None or match.ends_on >= day):
                place = (
                    match.placement.organisation.name
                    if match.placement is not None
                    else match.volunteer.first_name
                )
                expected.setdefault(match.participant_id, []).append((daypart, place))
    return {pid: sorted(items) for pid, items in expected.items()}


@pytest.mark.slow
def test_every_week_card_shows_the_confirmed_matches(app, make, login_as, monkeypatch):
    monkeypatch.setitem(app.config, "SOLVER_TIME_LIMIT", 2)
    seeding.load_region(SEEDS_DIR)
    db.session.commit()
    coordinator = make.user(Role.COORDINATOR)
    run = run_now(coordinator, WEEK)
    changes = accept_all_and_confirm(coordinator, run)
    assert any(change.action == "new" for change in changes)
    expected = _confirmed(WEEK)
    assert len(expected) > 50
    client, _ = login_as(Role.COORDINATOR)
    people = db.session.scalars(select(Participant.id).order_by(Participant.id)).all()
    for participant_id in people:
        page = client.get(f"/deelnemers/{participant_id}/weekkaart?week={WEEK}")
        assert page.status_code == 200
        shown = sorted(
            (daypart, html.unescape(place))
            for daypart, place in ITEM.findall(page.get_data(as_text=True))
        )
        assert shown == expected.get(participant_id, []), participant_id
