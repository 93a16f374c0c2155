"""Decisions that last (issue 14): a rejected pairing is not proposed again until lifted;
"accept all" leaves stops open until they are confirmed; a shortened match is one change."""

from datetime import date

from sqlalchemy import func, select

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import (
    AuditEvent,
    Decision,
    Match,
    MatchRejection,
    MatchStatus,
    ProposalAction,
    Role,
)
from matcher.services.matching import confirm, rejections, review
from tests.matching.conftest import NEXT_WEEK, WEEK
from tests.matching.helpers import in_parallel, proposals, run_now, wait_at_barrier_before

BASE = "/coordinator/koppelen"


def _proposed(run, participant, placement) -> list:
    return [
        p
        for p in proposals(run, "add")
        if p.participant_id == participant.id and p.match.placement_id == placement.id
    ]


def _reject_garden_for_amina(world, coordinator):
    run = run_now(coordinator, WEEK)
    (garden,) = _proposed(run, world["amina"], world["garden"])
    review.decide(coordinator, run, garden.id, "reject")
    db.session.commit()
    return run, garden


def test_a_rejected_pairing_is_not_proposed_that_week_or_the_next(world, coordinator):
    _, first = _reject_garden_for_amina(world, coordinator)
    (standing,) = rejections.of_participant(world["amina"].id)
    assert (standing.placement_id, standing.rejected_by_id) == (world["garden"].id, coordinator.id)
    assert standing.proposal_id == first.id
    again = run_now(coordinator, WEEK)
    assert _proposed(again, world["amina"], world["garden"]) == []
    later = run_now(coordinator, NEXT_WEEK)
    assert _proposed(later, world["amina"], world["garden"]) == []
    assert all(
        p.match.placement_id != world["garden"].id or p.participant_id != world["amina"].id
        for p in proposals(later)
    )


def test_lifting_the_rejection_makes_the_pairing_possible_again(world, coordinator):
    _reject_garden_for_amina(world, coordinator)
    (standing,) = rejections.of_participant(world["amina"].id)
    rejections.lift(coordinator, standing.id)
    db.session.commit()
    assert rejections.of_participant(world["amina"].id) == []
    again = run_now(coordinator, WEEK)
    assert len(_proposed(again, world["amina"], world["garden"])) == 1


def test_changing_the_decision_forgets_the_rejection(world, coordinator):
    run, garden = _reject_garden_for_amina(world, coordinator)
    review.decide(coordinator, run, garden.id, "accept")
    db.session.commit()
    assert rejections.of_participant(world["amina"].id) == []
    review.decide(coordinator, run, garden.id, "reject")  # and back: one standing rejection
    db.session.commit()
    assert len(rejections.of_participant(world["amina"].id)) == 1


def test_a_second_rejection_of_the_same_pairing_keeps_one(world, coordinator):
    _reject_garden_for_amina(world, coordinator)
    again = run_now(coordinator, NEXT_WEEK)
    other = next(p for p in proposals(again, "add") if p.participant_id == world["amina"].id)
    review.decide(coordinator, again, other.id, "reject")
    db.session.commit()
    standing = rejections.of_participant(world["amina"].id)
    assert len(standing) == 2
    assert len({(r.kind, r.placement_id, r.volunteer_id) for r in standing}) == 2


def _running(world, make, dayparts):
    return make.match(world["yonas"], placement=world["garden"], dayparts=dayparts)


def _impossible_running_match(world, make):
    running = _running(world, make, ("mon-am",))
    world["yonas"].availability = to_mask(["tue-am", "wed-am"])
    db.session.commit()
    return running


def test_accept_all_leaves_stops_open_until_they_are_confirmed(world, coordinator, make):
    running = _impossible_running_match(world, make)
    run = run_now(coordinator, WEEK)
    (stop,) = [p for p in proposals(run, "end") if p.match_id == running.id]
    review.accept_all(coordinator, run)
    db.session.commit()
    assert [p.id for p in review.pending_stops(run)] == [stop.id]
    assert all(p.decision == Decision.ACCEPTED for p in proposals(run, "add"))
    db.session.refresh(stop)
    assert stop.decision == Decision.PENDING
    assert review.accept_stops(coordinator, run, [(stop.id, stop.version)]) == 1
    db.session.commit()
    assert review.pending_stops(run) == []
    confirm.confirm_run(coordinator, run)
    db.session.commit()
    assert running.status == MatchStatus.ENDED


