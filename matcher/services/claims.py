"""Taking a queued background job: one conditional update, so of two workers exactly one runs it."""

from sqlalchemy import update

from matcher.extensions import db
from matcher.models.people import utcnow
from matcher.services.matching.runs import worker_identity


def claim_queued(model: type, record_id: int) -> str | None:
    """Mark the queued record running for this worker (commits); its identity, or None when
    another worker took it or it is no longer queued."""
    worker = worker_identity()
    taken = db.session.execute(
        update(model)
        .where(model.id == record_id, model.status == "queued")
        .values(status="running", heartbeat_at=utcnow(), worker=worker)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return worker if taken == 1 else None
