"""A manual match form sent twice (a double tap) adds one match."""

import re

from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import Match, Role

KEY_INPUT = re.compile(r'name="submission_key" value="([^"]+)"')
URL = "/coordinator/koppelen/handmatig"


def test_manual_match_sent_twice_adds_one(login_as, world):
    client, _ = login_as(Role.COORDINATOR)
    key = KEY_INPUT.search(client.get(URL).get_data(as_text=True)).group(1)
    form = {
        "participant": str(world["yonas"].id),
        "kind": "placement",
        "placement": str(world["shop"].id),
        "volunteer": "",
        "dayparts": ["mon-am", "tue-am"],
        "starts_on": "2026-11-16",
        "submission_key": key,
    }
    first = client.post_form(URL, form)
    second = client.post_form(URL, form)
    assert first.status_code == second.status_code == 302
    assert second.location == first.location
    assert "Dit formulier was al verstuurd" in client.get(second.location).get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Match)) == 1