def test_unconfirmed_stops_keep_running(world, coordinator, make):
    running = make.match(world["amina"], volunteer=world["henk"], dayparts=("mon-ev",))
    world["henk"].active = False  # the plan stops the meeting
    db.session.commit()
    run = run_now(coordinator, WEEK)
    (stop,) = [p for p in proposals(run, "end") if p.match_id == running.id]
    review.accept_all(coordinator, run)
    confirm.confirm_run(coordinator, run)
    db.session.commit()
    db.session.refresh(stop)
    assert stop.decision == Decision.PENDING
    assert running.status == MatchStatus.ACTIVE and running.ends_on is None


def test_accepting_stops_skips_one_decided_since_it_was_shown(world, coordinator, make):
    running = _impossible_running_match(world, make)
    run = run_now(coordinator, WEEK)
    (stop,) = [p for p in proposals(run, "end") if p.match_id == running.id]
    shown = (stop.id, stop.version)
    review.decide(coordinator, run, stop.id, "reject")
    db.session.commit()
    assert review.accept_stops(coordinator, run, [shown]) == 0
    db.session.refresh(stop)
    assert stop.decision == Decision.REJECTED


def test_accept_all_through_the_pages_asks_to_confirm_the_stops(login_as, world, coordinator, make):
    running = _impossible_running_match(world, make)
    run = run_now(coordinator, WEEK)
    client, _ = login_as(Role.COORDINATOR)
    review_page = client.get(f"{BASE}/runs/{run.id}/review").get_data(as_text=True)
    assert "Alle nieuwe en ongewijzigde voorstellen accepteren" in review_page
    response = client.post_form(f"{BASE}/runs/{run.id}/accept-all")
    assert response.headers["Location"].endswith(f"/runs/{run.id}/stops")
    page = client.get(f"{BASE}/runs/{run.id}/stops").get_data(as_text=True)
    assert world["yonas"].full_name in page and "Tuin" in page
    assert "Volgens het plan stopt 1 lopende koppeling." in page
    db.session.expire_all()
    assert running.status == MatchStatus.ACTIVE
    stop = next(p for p in proposals(run, "end") if p.match_id == running.id)
    assert stop.decision == Decision.PENDING
    client.post_form(f"{BASE}/runs/{run.id}/accept-stops", {"stop": f"{stop.id}:{stop.version}"})
    db.session.expire_all()
    assert db.session.get(type(stop), stop.id).decision == Decision.ACCEPTED


def test_a_bad_stop_list_is_refused_plainly(login_as, world, coordinator, make):
    _impossible_running_match(world, make)
    run = run_now(coordinator, WEEK)
    client, _ = login_as(Role.COORDINATOR)
    for bad in ("1;DROP", "²:1", "1:", "9" * 40 + ":1"):
        response = client.post_form(f"{BASE}/runs/{run.id}/accept-stops", {"stop": bad})
        assert response.status_code == 400


def test_a_shortened_match_is_one_changed_proposal(login_as, world, coordinator, make):
    running = _running(world, make, ("mon-am", "tue-am"))
    world["yonas"].availability = to_mask(["mon-am", "wed-am"])  # tue-am no longer
    db.session.commit()
    run = run_now(coordinator, WEEK)
    mine = [p for p in proposals(run) if p.participant_id == world["yonas"].id]
    assert [p.action for p in mine if p.match_id == running.id] == []  # no "stopt" row
    (change,) = [p for p in mine if p.replaces_id == running.id]
    assert change.action == ProposalAction.ADD
    assert change.reasons[0] == {
        "code": "dayparts_changed",
        "data": {"before": ["mon-am", "tue-am"], "after": ["mon-am", "wed-am"]},
    }
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(f"{BASE}/runs/{run.id}/review").get_data(as_text=True)
    row = page[page.index(f'id="proposal-{change.id}"') :].split("</tr>")[0]
    assert "gewijzigd" in row and "<del>" in row and "loopt al" not in row
    review.decide(coordinator, run, change.id, "accept")
    changes = confirm.confirm_run(coordinator, run)
    db.session.commit()
    assert running.status == MatchStatus.ENDED
    assert change.match.status == MatchStatus.ACTIVE
    assert {("ended", running.id), ("new", change.match_id)} <= {
        (c.action, c.match.id) for c in changes
    }


def test_rejecting_a_change_keeps_the_running_match_and_forgets_nothing(world, coordinator, make):
    running = _running(world, make, ("mon-am", "tue-am"))
    world["yonas"].availability = to_mask(["mon-am", "wed-am"])
    db.session.commit()
    run = run_now(coordinator, WEEK)
    (change,) = [p for p in proposals(run) if p.replaces_id == running.id]
    review.decide(coordinator, run, change.id, "reject")
    confirm.confirm_run(coordinator, run)
    db.session.commit()
    assert running.status == MatchStatus.ACTIVE
    assert rejections.of_participant(world["yonas"].id) == []  # not a refused pairing


