"""The list pages: participant list and caseload filters and order (bad values are a clear 400),
and bulk approval on the approvals page (one POST, one-time key, decided-meanwhile reported)."""

import re
import threading
from datetime import timedelta

from matcher.extensions import db
from matcher.models import HoursEntry, HoursStatus, Role, User
from matcher.services import hours
from matcher.services.errors import DomainError
from matcher.weeks import today
from tests.factories import PASSWORD


def logged_in(app, user):
    client = app.test_client()
    assert client.post_form("/inloggen", {"email": user.email, "password": PASSWORD}).status_code
    return client


ROW = re.compile(r'<th scope="row"><a href="/coach/voortgang/\d+">Voornaam\d+ (\w+)</a>')
LISTED = re.compile(r'<td><a href="/deelnemers/\d+">Voornaam\d+ (\w+)</a>')


def test_participant_list_filters_sorts_and_says_what_it_shows(caseload, login_as):
    client, _ = login_as(Role.COORDINATOR)
    page = client.get("/deelnemers/?need=not_placed&sort=pip").get_data(as_text=True)
    assert "Aandacht nodig: na drie maanden nog niet geplaatst." in page
    assert "Gesorteerd op PIP-datum." in page and "2 deelnemers gevonden" in page
    assert '<label class="utrecht-form-label" for="need">Aandacht nodig</label>' in page
    assert '<option selected value="not_placed">' in page
    assert LISTED.findall(page) == ["Ander", "Niet"]  # the same PIP date: then by name
    searched = client.get("/deelnemers/?need=below_minimum&q=Onder").get_data(as_text=True)
    assert "1 deelnemer gevonden" in searched and "Onder" in searched


def test_a_wrong_filter_or_order_is_a_clear_400(caseload, login_as):
    client, _ = login_as(Role.COORDINATOR)
    for url in ("/deelnemers/?need=iets", "/deelnemers/?sort=leeftijd"):
        response = client.get(url)
        assert response.status_code == 400
        assert "Het adres klopt niet" in response.get_data(as_text=True)
    coach, _ = caseload
    assert logged_in(client.application, coach).get("/coach/?need=x").status_code == 400


def test_the_caseload_puts_the_most_urgent_first_and_filters_the_same_way(caseload, app):
    coach, _ = caseload
    client = logged_in(app, coach)
    page = client.get("/coach/").get_data(as_text=True)
    names = re.findall(
        r'<th scope="row"><a href="/coach/voortgang/\d+">Voornaam\d+ (\w+)</a>', page
    )
    assert names[:4] == ["Achter", "Niet", "Onder", "Taal"]
    assert "Urgentie: eerst wie achterloopt op het tempo voor 800 uur" in page
    assert '<span class="value" id="fig-behind-pace">' in page
    below = client.get("/coach/?need=below_minimum").get_data(as_text=True)
    names = re.findall(
        r'<th scope="row"><a href="/coach/voortgang/\d+">Voornaam\d+ (\w+)</a>', below
    )
    assert names == ["Niet", "Onder"] and "2 deelnemers gevonden" in below
    by_name = client.get("/coach/?sort=name").get_data(as_text=True)
    names = re.findall(
        r'<th scope="row"><a href="/coach/voortgang/\d+">Voornaam\d+ (\w+)</a>', by_name
    )
    assert names == sorted(names)


def reported(add_hours, people, *names):
    day = today() - timedelta(days=2)
    return [add_hours(people[n], day, 3, status=HoursStatus.SUBMITTED) for n in names]


def key_of(page: str) -> str:
    return re.search(r'name="submission_key" value="([^"]+)"', page).group(1)


def status(entry) -> HoursStatus:
    db.session.expire_all()
    return db.session.get(HoursEntry, entry.id).status


