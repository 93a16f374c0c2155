"""matcher: weekly matching of Z-route participants to placements, taalmaatjes and buddies.

The package itself imports nothing heavy, so that `import matcher.solver` stays free of Flask and
SQLAlchemy; the web application is built by `create_app()` from matcher.app.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: dict | None = None) -> "Flask":
    """Build the Flask application (see matcher.app.create_app)."""
    from matcher.app import create_app as build

    return build(test_config)