def test_the_participant_page_shows_the_rejection_and_lifts_it(login_as, world, coordinator):
    _reject_garden_for_amina(world, coordinator)
    client, user = login_as(Role.COORDINATOR, name="Anna de Vries")
    url = f"/deelnemers/{world['amina'].id}"
    page = client.get(url, follow_redirects=True).get_data(as_text=True)
    assert "Afgewezen koppelingen" in page and "Afwijzing opheffen" in page
    assert coordinator.name in page and "Tuin" in page
    (standing,) = rejections.of_participant(world["amina"].id)
    lift = f"{BASE}/afwijzingen/{standing.id}/opheffen"
    assert client.post(lift).status_code == 400  # no CSRF token
    response = client.post_form(lift, follow_redirects=True)
    assert "Afwijzing opgeheven" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(MatchRejection, standing.id).lifted_by_id == user.id
    assert (
        db.session.scalar(
            select(func.count()).where(
                AuditEvent.action == "lift_rejection", AuditEvent.entity_id == standing.id
            )
        )
        == 1
    )
    again = client.post_form(lift, follow_redirects=True).get_data(as_text=True)
    assert "heeft deze afwijzing al opgeheven" in again
    assert client.post_form(f"{BASE}/afwijzingen/999999/opheffen").status_code == 404


def test_coaches_do_not_see_or_lift_rejections(login_as, world, coordinator):
    _reject_garden_for_amina(world, coordinator)
    (standing,) = rejections.of_participant(world["amina"].id)
    coach, _ = login_as(Role.COACH)
    response = coach.post_form(f"{BASE}/afwijzingen/{standing.id}/opheffen")
    assert response.status_code in (403, 404)
    assert db.session.get(MatchRejection, standing.id).lifted_at is None


def test_two_coordinators_lifting_at_once_lift_once(login_as, world, coordinator, monkeypatch):
    _reject_garden_for_amina(world, coordinator)
    (standing,) = rejections.of_participant(world["amina"].id)
    (anna, _), (bram, _) = login_as(Role.COORDINATOR), login_as(Role.COORDINATOR)
    wait_at_barrier_before(monkeypatch, rejections, "lift")
    url = f"{BASE}/afwijzingen/{standing.id}/opheffen"
    pages = in_parallel(
        lambda: anna.post_form(url, follow_redirects=True).get_data(as_text=True),
        lambda: bram.post_form(url, follow_redirects=True).get_data(as_text=True),
    )
    assert sum("Afwijzing opgeheven" in p for p in pages) == 1
    assert sum("al opgeheven" in p for p in pages) == 1
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).where(AuditEvent.action == "lift_rejection")) == 1


def test_two_coordinators_rejecting_the_same_pairing_at_once_leave_one(
    login_as, world, coordinator, monkeypatch
):
    first = run_now(coordinator, WEEK)
    second = run_now(coordinator, WEEK)
    (a,) = _proposed(first, world["amina"], world["garden"])
    (b,) = _proposed(second, world["amina"], world["garden"])
    (anna, _), (bram, _) = login_as(Role.COORDINATOR), login_as(Role.COORDINATOR)
    wait_at_barrier_before(monkeypatch, review, "decide")
    urls = [f"{BASE}/runs/{run.id}/proposals/{p.id}" for run, p in ((first, a), (second, b))]
    pages = in_parallel(
        lambda: anna.post_form(urls[0], {"choice": "reject"}, follow_redirects=True),
        lambda: bram.post_form(urls[1], {"choice": "reject"}, follow_redirects=True),
    )
    assert all("intussen" not in p.get_data(as_text=True) for p in pages)
    db.session.expire_all()
    assert len(rejections.of_participant(world["amina"].id)) == 1
    assert {db.session.get(type(a), x.id).decision for x in (a, b)} == {Decision.REJECTED}


def test_a_pinned_match_the_coordinator_rejects_ends_next_run(world, coordinator, make):
    running = make.match(world["yonas"], placement=world["garden"], dayparts=("mon-am",))
    running.pinned = True
    db.session.commit()
    run = run_now(coordinator, WEEK)
    (keep,) = [p for p in proposals(run, "keep") if p.match_id == running.id]
    review.decide(coordinator, run, keep.id, "reject")
    db.session.commit()
    later = run_now(coordinator, date(2026, 11, 23))
    (end,) = [p for p in proposals(later, "end") if p.match_id == running.id]
    assert end.reasons == [{"code": "rejected_pairing", "data": {}}]
    assert not db.session.scalars(
        select(Match).where(
            Match.placement_id == world["garden"].id,
            Match.run_id == later.id,
            Match.participant_id == world["yonas"].id,
        )
    ).all()