def test_bulk_approval_of_ticked_entries_once(caseload, add_hours, app):
    coach, people = caseload
    first, second, third = reported(add_hours, people, "Achter", "Onder", "Niet")
    client = logged_in(app, coach)
    page = client.get("/coach/uren/goedkeuren").get_data(as_text=True)
    assert 'id="select-all"' in page and f'id="pick-{first.id}"' in page
    form = {"entry": [first.id, second.id], "submission_key": key_of(page)}
    response = client.post_form("/coach/uren/goedkeuren/selectie", form, follow_redirects=True)
    assert "2 regels goedgekeurd." in response.get_data(as_text=True)
    assert [status(e) for e in (first, second, third)] == [
        HoursStatus.APPROVED,
        HoursStatus.APPROVED,
        HoursStatus.SUBMITTED,
    ]
    again = client.post_form("/coach/uren/goedkeuren/selectie", form, follow_redirects=True)
    assert "Dit formulier was al verstuurd" in again.get_data(as_text=True)
    assert status(third) == HoursStatus.SUBMITTED


def test_select_all_approves_every_entry_shown_and_reports_one_decided_meanwhile(
    caseload, add_hours, app, make
):
    coach, people = caseload
    first, second = reported(add_hours, people, "Achter", "Onder")
    client = logged_in(app, coach)
    page = client.get("/coach/uren/goedkeuren").get_data(as_text=True)
    colleague = make.user(Role.COACH, name="Coach Sneller")
    hours.decide(colleague, db.session.get(HoursEntry, second.id), False, "Niet geweest")
    db.session.commit()
    form = {"all": "1", "shown": [first.id, second.id], "submission_key": key_of(page)}
    text = client.post_form(
        "/coach/uren/goedkeuren/selectie", form, follow_redirects=True
    ).get_data(as_text=True)
    assert "1 regel goedgekeurd." in text
    assert "al beoordeeld door Coach Sneller (afgekeurd)" in text
    assert (status(first), status(second)) == (HoursStatus.APPROVED, HoursStatus.REJECTED)


def test_bulk_approval_refuses_another_caseload_and_bad_ids(caseload, add_hours, app, make):
    coach, people = caseload
    (mine,) = reported(add_hours, people, "Achter")
    (theirs,) = reported(add_hours, people, "Ander")
    client = logged_in(app, coach)
    url = "/coach/uren/goedkeuren/selectie"
    assert client.post_form(url, {"entry": [mine.id, theirs.id]}).status_code == 404
    assert client.post_form(url, {"entry": ["een"]}).status_code == 400
    empty = client.post_form(url, {}, follow_redirects=True).get_data(as_text=True)
    assert "Kies eerst een of meer regels" in empty
    assert (status(mine), status(theirs)) == (HoursStatus.SUBMITTED, HoursStatus.SUBMITTED)
    no_csrf = app.test_client()
    no_csrf.post_form("/inloggen", {"email": coach.email, "password": PASSWORD})
    response = no_csrf.post(url, data={"entry": [mine.id]}, follow_redirects=True)
    assert "niet geldig" in response.get_data(as_text=True) or response.status_code == 400
    assert status(mine) == HoursStatus.SUBMITTED


def test_two_coaches_bulk_approving_at_once_decide_each_entry_once(caseload, add_hours, app, make):
    coach, people = caseload
    colleague = make.user(Role.COACH, name="Coach Parallel")
    entries = reported(add_hours, people, "Achter", "Onder", "Niet")
    ids = [e.id for e in entries]
    pids = [p.id for p in people.values()]
    barrier, outcomes = threading.Barrier(2), {}

    def approve(user_id: int, chosen: list[int]) -> None:
        with app.test_request_context():
            user = db.session.get(User, user_id)
            barrier.wait()
            try:
                done = hours.approve_many(user, pids, chosen)
                db.session.commit()
                outcomes[user_id] = ([e.id for e in done.approved], [e.id for e in done.already])
            except DomainError as problem:
                db.session.rollback()
                outcomes[user_id] = str(problem)

    threads = [
        threading.Thread(target=approve, args=(coach.id, ids[:2])),
        threading.Thread(target=approve, args=(colleague.id, ids[1:])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    approved = outcomes[coach.id][0] + outcomes[colleague.id][0]
    already = outcomes[coach.id][1] + outcomes[colleague.id][1]
    assert sorted(approved) == ids and already == [ids[1]]  # the shared one: decided once
    db.session.expire_all()
    deciders = {db.session.get(HoursEntry, i).approved_by_id for i in ids}
    assert deciders == {coach.id, colleague.id}
