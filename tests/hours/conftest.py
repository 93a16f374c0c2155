"""Helpers for the hours tests: entries written straight to the database."""

from datetime import date

import pytest

from matcher.extensions import db
from matcher.models import ActivityKind, HoursEntry, HoursStatus


@pytest.fixture
def add_hours(app_ctx):
    """Add one HoursEntry (approved placement hours unless told otherwise)."""

    def add(participant, on: date, hours: float = 3, **kw) -> HoursEntry:
        kind = kw.pop("activity_kind", ActivityKind.PLACEMENT)
        entry = HoursEntry(
            participant_id=participant.id,
            entry_date=on,
            activity_kind=kind,
            hours=hours,
            counts_toward_target=kind.counts_toward_target and kw.get("absence_kind") is None,
            status=kw.pop("status", HoursStatus.APPROVED),
            **kw,
        )
        db.session.add(entry)
        db.session.commit()
        return entry

    return add


@pytest.fixture(autouse=True)
def _dutch_request(request):
    """Service tests run inside a (Dutch) request context, as services do in the app."""
    if "app_ctx" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app_ctx")
    with app.test_request_context():
        yield
