"""No double creates: every create form carries a one-time key; the same POST sent twice (a
slow connection, a double tap), one after the other or at the same moment, makes one record
and the second lands on it with a Dutch note."""

import re
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import (
    FormSubmission,
    HoursEntry,
    Organisation,
    Participant,
    Placement,
    ProgressMeeting,
    Role,
    User,
    Volunteer,
    VolunteerAbsence,
)
from matcher.services import submissions
from matcher.weeks import today
from tests.factories import PASSWORD
from tests.registry.helpers import text
from tests.registry.test_placements import placement_form
from tests.registry.test_profiles import profile_form
from tests.registry.test_volunteers import volunteer_form

KEY_INPUT = re.compile(r'name="submission_key" value="([^"]+)"')
ALREADY = "Dit formulier was al verstuurd"


def form_key(client, url: str) -> str:
    """The one-time key of the (first) create form on this page."""
    return KEY_INPUT.search(text(client.get(url))).group(1)


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def _participant(make, login_as):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    return client, "/deelnemers/nieuw", "/deelnemers/nieuw", profile_form(town.id), Participant


def _organisation(make, login_as):
    client, _ = login_as(Role.COORDINATOR)
    data = {"name": "Kringloop", "municipality": str(make.municipality().id)}
    return client, "/organisaties/nieuw", "/organisaties/nieuw", data, Organisation


def _placement(make, login_as):
    client, _ = login_as(Role.COORDINATOR)
    organisation_id = make.placement().organisation_id
    data = placement_form(organisation_id)
    return client, "/plekken/nieuw", "/plekken/nieuw", data, Placement


def _volunteer(make, login_as):
    client, _ = login_as(Role.COORDINATOR)
    data = volunteer_form(make.municipality().id)
    return client, "/vrijwilligers/nieuw", "/vrijwilligers/nieuw", data, Volunteer


def _absence(make, login_as):
    client, _ = login_as(Role.COORDINATOR)
    volunteer = make.volunteer()
    start = today() + timedelta(days=3)
    data = {"starts_on": start.isoformat(), "ends_on": (start + timedelta(days=7)).isoformat()}
    url = f"/vrijwilligers/{volunteer.id}"
    return client, url, f"{url}/afwezigheid", data, VolunteerAbsence


def _own_absence(make, login_as):
    client, account = login_as(Role.VOLUNTEER)
    make.volunteer(user_id=account.id)
    start = today() + timedelta(days=3)
    data = {
        "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=7)).isoformat(),
        "reason": "vakantie",
    }
    return client, "/vrijwilliger/", "/vrijwilliger/afwezigheid", data, VolunteerAbsence


def _meeting(make, login_as):
    client, coach = login_as(Role.COACH)
    participant = make.participant(coach_id=coach.id, pip_date=date(2025, 1, 6))
    url = f"/coach/voortgang/{participant.id}"
    data = {"held_on": (today() - timedelta(days=1)).isoformat(), "summary": "Goed bezig"}
    return client, url, f"{url}/gesprek", data, ProgressMeeting


def _hours(make, login_as):
    client, coach = login_as(Role.COACH)
    participant = make.participant(coach_id=coach.id, pip_date=date(2025, 1, 6))
    url = f"/coach/voortgang/{participant.id}"
    day = (today() - timedelta(days=1)).isoformat()
    data = {"entry_date": day, "kind": "workshop", "hours": "2", "absence": ""}
    return client, url, f"{url}/uren", data, HoursEntry


def _reported_session(make, login_as):
    client, account = login_as(Role.VOLUNTEER)
    volunteer = make.volunteer(user_id=account.id, availability=to_mask(["mon-ev"]))
    participant = make.participant(coach_id=make.user(Role.COACH).id, pip_date=date(2025, 1, 6))
    match = make.match(participant, volunteer=volunteer, dayparts=("mon-ev",))
    day = (today() - timedelta(days=2)).isoformat()
    data = {"match": str(match.id), "entry_date": day, "hours": "1,5", "held": "held"}
    return client, "/vrijwilliger/melden", "/vrijwilliger/melden", data, HoursEntry


def _account(make, login_as):
    client, _ = login_as(Role.ADMIN)
    data = {
        "email": "nieuw@example.org",
        "name": "Nieuwe Coach",
        "role": "coach",
        "password": "een lang wachtwoord",
    }
    return client, "/beheer/", "/beheer/", data, User


CASES = {
    "participant": _participant,
    "organisation": _organisation,
    "placement": _placement,
    "volunteer": _volunteer,
    "absence": _absence,
    "own_absence": _own_absence,
    "voortgangsgesprek": _meeting,
    "hours_entry": _hours,
    "reported_session": _reported_session,
    "account": _account,
}


