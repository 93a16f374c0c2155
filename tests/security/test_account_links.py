"""Invitations and password resets (issue 16): one-time links that expire, work once, end every
session, never tell whether an address has an account, and never take their host from the
request."""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select, update

from matcher.extensions import db
from matcher.models import AccountLink, LinkPurpose, OutboxMessage, Role, User
from matcher.services import account_links, accounts, invitations
from matcher.services.errors import ValidationFailed
from tests.factories import PASSWORD

NEW_PASSWORD = "Lente-in-Almelo-2027"
LINK = re.compile(r"https?://\S+")
CSRF_VALUE = re.compile(r'name="csrf_token"[^>]*value="[^"]+"')


def _mails_to(address: str) -> list[OutboxMessage]:
    db.session.expire_all()
    query = select(OutboxMessage).where(OutboxMessage.to_address == address)
    return list(db.session.scalars(query))


def _secret_in(message: OutboxMessage) -> tuple[str, str]:
    url = LINK.search(message.body).group(0)
    parts = urlsplit(url)
    return url, parse_qs(parts.query)["t"][0]


def test_a_link_works_once_and_ends_every_session(app_ctx, make):
    user = make.user(Role.COACH)
    before = user.session_token
    secret = account_links.issue(user, LinkPurpose.RESET, None)
    stored = db.session.scalar(select(AccountLink.token_hash))
    assert secret not in stored and len(secret) >= 40  # only a hash is kept; 256 random bits
    account_links.use(secret, LinkPurpose.RESET, NEW_PASSWORD)
    assert accounts.authenticate(user.email, NEW_PASSWORD) is not None
    assert user.session_token != before
    with pytest.raises(account_links.LinkNotUsable):
        account_links.use(secret, LinkPurpose.RESET, "Nog-een-ander-2027")
    assert accounts.authenticate(user.email, NEW_PASSWORD) is not None


def test_a_link_of_one_purpose_does_not_work_for_the_other(app_ctx, make):
    user = make.user(Role.VOLUNTEER)
    secret = account_links.issue(user, LinkPurpose.RESET, None)
    with pytest.raises(account_links.LinkNotUsable):
        account_links.use(secret, LinkPurpose.INVITATION, NEW_PASSWORD)


def test_expired_revoked_and_replaced_links_are_refused(app_ctx, make):
    user = make.user(Role.COORDINATOR)
    old = account_links.issue(user, LinkPurpose.RESET, None)
    new = account_links.issue(user, LinkPurpose.RESET, None)  # ends the old one
    assert account_links.usable(old, LinkPurpose.RESET) is None
    assert account_links.usable(new, LinkPurpose.RESET) is not None
    db.session.execute(
        update(AccountLink).values(
            created_at=datetime.now(UTC) - timedelta(hours=2),
            expires_at=datetime.now(UTC) - timedelta(minutes=1),
        )
    )
    with pytest.raises(account_links.LinkNotUsable):
        account_links.use(new, LinkPurpose.RESET, NEW_PASSWORD)
    assert account_links.usable("", LinkPurpose.RESET) is None
    assert account_links.usable("x" * 500, LinkPurpose.RESET) is None


def test_a_weak_password_leaves_the_link_usable(app_ctx, make):
    user = make.user(Role.VOLUNTEER)
    secret = account_links.issue(user, LinkPurpose.INVITATION, None)
    with pytest.raises(ValidationFailed) as refused:
        account_links.use(secret, LinkPurpose.INVITATION, "kort")
    assert refused.value.code == "password_too_short"
    assert account_links.usable(secret, LinkPurpose.INVITATION) is not None


def test_a_link_used_meanwhile_is_used_once(app_ctx, make, monkeypatch):
    """Two requests with one link: the conditional UPDATE lets only the first through."""
    user = make.user(Role.VOLUNTEER)
    secret = account_links.issue(user, LinkPurpose.RESET, None)
    link = account_links.usable(secret, LinkPurpose.RESET)
    db.session.execute(update(AccountLink).values(used_at=datetime.now(UTC)))  # the other one
    monkeypatch.setattr(account_links, "usable", lambda *_: link)  # it looked before that
    with pytest.raises(account_links.LinkNotUsable):
        account_links.use(secret, LinkPurpose.RESET, NEW_PASSWORD)
    assert accounts.authenticate(user.email, NEW_PASSWORD) is None


def test_forgotten_password_answers_the_same_for_any_address(app, client, make):
    with app.app_context():
        user = make.user(Role.COACH)
        email = user.email
    pages = []
    for address in (email, "niemand-hier@gemeente.example"):
        response = client.post_form("/wachtwoord-vergeten", {"email": address})
        page = CSRF_VALUE.sub("", response.get_data(as_text=True))  # a token per request
        pages.append((response.status_code, page))
    assert pages[0] == pages[1] and pages[0][0] == 200
    assert "Kijk in uw e-mail" in pages[0][1]
    with app.app_context():
        assert len(_mails_to(email)) == 1
        assert _mails_to("niemand-hier@gemeente.example") == []
        assert db.session.scalar(select(func.count(AccountLink.id))) == 1


