"""Helpers shared by the registry services: paging, applying changes, coordinates."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from matcher.extensions import db
from matcher.services import audit, geocoding
from matcher.services.errors import ValidationFailed
from matcher.services.versions import (
    Extra,
    StaleRecord,
    check_version,
    flush_versioned,
    stamp,
)

__all__ = [
    "Page",
    "StaleRecord",
    "apply",
    "check_version",
    "coordinates",
    "flush_versioned",
    "save_record",
    "stamp",
]


@dataclass(frozen=True)
class Page:
    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def paged(query: Select, page: int, per_page: int) -> Page:
    """Run one page of an ordered query, with the total count of the filter."""
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    page = max(1, min(page, max(1, -(-total // per_page))))
    items = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(list(items), total or 0, page, per_page)


def check_unique_ref(model: type, obj: Any, ref: str | None) -> None:
    """ValidationFailed when another record of this model already has this external reference."""
    if not ref:
        return
    query = select(model.id).where(model.external_ref == ref)
    if obj is not None and obj.id is not None:
        query = query.where(model.id != obj.id)
    if db.session.scalar(query) is not None:
        raise ValidationFailed("record.ref_in_use", {"external_ref": "record.ref_in_use_elsewhere"})


def apply(obj: Any, values: dict[str, Any]) -> list[str]:
    """Set attributes on obj; return the names of those that changed."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def save_record(
    actor: Any,
    model: type,
    obj: Any,
    values: dict[str, Any],
    fields: Iterable[str],
    entity: str,
    also: Callable[[Any], list[str]] | None = None,
    expected_version: int | None = None,
    extra: tuple[dict[str, Any], Extra] | None = None,
) -> Any:
    """Create (obj None) or update a registry record keyed by its external reference.

    Only `fields` are taken from `values`; `also(obj)` may change more and returns the names it
    changed. One audit event names the changed fields (never their values). An update against
    another version than `expected_version` (the one the user's form showed) raises StaleRecord
    and writes nothing; `extra` is (the user's values beyond `fields`, a function giving the
    stored ones) to compare as well (a session grid).
    """
    values = {name: values[name] for name in fields if name in values}
    values["external_ref"] = values.get("external_ref") or None
    mine, current_extra = ({**values, **extra[0]}, extra[1]) if extra else (values, None)
    created = obj is None
    if not created:
        check_version(obj, expected_version, entity, mine, current_extra)
    check_unique_ref(model, obj, values["external_ref"])
    if created:
        obj = model()
        db.session.add(obj)
    with db.session.no_autoflush:  # the versioned UPDATE happens in flush_versioned only
        changed = apply(obj, values) + (also(obj) if also else [])
    if created or changed:
        stamp(obj, actor)
    flush_versioned(obj, entity, mine, current_extra)
    if created or changed:
        audit.record(actor, "create" if created else "update", entity, obj.id, changed)
    return obj


def set_active(actor: Any, obj: Any, entity: str, active: bool) -> None:
    """(De)activate a record; nothing with history is deleted."""
    obj.active = active
    db.session.flush()
    audit.record(actor, "activate" if active else "deactivate", entity, obj.id, ["active"])


def coordinates(
    postcode: str, lat: float | None, lon: float | None, previous: Any = None
) -> tuple[str, float, float]:
    """(postcode, lat, lon): typed coordinates when given, else looked up at PDOK.

    On an edit, coordinates left as they were while the postcode changed are looked up anew.
    """
    code = geocoding.normalise_postcode(postcode)
    if code is None:
        raise ValidationFailed("postcode.invalid", {"postcode": "postcode.invalid_example"})
    shown = geocoding.display_postcode(code)
    if (lat is None) != (lon is None):
        raise ValidationFailed("coordinates.one_missing", {"lat": "coordinates.both_or_neither"})
    if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValidationFailed("coordinates.invalid", {"lat": "coordinates.out_of_range"})
    if lat is not None and not _stale(previous, code, lat, lon):
        return shown, lat, lon
    return (shown, *_looked_up(code))


def _stale(previous: Any, code: str, lat: float, lon: float) -> bool:
    """True when the postcode changed but the coordinates are still the old ones."""
    if previous is None or geocoding.normalise_postcode(previous.postcode) == code:
        return False
    return (lat, lon) == (previous.lat, previous.lon)


def _looked_up(code: str) -> tuple[float, float]:
    try:
        place = geocoding.lookup(code)
    except geocoding.GeocoderUnavailable as error:
        raise ValidationFailed(
            "geocoder.unavailable", {"lat": "geocoder.type_coordinates"}
        ) from error
    if place is None:
        raise ValidationFailed("postcode.not_found", {"postcode": "postcode.not_found_explained"})
    return place.lat, place.lon
