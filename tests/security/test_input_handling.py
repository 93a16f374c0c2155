"""Hostile input in every form the app renders: script in every free-text field is shown back
escaped, SQL metacharacters in every search box are just text, upload names cannot climb out
of the upload folder. The forms are found by crawling every page each role may open."""

import io
from pathlib import Path

import pytest
from sqlalchemy import inspect
from werkzeug.datastructures import MultiDict

from matcher.extensions import db
from matcher.models import Role
from tests.security.forms import read_forms
from tests.security.routes import ALL_ROLES, PUBLIC, admits, admitted, object_params, snapshot
from tests.security.test_route_access import _url, _without_audit

XSS = '"><script>alert(1)</script>'
XSS_RAW = "<script>alert(1)</script>"
XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
SQL_PAYLOADS = ["' OR '1'='1", "'; DROP TABLE participants; --", '" OR ""="', "%", "_", "\\", "1)"]
SKIPPED_ACTIONS = ("/taal", "/uitloggen")


def _pages(app, rules, role, world) -> dict[str, str]:
    """Every HTML page this role may GET, fetched once: {url: html}."""
    client = world.client
    pages = {}
    for rule in rules:
        if "GET" not in rule.methods or admitted(rule) == PUBLIC or not admits(rule, role):
            continue
        url = _url(app, rule, {p: world.reachable(p) for p in object_params(rule)})
        response = client.get(url)
        if response.status_code == 200 and response.mimetype == "text/html":
            pages[url] = response.get_data(as_text=True)
    return pages


@pytest.fixture
def crawl(app, rules, world_for):
    def run(role: Role, prepare=None):
        client, world = world_for(role)
        world.client = client
        if prepare is not None:
            prepare(world)
        return client, world, _pages(app, rules, role, world)

    return run


def _post_forms(pages):
    for url, html in pages.items():
        for form in read_forms(html, url):
            if form.method == "post" and not form.action.startswith(SKIPPED_ACTIONS):
                yield url, form


@pytest.mark.parametrize("role", ALL_ROLES, ids=lambda r: r.value)
def test_script_in_every_free_text_field_is_rendered_escaped(crawl, role):
    client, _world, pages = crawl(role)
    raw, fields_tried = [], 0
    for _page, form in _post_forms(pages):
        if form.has_file:
            continue
        for text_field in form.text_fields():
            fields_tried += 1
            data = MultiDict(form.values({text_field.name: XSS}))
            response = client.post(form.action, data=data)  # flashes show in the re-crawl
            body = response.get_data(as_text=True)
            if response.status_code >= 500 or XSS_RAW in body:
                raw.append(f"{form.action} [{text_field.name}] -> {response.status_code}")
    shown_back = 0
    for url in pages:  # where stored text is shown again
        body = client.get(url).get_data(as_text=True)
        assert XSS_RAW not in body, f"{url} renders a stored script unescaped"
        shown_back += XSS_ESCAPED in body
    assert not raw, "\n".join(raw)
    if role == Role.COORDINATOR:
        assert fields_tried >= 10 and shown_back >= 1  # the crawl really found and stored text


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COACH, Role.ADMIN], ids=str)
def test_sql_metacharacters_in_every_search_box_are_plain_text(crawl, role):
    client, _world, pages = crawl(role)
    searched = 0
    for url, html in pages.items():
        for form in read_forms(html, url):
            if form.method != "get":
                continue
            for box in form.text_fields():
                for payload in SQL_PAYLOADS:
                    searched += 1
                    response = client.get(
                        form.action, query_string=MultiDict(form.values({box.name: payload}))
                    )
                    assert response.status_code in {200, 400, 422}, (url, box.name, payload)
                    assert "Onbereikbaar" not in response.get_data(as_text=True)
    with db.engine.connect() as connection:
        assert "participants" in inspect(connection).get_table_names()
    assert searched > 0


def test_or_injection_in_the_participant_search_finds_nobody(login_as, make):
    client, coach = login_as(Role.COACH)
    make.participant(coach=coach, first_name="Fatima", last_name="Zahra")
    page = client.get("/deelnemers/", query_string={"q": "' OR '1'='1"}).get_data(as_text=True)
    assert "Fatima" not in page


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def test_upload_file_names_cannot_climb_out_of_the_upload_folder(app, crawl, tmp_path):
    client, _world, pages = crawl(Role.COORDINATOR)
    uploads = [form for _page, form in _post_forms(pages) if form.has_file]
    assert uploads, "no upload form found"
    template = client.get("/import/sjabloon/participants.csv").get_data()
    instance = Path(app.instance_path)
    names = ["../../../../evil-upload.csv", "..\\..\\evil-upload.csv", "/tmp/evil-upload.csv"]  # noqa: S108
    for form in uploads:
        file_field = next(f.name for f in form.fields if f.kind == "file")
        for name in names:
            before = _files_under(instance)
            data = dict(form.values({"kind": "participants"}))
            data[file_field] = (io.BytesIO(template), name)
            response = client.post(form.action, data=data, content_type="multipart/form-data")
            assert response.status_code < 500, name
            created = _files_under(instance) - before
            for path in created:
                assert "evil" not in path.name and ".." not in path.name
                assert path.resolve().is_relative_to(instance.resolve())
    for place in (instance.parent, instance.parent.parent, Path("/tmp")):  # noqa: S108
        assert not (place / "evil-upload.csv").exists()


# Form fields that carry an object id, by name, and the kind of object they name.
BODY_ID_FIELDS = {
    "match": "match_id",
    "match_id": "match_id",
    "participant": "participant_id",
    "participant_id": "participant_id",
    "entry": "entry_id",
    "entry_id": "entry_id",
    "volunteer": "volunteer_id",
    "volunteer_id": "volunteer_id",
    "absence_id": "absence_id",
}


# Valid values for the other fields of forms that carry an id, so only the id decides.
FORM_FILL = {"/vrijwilliger/melden": {"entry_date": "2026-11-16", "hours": "2", "held": "held"}}


def _own_objects(world):
    """Give the user a match, hours and an absence, so forms offer ids to tamper with."""
    for kind in ("match_id", "entry_id", "absence_id"):
        world.reachable(kind)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COACH, Role.VOLUNTEER], ids=str)
def test_ids_in_form_bodies_cannot_point_at_objects_out_of_reach(crawl, role):
    """IDOR through the body: a select or hidden id field set to another person's object."""
    client, world, pages = crawl(role, prepare=_own_objects)
    problems, tried, controls = [], 0, 0
    for _page, form in _post_forms(pages):
        fill = FORM_FILL.get(form.action, {})
        for field in form.fields:
            kind = BODY_ID_FIELDS.get(field.name)
            foreign = world.unreachable(kind) if kind else None
            if foreign is None:
                continue
            before = snapshot()
            data = MultiDict(form.values({**fill, field.name: str(foreign)}))
            response = client.post(form.action, data=data)
            tried += 1
            if _without_audit(snapshot()) != _without_audit(before):
                problems.append(f"{form.action} [{field.name}={foreign}] -> {response.status_code}")
            if fill:  # control: the same form with the user's own id does go through
                client.post(form.action, data=MultiDict(form.values(fill)))
                controls += _without_audit(snapshot()) != _without_audit(before)
    assert not problems, "\n".join(problems)
    if role == Role.VOLUNTEER:
        assert tried > 0 and controls > 0  # the report form names a match
