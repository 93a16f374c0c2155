"""Two saves of the same version at the same moment: exactly one wins, the other is told who.

Each save runs in its own thread with its own database session and connection; a barrier
lets both read version 1 before either writes, so the check in Python passes for both and only
the conditional UPDATE (… WHERE version = 1) decides. Runs on SQLite and PostgreSQL.
"""

import threading

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import Participant, Placement, Role, User, Volunteer
from matcher.services import placements, profiles, registry_volunteers, volunteering
from matcher.services.records import StaleRecord
from matcher.weeks import today


def race(app, savers: dict) -> dict:
    """Run each saver(thread's own session) after all have read; its outcome by name."""
    barrier, outcomes = threading.Barrier(len(savers)), {}

    def run(name, load, save):
        with app.test_request_context():
            loaded = load()
            barrier.wait()
            try:
                save(*loaded)
                db.session.commit()
                outcomes[name] = "saved"
            except StaleRecord as stale:
                db.session.rollback()
                outcomes[name] = stale

    threads = [
        threading.Thread(target=run, args=(name, load, save))
        for name, (load, save) in savers.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def winner_and_loser(outcomes: dict) -> tuple[str, StaleRecord]:
    assert len(outcomes) == 2 and list(outcomes.values()).count("saved") == 1, outcomes
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    loser = next(outcome for outcome in outcomes.values() if outcome != "saved")
    assert isinstance(loser, StaleRecord)
    return winner, loser


def profile_values(participant: Participant, **changes) -> dict:
    names = profiles.MATCHING_FIELDS
    return {**{name: getattr(participant, name) for name in names}, **changes}


def test_two_coordinators_saving_one_profile_at_once(app, make):
    anna = make.user(Role.COORDINATOR, name="Anna Jansen")
    bram = make.user(Role.COORDINATOR, name="Bram de Boer")
    participant_id = make.participant(first_name="Samira", max_hours_week=12).id
    changes = {anna.id: {"first_name": "Amira"}, bram.id: {"max_hours_week": 8.0}}

    def saver(user_id):
        def load():
            return db.session.get(User, user_id), db.session.get(Participant, participant_id)

        def save(user, participant):
            values = profile_values(participant, **changes[user_id])
            profiles.save(user, participant, values, today(), expected_version=1)

        return load, save

    outcomes = race(app, {anna.id: saver(anna.id), bram.id: saver(bram.id)})
    winner, loser = winner_and_loser(outcomes)
    db.session.expire_all()
    stored = db.session.get(Participant, participant_id)
    assert stored.version == 2 and stored.updated_by_id == winner
    if winner == anna.id:
        assert (stored.first_name, stored.max_hours_week) == ("Amira", 12)
        assert loser.changed_by == "Anna Jansen" and "first_name" in loser.differing
    else:
        assert (stored.first_name, stored.max_hours_week) == ("Samira", 8)
        assert loser.changed_by == "Bram de Boer" and "max_hours_week" in loser.differing


def test_two_saves_of_one_session_grid_at_once(app, make):
    anna = make.user(Role.COORDINATOR, name="Anna Jansen")
    bram = make.user(Role.COORDINATOR, name="Bram de Boer")
    placement_id = make.placement(sessions={"tue-am": (3, 2)}).id
    grids = {anna.id: {"tue-am": (3.0, 5)}, bram.id: {"tue-am": (3.0, 2), "fri-pm": (2.0, 1)}}

    def saver(user_id):
        def load():
            return db.session.get(User, user_id), db.session.get(Placement, placement_id)

        def save(user, placement):
            values = {name: getattr(placement, name) for name in placements.FIELDS}
            placements.save(user, placement, values, grids[user_id], expected_version=1)

        return load, save

    winner, loser = winner_and_loser(race(app, {anna.id: saver(anna.id), bram.id: saver(bram.id)}))
    db.session.expire_all()
    stored = db.session.get(Placement, placement_id)
    assert {s.daypart: (s.hours, s.capacity) for s in stored.sessions} == grids[winner]
    assert stored.version == 2 and "sessions" in loser.differing


def test_volunteer_portal_and_coordinator_at_once(app, make):
    coordinator = make.user(Role.COORDINATOR, name="Anna Jansen")
    account = make.user(Role.VOLUNTEER, name="Vera Vrijwilliger")
    volunteer_id = make.volunteer(user_id=account.id, phone="0612345678").id

    def load_both(user_id):
        return lambda: (db.session.get(User, user_id), db.session.get(Volunteer, volunteer_id))

    def by_coordinator(user, volunteer):
        values = {name: getattr(volunteer, name) for name in registry_volunteers.FIELDS}
        registry_volunteers.save(user, volunteer, {**values, "phone": "0687654321"}, 1)

    def by_volunteer(user, volunteer):
        volunteering.set_availability(user, volunteer, to_mask(["sat-pm"]), expected_version=1)

    outcomes = race(
        app,
        {
            "coordinator": (load_both(coordinator.id), by_coordinator),
            "volunteer": (load_both(account.id), by_volunteer),
        },
    )
    winner, _ = winner_and_loser(outcomes)
    db.session.expire_all()
    stored = db.session.get(Volunteer, volunteer_id)
    if winner == "coordinator":
        assert (stored.phone, stored.availability) == ("0687654321", to_mask(["mon-ev"]))
    else:
        assert (stored.phone, stored.availability) == ("0612345678", to_mask(["sat-pm"]))


def test_account_versions_are_claimed_by_one_conditional_update(app, make):
    """Accounts change at every login, so their version is not the ORM's: an admin edit claims
    it with `UPDATE … SET version = version + 1 WHERE version = :seen`; one of two wins."""
    from matcher.services.versions import claim_version

    admins = [make.user(Role.ADMIN, name=f"Beheerder {n}").id for n in (1, 2)]
    account_id = make.user(Role.COACH).id

    def saver(admin_id):
        def load():
            return (db.session.get(User, admin_id),)

        def save(admin):
            claim_version(User, account_id, 1, admin)

        return load, save

    winner, loser = winner_and_loser(race(app, {n: saver(n) for n in admins}))
    db.session.expire_all()
    account = db.session.get(User, account_id)
    assert (account.version, account.updated_by_id) == (2, winner)
    assert loser.changed_by == db.session.get(User, winner).name
