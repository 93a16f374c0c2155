"""Fixtures of the security tests: a client per role with a world of objects around it."""

import pytest

from matcher.models import Role
from tests.security.routes import World


@pytest.fixture
def world_for(login_as, make):
    """Log in as `role`; return the client and a World of reachable and unreachable objects."""

    def build(role: Role):
        client, user = login_as(role)
        return client, World(make, user)

    return build


@pytest.fixture
def rules(app):
    """Every rule of the app's URL map except static files."""
    return sorted(
        (r for r in app.url_map.iter_rules() if r.endpoint != "static"), key=lambda r: r.rule
    )
