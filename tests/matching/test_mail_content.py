"""Mail that says enough (issue 13): each message names the activity, the place and address,
the day-part with its clock times, the start or last day in Dutch, the participant's first
name and languages by name, and how to reach the coordinator; every message greets the same
way ("Beste <voornaam>,"). Sent through a real SMTP server (aiosmtpd)."""

from datetime import date, time
from email import message_from_string, policy

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import OutboxMessage, Role
from matcher.services import notifications
from matcher.services.matching import confirm, review
from matcher.services.matching.confirm import Change
from matcher.web.auth import mail as auth_mail
from matcher.web.matching import mail
from tests.matching.conftest import WEEK
from tests.matching.helpers import run_now


def _received(smtp_server, address: str) -> str:
    (raw,) = [m["data"] for m in smtp_server.messages if m["to"] == [address]]
    return message_from_string(raw, policy=policy.default).get_content().replace("\r\n", "\n")


def test_the_mail_for_a_new_taalmaatje_match_says_where_when_from_when_and_whom_to_call(
    app, world, make, smtp_server
):
    coordinator = make.user(Role.COORDINATOR, name="Karin Hoekstra", phone="0546 800 120")
    world["town"].main_place = "Almelo"
    world["amina"].languages = ["tr", "ar"]
    db.session.commit()
    run = run_now(coordinator, WEEK)
    review.accept_all(coordinator, run)
    with app.test_request_context():
        changes = confirm.confirm_run(coordinator, run)
        assert mail.queue_messages(run, changes, coordinator) == 1
    db.session.commit()
    assert notifications.send_pending() == (1, 0)
    body = _received(smtp_server, "henk@vrijwilliger.example")
    assert body.startswith("Beste Henk,\n")
    assert "Nieuw: taalmaatje" in body
    assert "Deelnemer: Amina, Nederlands A0, spreekt Turks, Arabisch" in body
    assert "Wanneer: maandag avond, 19:00–21:00, de tijd kunt u samen verschuiven" in body
    assert "Waar: in Almelo" in body
    assert "Vanaf: maandag 16 november 2026" in body
    assert "Karin Hoekstra, telefoon 0546 800 120" in body
    assert "Achternaam" not in body and " tr" not in body  # first name only; no codes


def test_a_placement_mail_names_the_place_its_address_and_the_clock_times(app, world, make):
    coordinator = make.user(Role.COORDINATOR, name="Karin Hoekstra", phone="0546 800 120")
    garden = world["garden"]
    garden.address, garden.postcode = "Dorpsstraat 1", "7601 AB"
    garden.organisation.name = "Tuinvereniging De Hof"
    garden.organisation.contact_name = "Jannie Wolters"
    garden.organisation.contact_email = "tuin@host.example"
    db.session.commit()
    monday = next(s for s in garden.sessions if s.daypart == "mon-am")
    monday.starts_at, monday.ends_at = time(9, 0), time(12, 0)  # the session's clock times
    started = make.match(world["amina"], placement=garden, starts_on=date(2026, 12, 9))
    ended = make.match(
        world["yonas"], placement=garden, dayparts=("tue-am",), ends_on=date(2026, 12, 13)
    )
    with app.test_request_context():
        changes = [Change("new", started), Change("ended", ended)]
        assert mail.queue_messages(None, changes, coordinator) == 1
    (message,) = db.session.scalars(select(OutboxMessage)).all()
    body = message.body
    assert body.startswith("Beste Jannie,\n")
    assert "Nieuw: Tuin (Tuinvereniging De Hof)" in body
    assert "Wanneer: maandag ochtend, 09:00–12:00" in body
    assert "Waar: Tuinvereniging De Hof, Dorpsstraat 1, 7601 AB" in body
    assert "Vanaf: woensdag 9 december 2026" in body
    assert "Gestopt: Tuin (Tuinvereniging De Hof)" in body
    assert "Wanneer: dinsdag ochtend, 09:00–" in body  # the session's default clock times
    assert "Laatste dag: zondag 13 december 2026" in body
    assert "telefoon 0546 800 120" in body and coordinator.email in body


def test_every_mail_greets_by_first_name(app, make):
    user = make.user(Role.COORDINATOR, name="Jannie Wolters")
    with app.test_request_context():
        auth_mail.warn_after_refused_logins(user, 3)
    (message,) = db.session.scalars(select(OutboxMessage)).all()
    assert message.body.startswith("Beste Jannie,\n\n")


def test_without_a_phone_the_mail_still_says_how_to_reach_the_coordinator(app, world, make):
    coordinator = make.user(Role.COORDINATOR, name="Karin Hoekstra")
    match = make.match(world["amina"], volunteer=world["henk"], dayparts=("mon-ev",))
    with app.test_request_context():
        mail.queue_messages(None, [Change("new", match)], coordinator)
    body = db.session.scalar(select(OutboxMessage.body))
    assert "telefoon" not in body
    assert f"Karin Hoekstra, e-mail {coordinator.email}" in body
