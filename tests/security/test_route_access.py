"""Every route of the URL map, for every role: the role gate, object-level access (IDOR), CSRF
and oversized bodies. The routes are enumerated, so a new one is tested the moment it exists,
and a route whose blueprint or URL parameters are not classified in routes.py fails here."""

import pytest
from flask import url_for

from matcher.models import Role
from tests.security.routes import (
    ALL_ROLES,
    CHILD_PARAMS,
    KNOWN_OBJECT_PARAMS,
    LOGGED_IN,
    PUBLIC,
    VALUE_PARAMS,
    admits,
    admitted,
    object_params,
    post_with_token,
    snapshot,
)

REFUSED = {403, 404}
# Bodies for POST routes that validate their form before looking up the object: with these the
# request gets past validation, so the object check itself is what is tested.
POST_BODIES = {"matching.decide": {"choice": "accept"}, "privacy.erase": {"confirm": "y"}}


def _methods(rule) -> list[str]:
    return sorted(rule.methods & {"GET", "POST"})


def _url(app, rule, ids: dict) -> str:
    values = {a: VALUE_PARAMS[a] for a in rule.arguments if a in VALUE_PARAMS} | ids
    with app.test_request_context():
        return url_for(rule.endpoint, **values)


def _refused(response) -> bool:
    if response.status_code in REFUSED:
        return True
    return response.status_code == 302 and response.headers["Location"].startswith("/inloggen")


def _send(client, method: str, url: str, csrf: bool = True, endpoint: str = ""):
    if method == "GET":
        return client.get(url)
    body = POST_BODIES.get(endpoint, {})
    return post_with_token(client, url, body) if csrf else client.post(url, data=body)


def _without_audit(state: dict) -> dict:
    """Audit rows aside (a refusal may itself be recorded), nothing may change."""
    return {name: rows for name, rows in state.items() if name != "audit_events"}


def _check(client, method: str, url: str, endpoint: str) -> str | None:
    """Send one request that must be refused; a problem description, or None if it was."""
    before = snapshot() if method == "POST" else None
    response = _send(client, method, url, endpoint=endpoint)
    if method == "GET" and not _refused(response):
        return f"GET {url} -> {response.status_code}"
    if method == "POST":
        if response.status_code not in {302, 400, 403, 404}:
            return f"POST {url} -> {response.status_code}"
        if _without_audit(snapshot()) != _without_audit(before):
            return f"POST {url} -> {response.status_code} but changed the database"
    return None


def test_every_route_is_classified(rules):
    problems = []
    for rule in rules:
        if admitted(rule) is None:
            problems.append(f"{rule.endpoint}: blueprint not in BLUEPRINT_ROLES")
        unknown = set(object_params(rule)) - KNOWN_OBJECT_PARAMS
        if unknown:
            problems.append(f"{rule.endpoint}: URL parameters {sorted(unknown)} not classified")
    assert not problems, "classify these routes in tests/security/routes.py:\n" + "\n".join(
        problems
    )


def test_anonymous_visitors_reach_only_public_routes(app, client, world_for, rules):
    _admin_client, world = world_for(Role.COORDINATOR)
    ids_cache = {}
    failures = []
    for rule in rules:
        if admitted(rule) == PUBLIC:
            continue
        ids = {p: ids_cache.setdefault(p, world.reachable(p)) for p in object_params(rule)}
        url = _url(app, rule, ids)
        for method in _methods(rule):
            response = _send(client, method, url)
            if not _refused(response):
                failures.append(f"{method} {url} -> {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ALL_ROLES, ids=lambda r: r.value)
def test_roles_are_kept_out_of_other_roles_blueprints(app, world_for, rules, role):
    client, world = world_for(role)
    failures = []
    for rule in rules:
        if admits(rule, role) or admitted(rule) is None:
            continue
        url = _url(app, rule, {p: world.reachable(p) for p in object_params(rule)})
        for method in _methods(rule):
            failures.append(_check(client, method, url, rule.endpoint))
    failures = [f for f in failures if f]
    assert not failures, f"{role.value} reached:\n" + "\n".join(failures)


def _idor_scenarios(rule, world):
    """Id sets for the rule in which at least one object is out of the user's reach."""
    params = object_params(rule)
    for target in params:
        foreign = world.unreachable(target)
        if foreign is None:
            continue
        ids = {p: world.reachable(p) for p in params if p != target}
        yield {**ids, target: foreign}
    for child, parent in CHILD_PARAMS.items():
        if child in params and parent in params:
            yield {
                **{p: world.reachable(p) for p in params if p != child},
                child: world.mismatched_child(child),
            }


@pytest.mark.parametrize("role", ALL_ROLES, ids=lambda r: r.value)
def test_objects_out_of_reach_are_refused(app, world_for, rules, role):
    """IDOR: ids of another coach's participant, another volunteer's match, ... are refused."""
    client, world = world_for(role)
    failures, tried = [], 0
    for rule in rules:
        if not admits(rule, role) or not object_params(rule):
            continue
        for ids in _idor_scenarios(rule, world):
            url = _url(app, rule, ids)
            for method in _methods(rule):
                tried += 1
                failures.append(_check(client, method, url, rule.endpoint))
    failures = [f for f in failures if f]
    assert not failures, f"{role.value} reached objects out of reach:\n" + "\n".join(failures)
    if role in (Role.COACH, Role.VOLUNTEER):
        assert tried > 0


def _first_admitted_role(rule) -> Role | None:
    roles = admitted(rule)
    if roles == PUBLIC:
        return None
    if roles == LOGGED_IN:
        return Role.COACH
    return sorted(roles)[0]


def test_every_post_without_csrf_token_is_refused_and_changes_nothing(
    app, client, world_for, rules
):
    worlds = {role: world_for(role) for role in ALL_ROLES}
    failures = []
    for rule in rules:
        if "POST" not in rule.methods or admitted(rule) is None:
            continue
        role = _first_admitted_role(rule)
        user_client, world = worlds[role] if role else (client, worlds[Role.COORDINATOR][1])
        url = _url(app, rule, {p: world.reachable(p) for p in object_params(rule)})
        before = snapshot()
        response = _send(user_client, "POST", url, csrf=False)
        if response.status_code != 400:
            failures.append(f"POST {url} without token -> {response.status_code}")
        elif snapshot() != before:
            failures.append(f"POST {url} without token changed the database")
    assert not failures, "\n".join(failures)


def test_oversized_bodies_are_refused_with_413(app, world_for, rules, monkeypatch):
    """Every POST route refuses a body over MAX_CONTENT_LENGTH (lowered here to keep it fast)."""
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2048)
    worlds = {role: world_for(role) for role in ALL_ROLES}
    failures = []
    for rule in rules:
        if "POST" not in rule.methods or admitted(rule) is None:
            continue
        user_client, world = worlds[_first_admitted_role(rule) or Role.COACH]
        url = _url(app, rule, {p: world.reachable(p) for p in object_params(rule)})
        before = snapshot()
        response = user_client.post(url, data={"csrf_token": "x", "filler": "a" * 4096})
        if response.status_code != 413:
            failures.append(f"POST {url} oversized -> {response.status_code}")
        elif snapshot() != before:
            failures.append(f"POST {url} oversized changed the database")
    assert not failures, "\n".join(failures)
    monkeypatch.undo()


def test_a_real_oversized_upload_is_refused(client, app):
    body = b"a" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post("/inloggen", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "te groot" in response.get_data(as_text=True)
