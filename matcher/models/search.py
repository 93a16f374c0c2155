"""Keeps every searched record's `search_text` in step with its fields, whoever writes it.

A mapper event on insert and on update recomputes the column from the fields below, so forms,
imports, seeds, the demo and erasure (which blanks the names) all leave it right. Bulk UPDATE
statements bypass mapper events: change searched fields through the ORM.
"""

from typing import Any

from sqlalchemy import event

from matcher import text
from matcher.models.people import Participant, User
from matcher.models.registry import Organisation, Placement, Volunteer

# model → (fields searched as written, postcode fields also searched without their space)
SEARCHED: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Participant: (("first_name", "last_name"), ("postcode",)),
    Volunteer: (("first_name", "last_name"), ("postcode",)),
    Organisation: (("name", "contact_name"), ()),
    Placement: (("title",), ("postcode",)),
    User: (("name", "email"), ()),
}


def search_text_of(record: Any) -> str:
    """The normalised search text for a record of one of the SEARCHED models."""
    fields, postcodes = SEARCHED[type(record)]
    return text.document(
        *(getattr(record, name) for name in fields),
        postcodes=tuple(getattr(record, name) for name in postcodes),
    )


def _refresh(mapper, connection, record) -> None:
    record.search_text = search_text_of(record)


for _model in SEARCHED:
    event.listen(_model, "before_insert", _refresh)
    event.listen(_model, "before_update", _refresh)
