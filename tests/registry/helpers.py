"""Small helpers for the registry tests."""

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import AuditEvent


def audit_events(entity: str) -> list[AuditEvent]:
    """Audit events of one entity kind, oldest first."""
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.entity == entity).order_by(AuditEvent.id)
        )
    )


def text(response) -> str:
    return response.get_data(as_text=True)