def test_the_link_in_the_mail_ignores_a_forged_host(app, client, make):
    """Password-reset poisoning: the link's host is PUBLIC_URL, not the request's Host."""
    from matcher.web.auth.link_views import link_url

    with app.test_request_context("/wachtwoord-vergeten", base_url="http://aanvaller.example"):
        url = link_url("auth.reset_password", "geheim")
    assert url == app.config["PUBLIC_URL"] + "/wachtwoord-instellen?t=geheim"
    with app.app_context():
        email = make.user(Role.COACH).email
    client.post_form("/wachtwoord-vergeten", {"email": email})
    with app.app_context():
        sent, _secret = _secret_in(_mails_to(email)[0])
    assert sent.startswith(app.config["PUBLIC_URL"] + "/wachtwoord-instellen?t=")


def test_reset_through_the_page_logs_out_everywhere(app, login_as):
    browser, user = login_as(Role.COACH)
    with app.app_context():
        email = user.email
    assert browser.get("/").status_code in (200, 302)
    other = app.test_client()
    other.post_form("/wachtwoord-vergeten", {"email": email})
    with app.app_context():
        _url, secret = _secret_in(_mails_to(email)[0])
    page = other.get(f"/wachtwoord-instellen?t={secret}")
    assert page.status_code == 200 and "Nieuw wachtwoord kiezen" in page.get_data(as_text=True)
    mismatch = other.post_form(
        "/wachtwoord-instellen", {"token": secret, "password": NEW_PASSWORD, "repeat": "anders"}
    )
    assert mismatch.status_code == 400
    assert "niet gelijk" in mismatch.get_data(as_text=True)
    done = other.post_form(
        "/wachtwoord-instellen", {"token": secret, "password": NEW_PASSWORD, "repeat": NEW_PASSWORD}
    )
    assert done.status_code == 302 and done.headers["Location"].endswith("/inloggen")
    assert browser.get("/coach/").status_code == 302  # the old session has ended
    again = other.get(f"/wachtwoord-instellen?t={secret}")
    assert again.status_code == 410
    assert "Deze link werkt niet meer" in again.get_data(as_text=True)
    login = app.test_client().post_form("/inloggen", {"email": email, "password": NEW_PASSWORD})
    assert login.status_code == 302
    old = app.test_client().post_form("/inloggen", {"email": email, "password": PASSWORD})
    assert old.status_code == 200  # the old password no longer works


def test_two_step_verification_stays_on_after_a_reset(app, client, make):
    with app.app_context():
        user = make.user(Role.COACH)
        user.totp_secret = "JBSWY3DPEHPK3PXP"
        db.session.commit()
        email = user.email
        secret = account_links.issue(user, LinkPurpose.RESET, None)
        db.session.commit()
    client.post_form(
        "/wachtwoord-instellen", {"token": secret, "password": NEW_PASSWORD, "repeat": NEW_PASSWORD}
    )
    step = app.test_client().post_form("/inloggen", {"email": email, "password": NEW_PASSWORD})
    assert step.status_code == 302 and step.headers["Location"].endswith("/inloggen/code")


def test_a_coordinator_invites_a_volunteer_who_lands_in_the_portal(app, login_as, make):
    coordinator_client, coordinator = login_as(Role.COORDINATOR)
    address = "nieuwe.taalmaatje@vrijwilliger.example"
    volunteer_id = make.volunteer(email=address).id
    sent = coordinator_client.post_form(f"/vrijwilligers/{volunteer_id}/uitnodigen")
    assert sent.status_code == 302
    page = coordinator_client.get(f"/vrijwilligers/{volunteer_id}").get_data(as_text=True)
    assert "Uitgenodigd" in page and "Opnieuw uitnodigen" in page
    (message,) = _mails_to(address)
    assert coordinator.name in message.body
    _url, secret = _secret_in(message)
    visitor = app.test_client()
    assert visitor.get(f"/uitnodiging?t={secret}").status_code == 200
    done = visitor.post_form(
        "/uitnodiging", {"token": secret, "password": NEW_PASSWORD, "repeat": NEW_PASSWORD}
    )
    assert done.status_code == 302
    portal = visitor.get("/", follow_redirects=True)
    assert portal.status_code == 200 and "/vrijwilliger/" in portal.request.path
    user = db.session.scalar(select(User).where(User.email == address))
    assert user.role == Role.VOLUNTEER and user.password_hash
    refused = coordinator_client.post_form(f"/vrijwilligers/{volunteer_id}/uitnodigen")
    assert refused.status_code == 302  # flashed on the volunteer's page: has an account
    assert "heeft al een account" in coordinator_client.get(refused.headers["Location"]).get_data(
        as_text=True
    )


