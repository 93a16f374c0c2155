"""Inzage (export) and erasure: for the participant's own coach only, complete, and audited."""

import json
from datetime import date

from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import (
    AuditEvent,
    Erasure,
    HoursEntry,
    Match,
    Participant,
    ParticipantStatus,
    ProgressMeeting,
    Role,
)
from matcher.services import privacy


def _hours(participant, hours=3.5, reason=""):
    entry = HoursEntry(
        participant_id=participant.id,
        entry_date=date(2026, 2, 2),
        activity_kind="placement",
        hours=hours,
        counts_toward_target=True,
        decision_reason=reason,
    )
    db.session.add(entry)
    db.session.commit()
    return entry


def _caseload(login_as, make):
    client, coach = login_as(Role.COACH)
    participant = make.participant(coach=coach, notes="Vertrouwelijke notitie", postcode="7511 AB")
    return client, coach, participant


def test_every_table_that_refers_to_participants_has_an_erase_policy(app_ctx):
    unclassified = set(privacy.referring_columns()) - set(privacy.ERASE_POLICY)
    assert not unclassified, f"add these tables to privacy.ERASE_POLICY: {sorted(unclassified)}"


def test_json_export_holds_everything_and_is_audited(login_as, make):
    client, coach, participant = _caseload(login_as, make)
    _hours(participant)
    make.match(participant, placement=make.placement())
    response = client.get(f"/privacy/deelnemers/{participant.id}/inzage.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["participant"]["last_name"] == participant.last_name
    assert data["participant"]["notes"] == "Vertrouwelijke notitie"
    assert data["coach"]["email"] == coach.email
    assert set(privacy.referring_columns()) <= set(data["related"])
    assert [row["hours"] for row in data["related"]["hours_entries"]] == [3.5]
    assert len(data["related"]["matches"]) == 1
    assert db.session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "export", AuditEvent.entity_id == participant.id
        )
    )


def test_html_export_is_readable_and_lists_who_looked(login_as, make):
    client, _coach, participant = _caseload(login_as, make)
    client.get(f"/deelnemers/{participant.id}")  # opening the profile is logged
    page = client.get(f"/privacy/deelnemers/{participant.id}/inzage").get_data(as_text=True)
    assert "<h1>Inzage deelnemer" in page
    assert "Vertrouwelijke notitie" in page
    assert "Wie heeft het profiel bekeken of gewijzigd" in page
    assert ">view<" in page


def test_other_roles_and_other_coaches_cannot_export_or_erase(login_as, make):
    owner = make.user(Role.COACH)
    participant = make.participant(coach=owner)
    for role in (Role.COACH, Role.COORDINATOR, Role.VOLUNTEER, Role.ADMIN):
        client, _user = login_as(role)
        for url in ("", "/inzage", "/inzage.json"):
            assert client.get(f"/privacy/deelnemers/{participant.id}{url}").status_code in {
                403,
                404,
            }
        response = client.post_form(
            f"/privacy/deelnemers/{participant.id}/wissen", {"confirm": "y"}
        )
        assert response.status_code in {403, 404}
    db.session.expire_all()
    assert db.session.get(Participant, participant.id).last_name == participant.last_name


def test_erase_needs_confirmation(login_as, make):
    client, _coach, participant = _caseload(login_as, make)
    response = client.post_form(f"/privacy/deelnemers/{participant.id}/wissen", {})
    assert response.status_code == 400
    assert "Vink aan dat u het wissen bevestigt." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Erasure)) == 0


def test_erase_anonymises_keeps_hours_totals_and_is_audited(login_as, make):
    client, coach, participant = _caseload(login_as, make)
    _hours(participant, 4, reason="Afgekeurd wegens ziekte")
    _hours(participant, 2.5)
    match = make.match(participant, placement=make.placement())
    db.session.add(
        ProgressMeeting(participant_id=participant.id, held_on=date(2026, 3, 1), summary="Gesprek")
    )
    db.session.commit()
    response = client.post_form(f"/privacy/deelnemers/{participant.id}/wissen", {"confirm": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    erased = db.session.get(Participant, participant.id)
    assert erased.first_name == "Geanonimiseerd" and erased.last_name == ""
    assert (erased.notes, erased.functional_limits, erased.postcode) == ("", "", "")
    assert erased.coach_id is None and erased.status == ParticipantStatus.FINISHED
    assert erased.pip_date == date(2026, 1, 1)
    total = db.session.scalar(
        select(func.sum(HoursEntry.hours)).where(HoursEntry.participant_id == participant.id)
    )
    assert total == 6.5
    reasons = db.session.scalars(select(HoursEntry.decision_reason)).all()
    assert reasons == ["", ""]
    assert db.session.get(Match, match.id) is not None
    assert db.session.scalar(select(func.count()).select_from(ProgressMeeting)) == 0
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "erase"))
    assert (event.actor_id, event.entity_id) == (coach.id, participant.id)
    assert "notes" in event.fields and "Vertrouwelijke" not in json.dumps(event.fields)
    # erased participants leave the caseload and cannot be erased or exported again
    assert client.get(f"/privacy/deelnemers/{participant.id}").status_code == 404


def test_profile_view_is_audited(login_as, make):
    client, user = login_as(Role.COORDINATOR)
    participant = make.participant()
    assert client.get(f"/deelnemers/{participant.id}").status_code == 200
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "view"))
    assert (event.actor_id, event.entity, event.entity_id) == (
        user.id,
        "participant",
        participant.id,
    )
