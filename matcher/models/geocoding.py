"""Cached answers of the PDOK Locatieserver: postcode → coordinates (or known unknown)."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from matcher.extensions import db
from matcher.models.people import utcnow


class GeocodeCache(db.Model):
    """One postcode's coordinates as PDOK gave them; lat/lon NULL when PDOK knows no such code."""

    __tablename__ = "geocode_cache"
    __table_args__ = (
        sa.CheckConstraint(
            "(lat IS NULL AND lon IS NULL)"
            " OR (lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180)",
            name="coords",
        ),
    )

    postcode: Mapped[str] = mapped_column(sa.String(6), primary_key=True)
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    label: Mapped[str] = mapped_column(sa.String(200), default="")
    fetched_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