@pytest.mark.parametrize("case", CASES)
def test_the_same_form_sent_twice_creates_one_record(login_as, make, case):
    client, page, url, data, model = CASES[case](make, login_as)
    before = count(model)
    data = {**data, "submission_key": form_key(client, page)}
    first = client.post_form(url, data)
    assert first.status_code == 302, text(first)
    second = client.post_form(url, data)
    assert second.status_code == 302  # to what the first made (its page, or the list)
    assert count(model) == before + 1
    assert ALREADY in text(client.get(second.location))


def test_a_refused_form_keeps_its_key_so_the_corrected_one_still_counts_once(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    key = form_key(client, "/deelnemers/nieuw")
    refused = client.post_form(
        "/deelnemers/nieuw", {**profile_form(town.id, max_hours_week="30"), "submission_key": key}
    )
    assert refused.status_code == 422 and f'value="{key}"' in text(refused)
    data = {**profile_form(town.id), "submission_key": key}
    assert client.post_form("/deelnemers/nieuw", data).status_code == 302
    assert client.post_form("/deelnemers/nieuw", data).status_code == 302
    assert count(Participant) == 1


def test_someone_elses_key_is_refused(login_as, make):
    anna, _ = login_as(Role.COORDINATOR)
    bram, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    key = form_key(anna, "/deelnemers/nieuw")
    data = {**profile_form(town.id), "submission_key": key}
    assert anna.post_form("/deelnemers/nieuw", data).status_code == 302
    assert bram.post_form("/deelnemers/nieuw", data).status_code == 403
    assert count(Participant) == 1


def test_keys_older_than_a_day_are_purged(app, login_as, make):
    client, user = login_as(Role.COORDINATOR)
    old = FormSubmission(key="o" * 32, user_id=user.id, entity="participant", record_id=1)
    old.created_at = submissions.datetime.now(submissions.UTC) - timedelta(days=2)
    db.session.add(old)
    db.session.commit()
    data = {"name": "Kringloop", "municipality": str(make.municipality().id)}
    key = form_key(client, "/organisaties/nieuw")
    client.post_form("/organisaties/nieuw", {**data, "submission_key": key})
    db.session.expire_all()
    assert db.session.get(FormSubmission, "o" * 32) is None
    assert db.session.get(FormSubmission, key).record_id is not None


@pytest.mark.parametrize("case", ["participant", "organisation", "voortgangsgesprek"])
def test_two_identical_posts_at_the_same_moment_create_one_record(app, login_as, make, case):
    client, page, url, data, model = CASES[case](make, login_as)
    user_email = db.session.scalar(select(User.email).order_by(User.id.desc()).limit(1))
    twin = app.test_client()  # the same user in a second connection (a second tab)
    assert twin.post_form("/inloggen", {"email": user_email, "password": PASSWORD}).status_code
    data = {**data, "submission_key": form_key(client, page)}
    posts = {"first": (client, client.csrf_token()), "second": (twin, twin.csrf_token())}
    barrier, answers = threading.Barrier(2), {}

    def send(name):
        sender, token = posts[name]
        barrier.wait()
        answers[name] = sender.post(url, data={**data, "csrf_token": token})

    threads = [threading.Thread(target=send, args=(name,)) for name in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert {name: answer.status_code for name, answer in answers.items()} == {
        "first": 302,
        "second": 302,
    }
    assert answers["first"].location == answers["second"].location
    assert count(model) == 1


def test_a_second_claim_while_the_first_is_uncommitted_waits_and_lands_on_it(
    app, make, monkeypatch
):
    """Forces the contended path: the second POST looks for the key before the first commits
    (finds nothing), then its insert meets the first one's key and it is told the record."""
    from matcher.services import organisations

    user_id, town_id = make.user(Role.COORDINATOR).id, make.municipality().id
    key, outcomes = submissions.new_key(), {}
    first_claimed, second_looked = threading.Event(), threading.Event()
    look = submissions._earlier

    def looking(*args):
        row = look(*args)
        if threading.current_thread().name == "second":
            second_looked.set()
        return row

    monkeypatch.setattr(submissions, "_earlier", looking)

    def first():
        with app.test_request_context():
            user = db.session.get(User, user_id)
            claimed = submissions.claim(key, user, "organisation")
            made = organisations.save(user, None, {"name": "Eerst", "municipality_id": town_id})
            submissions.finish(claimed, made.id)
            first_claimed.set()
            second_looked.wait(timeout=30)
            db.session.commit()
            outcomes["first"] = made.id

    def second():
        first_claimed.wait(timeout=30)
        with app.test_request_context():
            try:
                submissions.claim(key, db.session.get(User, user_id), "organisation")
                outcomes["second"] = "claimed"
            except submissions.AlreadySubmitted as done:
                outcomes["second"] = done.record_id
            db.session.rollback()

    threads = [threading.Thread(target=first), threading.Thread(target=second, name="second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes["second"] == outcomes["first"]
    assert count(Organisation) == 1
