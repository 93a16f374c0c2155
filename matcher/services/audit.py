"""The audit trail: who did what to which record, naming fields but never their values."""

from collections.abc import Iterable

from matcher.extensions import db
from matcher.models import AuditEvent, User


def record(
    actor: User | None, action: str, entity: str, entity_id: int | None, fields: Iterable[str] = ()
) -> AuditEvent:
    """Add one audit event to the session (the caller commits with the change itself)."""
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        fields=sorted(fields),
    )
    db.session.add(event)
    return event
