"""The audit trail: who did what to which record, with what result, from where, naming fields
but never their values — kept as a hash chain so that a changed or removed event shows.

Each event's SHA-256 hash covers its own fields and the previous event's hash. Appends are
serialised on the one row of audit_chain_head: the first statement of an append updates that
row (a row lock on PostgreSQL until the transaction ends; the write lock on SQLite), so two
writers never chain onto the same predecessor, and the unique `seq` refuses a fork outright.
The origin is the client address as MATCHER_AUDIT_ORIGIN says: full, truncated or hmac.
"""

import hashlib
import hmac
import ipaddress
import json
from collections.abc import Iterable
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import current_app, has_request_context, request

from matcher.extensions import db
from matcher.models import AuditChainHead, AuditEvent, User
from matcher.models.people import utcnow

GENESIS = "0" * 64
DONE = "done"
REFUSED = "refused"
ORIGIN_POLICIES = ("full", "truncated", "hmac")


def origin_of(address: str | None, policy: str | None = None) -> str:
    """The client address as the organisation's policy keeps it ("" when there is none)."""
    if not address:
        return ""
    policy = policy or current_app.config["AUDIT_ORIGIN"]
    if policy == "full":
        return address[:64]
    if policy == "truncated":
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return ""
        prefix = 24 if ip.version == 4 else 48
        return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
    secret = current_app.config["SECRET_KEY"].encode()
    return "hmac:" + hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()[:32]


def request_origin() -> str:
    """The origin of the current request (behind a proxy as PROXY_FIX_HOPS trusts it)."""
    return origin_of(request.remote_addr) if has_request_context() else ""


def _moment(at: datetime) -> str:
    if at.tzinfo is None:  # SQLite hands back naive datetimes; everything stored is UTC
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(event: AuditEvent, prev_hash: str) -> str:
    """The hash of one event over its fields and its predecessor's hash."""
    body = [
        event.seq,
        _moment(event.at),
        event.actor_id,
        event.action,
        event.entity,
        event.entity_id,
        sorted(event.fields or []),
        event.result,
        event.origin,
        prev_hash,
    ]
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _insert_head():
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(AuditChainHead).values(id=1, events=0, last_hash=GENESIS).on_conflict_do_nothing()


def _advance_head() -> tuple[int, str]:
    """Take the chain's lock and the next place in it: (seq, hash of the event before)."""
    statement = (
        sa.update(AuditChainHead)
        .where(AuditChainHead.id == 1)
        .values(events=AuditChainHead.events + 1)
        .returning(AuditChainHead.events, AuditChainHead.last_hash)
        .execution_options(synchronize_session=False)
    )
    row = db.session.execute(statement).one_or_none()
    if row is None:  # an empty database: start the chain
        db.session.execute(_insert_head())
        row = db.session.execute(statement).one()
    return row[0], row[1]


def record(
    actor: User | None,
    action: str,
    entity: str,
    entity_id: int | None,
    fields: Iterable[str] = (),
    result: str = DONE,
) -> AuditEvent:
    """Append one audit event to the chain (the caller commits with the change itself)."""
    seq, prev_hash = _advance_head()
    event = AuditEvent(
        at=utcnow(),
        actor_id=actor.id if actor is not None else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        fields=sorted(fields),
        result=result,
        origin=request_origin(),
        seq=seq,
        prev_hash=prev_hash,
    )
    event.hash = event_hash(event, prev_hash)
    db.session.add(event)
    with db.session.no_autoflush:  # the event is written with the caller's change
        db.session.execute(
            sa.update(AuditChainHead)
            .where(AuditChainHead.id == 1)
            .values(last_hash=event.hash)
            .execution_options(synchronize_session=False)
        )
    return event


class ChainCheck:
    """The outcome of checking the chain: intact, or the first event whose link breaks."""

    def __init__(self, events: int, broken: AuditEvent | None = None, problem: str = "",
                 broken_seq: int | None = None):  # fmt: skip
        self.events = events
        self.problem = problem
        self.broken_id = broken.id if broken is not None else None
        self.broken_seq = broken.seq if broken is not None else broken_seq

    @property
    def intact(self) -> bool:
        return not self.problem


def _in_order(batch: int):
    """Every event by its place in the chain, a batch at a time."""
    after = 0
    while True:
        events = db.session.execute(  # plain rows: a long trail does not fill the session
            sa.select(*AuditEvent.__table__.columns)
            .where(AuditEvent.seq > after)
            .order_by(AuditEvent.seq)
            .limit(batch)
        ).all()
        yield from events
        if len(events) < batch:
            return
        after = events[-1].seq


def verify_chain(batch: int = 1000) -> ChainCheck:
    """Walk the chain in order: recompute each hash and compare each link with the one before.

    Problems: `changed` (an event's fields no longer give its hash), `link` (its previous hash is
    not its predecessor's), `missing` (events before it are gone), `tail` (events at the end are
    gone: the head counts more than there are).
    """
    prev_hash, expected, last_seq = GENESIS, 1, 0
    for event in _in_order(batch):
        if event.seq != expected:
            return ChainCheck(expected - 1, event, "missing")
        if event.prev_hash != prev_hash:
            return ChainCheck(expected - 1, event, "link")
        if event_hash(event, prev_hash) != event.hash:
            return ChainCheck(expected - 1, event, "changed")
        prev_hash, last_seq, expected = event.hash, event.seq, expected + 1
    head = db.session.get(AuditChainHead, 1)
    if head is not None and (head.events != last_seq or head.last_hash != prev_hash):
        return ChainCheck(last_seq, problem="tail", broken_seq=last_seq + 1)
    return ChainCheck(last_seq)
