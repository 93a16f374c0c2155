"""One definition per need: the needs of a hand-built caseload, and every figure equal to the
number of rows of the list it links to (hand-built and on the demo region)."""

import re

import pytest
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Participant, Role, User
from matcher.services import accounts, dashboard, participant_filters, participants, seeding
from matcher.services.access import visible_participants
from matcher.services.demo import SEEDS_DIR
from matcher.services.participant_filters import Need
from matcher.weeks import today
from tests.factories import PASSWORD

N = Need
EXPECTED = {
    "Achter": {N.OPEN, N.AT_MINIMUM, N.BEHIND_PACE},
    "Onder": {N.OPEN, N.BELOW_MINIMUM, N.HOURS_WAITING},
    "Niet": {N.OPEN, N.BELOW_MINIMUM, N.NOT_PLACED},
    "Taal": {N.OPEN, N.AT_MINIMUM, N.NO_VOLUNTEER},
    "Heeft": {N.OPEN, N.AT_MINIMUM},
    "Pauze": {N.PAUSED},
    "Klaar": {N.HOURS_WAITING},
    "Max": {N.OPEN, N.AT_MINIMUM},
}


def test_each_participant_has_the_needs_of_the_one_definition(caseload):
    coach, people = caseload
    found = participant_filters.needs_for(visible_participants(coach), today())
    by_name = {p.last_name: found[p.id][0] for p in people.values() if p.id in found}
    assert by_name == EXPECTED


def test_urgency_puts_behind_pace_first_then_below_minimum_then_not_placed(caseload):
    coach, _ = caseload
    order = participant_filters.ids_with(visible_participants(coach), None, today())
    names = [db.session.get(Participant, pid).last_name for pid in order]
    assert names[:4] == ["Achter", "Niet", "Onder", "Taal"]


@pytest.mark.parametrize("role", [Role.COACH, Role.COORDINATOR])
def test_every_count_is_the_number_of_rows_of_its_list(caseload, role, make):
    coach, _ = caseload
    user = coach if role == Role.COACH else make.user(Role.COORDINATOR)
    counts = participant_filters.counts(visible_participants(user), today())
    for need in Need:
        listed = participants.search(user, need=need, today=today(), per_page=2)
        assert listed.total == counts[need], need
    if role == Role.COORDINATOR:
        figures = dashboard.coordinator_figures(user, today())
        assert figures.participants_open == counts[N.OPEN] == 7  # 6 of the coach + Ander
        assert figures.not_placed_after_three_months == counts[N.NOT_PLACED] == 2
        assert figures.below_minimum == counts[N.BELOW_MINIMUM] == 3
        assert figures.hours_waiting == counts[N.HOURS_WAITING] == 2  # Onder, and Klaar (done)


def test_search_text_and_sort_work_with_a_need(caseload):
    coach, _ = caseload
    found = participants.search(coach, text="Taal", need=N.NO_VOLUNTEER, today=today())
    assert [p.last_name for p in found.items] == ["Taal"]
    by_pip = participants.search(coach, need=N.OPEN, sort="pip", today=today())
    assert by_pip.items[0].last_name == "Achter" and by_pip.total == 6
    paged = participants.search(coach, sort="urgency", per_page=2, page=2, today=today())
    assert [p.last_name for p in paged.items] == ["Onder", "Taal"] and paged.total == 8


FIGURE = re.compile(r'<a href="([^"]+)"[^>]*><span class="value" id="(fig-[a-z-]+)">(\d+)</span>')
FOUND = re.compile(r"(\d+) [a-z]+ gevonden")


def figures_and_lists(client, home: str) -> list[tuple[str, int, int]]:
    """(figure id, figure, rows of the linked list) for every linked figure of a home page."""
    page = client.get(home, follow_redirects=True).get_data(as_text=True)
    # every figure is a link (issue 13: each opens the list behind it)
    assert page.count('<span class="value"') == len(FIGURE.findall(page)), home
    rows = []
    for url, ident, value in FIGURE.findall(page.replace("&amp;", "&")):
        if "goedkeuren" in url:
            continue  # the approvals page: entries, not participants (its own test)
        listed = client.get(url).get_data(as_text=True)
        count = FOUND.search(listed)
        assert count, (ident, url)
        rows.append((ident, int(value), int(count.group(1))))
    return rows


def test_every_figure_on_the_home_pages_links_to_a_list_of_that_many(caseload, login_as, app):
    coach, _ = caseload
    client, _ = login_as(Role.COORDINATOR)
    seen = figures_and_lists(client, "/")
    assert len(seen) >= 10
    assert all(value == rows for _, value, rows in seen), seen
    coach_client = app.test_client()
    coach_client.post_form("/inloggen", {"email": coach.email, "password": PASSWORD})
    seen = figures_and_lists(coach_client, "/coach/")
    assert len(seen) == 6 and all(value == rows for _, value, rows in seen), seen


def test_on_the_demo_region_every_figure_matches_its_list(app_ctx, client):
    seeding.load_region(SEEDS_DIR)
    coordinator = db.session.scalar(select(User).where(User.role == Role.COORDINATOR))
    accounts.set_password(coordinator, PASSWORD)
    db.session.commit()
    client.post_form("/inloggen", {"email": coordinator.email, "password": PASSWORD})
    seen = figures_and_lists(client, "/")
    assert dict((i, v) for i, v, _ in seen)["fig-not-placed"] > 0
    assert all(value == rows for _, value, rows in seen), seen
