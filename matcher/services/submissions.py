"""One-time submission keys: a create form sent twice makes one record.

A create form carries a random key, made when the form was rendered. `claim` stores the key
(with the record to come) in the same transaction as the create; the primary key makes a second
POST with the same key wait for the first and then fail, after which it is told which record
the first made (`AlreadySubmitted`). Keys older than a day are purged.
"""

import secrets
import string
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from matcher.extensions import db
from matcher.models import FormSubmission
from matcher.services.errors import DomainError, Forbidden

KEY_BYTES = 24
KEEP_FOR = timedelta(days=1)
_KEY_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-_")


class AlreadySubmitted(DomainError):
    """This form was sent before; `record_id` is what the first submission created."""

    code = "submission.already_sent"

    def __init__(self, entity: str, record_id: int | None):
        super().__init__(None, entity=entity, record_id=record_id)
        self.entity, self.record_id = entity, record_id


def new_key() -> str:
    """A fresh key for a create form."""
    return secrets.token_urlsafe(KEY_BYTES)


def valid_key(key: str | None) -> str | None:
    """The key when it looks like one of ours, else None (an old form, or tampering)."""
    if key and 16 <= len(key) <= 64 and set(key) <= _KEY_CHARACTERS:
        return key
    return None


def _earlier(key: str, user: Any, entity: str) -> FormSubmission | None:
    row = db.session.get(FormSubmission, key)
    if row is None:
        return None
    if row.user_id != getattr(user, "id", None) or row.entity != entity:
        raise Forbidden()  # someone else's key: refuse, tell nothing
    return row


def check(key: str | None, user: Any, entity: str) -> None:
    """AlreadySubmitted when this key already made a record (before doing any work)."""
    if key is not None and (row := _earlier(key, user, entity)) is not None:
        raise AlreadySubmitted(entity, row.record_id)


def claim(key: str | None, user: Any, entity: str) -> FormSubmission | None:
    """Store the key in the current transaction, before the create.

    A concurrent POST with the same key waits here for the first transaction; when that one
    committed, this one rolls back and raises AlreadySubmitted with the first one's record.
    """
    if key is None:
        return None
    check(key, user, entity)
    db.session.execute(
        delete(FormSubmission).where(FormSubmission.created_at < datetime.now(UTC) - KEEP_FOR)
    )
    row = FormSubmission(key=key, user_id=getattr(user, "id", None), entity=entity)
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        check(key, user, entity)
        raise AlreadySubmitted(entity, None) from None  # the first one is still undecided
    return row


def finish(claimed: FormSubmission | None, record_id: int) -> None:
    """Note the record the claimed key made (flushed with the create's transaction)."""
    if claimed is not None:
        claimed.record_id = record_id
        db.session.flush()