def test_inviting_again_ends_the_first_link_and_revoking_ends_the_second(app_ctx, make):
    coordinator = make.user(Role.COORDINATOR)
    volunteer = make.volunteer(email="tweemaal@vrijwilliger.example")
    _user, first = invitations.invite_volunteer(coordinator, volunteer)
    _user, second = invitations.invite_volunteer(coordinator, volunteer)
    assert account_links.usable(first, LinkPurpose.INVITATION) is None
    assert invitations.open_invitation(volunteer.user) is not None
    assert invitations.revoke_invitation(coordinator, volunteer) == 1
    assert account_links.usable(second, LinkPurpose.INVITATION) is None


def test_an_address_of_another_role_is_not_invited(app_ctx, make):
    coach = make.user(Role.COACH)
    volunteer = make.volunteer(email=coach.email)
    with pytest.raises(ValidationFailed) as refused:
        invitations.invite_volunteer(make.user(Role.COORDINATOR), volunteer)
    assert refused.value.code == "invitation.email_other_role"
    without = make.volunteer(email="")
    with pytest.raises(ValidationFailed):
        invitations.invite_volunteer(make.user(Role.COORDINATOR), without)


def test_the_admin_sees_and_ends_open_invitations(app, login_as, make):
    admin_client, _admin = login_as(Role.ADMIN)
    volunteer = make.volunteer(email="open@vrijwilliger.example")
    _user, secret = invitations.invite_volunteer(make.user(Role.COORDINATOR), volunteer)
    db.session.commit()
    link_id = db.session.scalar(select(AccountLink.id))
    listing = admin_client.get("/beheer/uitnodigingen").get_data(as_text=True)
    assert "open@vrijwilliger.example" in listing
    ended = admin_client.post_form(f"/beheer/uitnodigingen/{link_id}/beeindigen")
    assert ended.status_code == 302
    db.session.expire_all()
    assert account_links.usable(secret, LinkPurpose.INVITATION) is None
    assert "open@vrijwilliger.example" not in admin_client.get("/beheer/uitnodigingen").get_data(
        as_text=True
    )


def test_the_link_pages_without_a_link_lead_to_where_one_is_got(client):
    assert client.get("/wachtwoord-instellen").headers["Location"].endswith("/wachtwoord-vergeten")
    assert client.get("/uitnodiging").headers["Location"].endswith("/inloggen")
    unknown = client.get("/uitnodiging?t=verzonnen")
    assert unknown.status_code == 410 and "coördinator" in unknown.get_data(as_text=True)


def test_a_coordinator_invites_a_host_contact_from_the_placement_page(app, login_as, make):
    coordinator_client, _coordinator = login_as(Role.COORDINATOR)
    host = make.user(Role.VOLUNTEER, email="gastheer@kringloop.example", password=None)
    placement = make.placement(contact_user=host)
    page = coordinator_client.get(f"/plekken/{placement.id}").get_data(as_text=True)
    assert "Uitnodigen voor het portaal" in page
    sent = coordinator_client.post_form(f"/plekken/{placement.id}/contact-uitnodigen")
    assert sent.status_code == 302 and sent.headers["Location"].endswith("#portal")
    page = coordinator_client.get(f"/plekken/{placement.id}").get_data(as_text=True)
    assert "Uitgenodigd" in page and "Opnieuw uitnodigen" in page
    (message,) = _mails_to("gastheer@kringloop.example")
    _url, secret = _secret_in(message)
    again = coordinator_client.post_form(f"/plekken/{placement.id}/contact-uitnodigen")
    assert again.status_code == 302
    assert account_links.usable(secret, LinkPurpose.INVITATION) is None  # the first link ended
    coordinator_client.post_form(f"/plekken/{placement.id}/contact-uitnodiging-intrekken")
    assert invitations.open_invitation(host) is None
    page = coordinator_client.get(f"/plekken/{placement.id}").get_data(as_text=True)
    assert "Uitnodigen voor het portaal" in page


def test_a_placement_without_contact_or_with_an_account_is_not_invited(app, login_as, make):
    coordinator_client, _coordinator = login_as(Role.COORDINATOR)
    without = make.placement()
    refused = coordinator_client.post_form(f"/plekken/{without.id}/contact-uitnodigen")
    assert refused.status_code == 302
    assert "Kies eerst een contactpersoon" in coordinator_client.get(
        refused.headers["Location"]
    ).get_data(as_text=True)
    host = make.user(Role.VOLUNTEER, email="heeft.account@kringloop.example")
    with_account = make.placement(contact_user=host)
    page = coordinator_client.get(f"/plekken/{with_account.id}").get_data(as_text=True)
    assert "kan inloggen op het portaal" in page and "Uitnodigen voor het portaal" not in page
    coordinator_client.post_form(f"/plekken/{with_account.id}/contact-uitnodigen")
    assert _mails_to("heeft.account@kringloop.example") == []
