"""Host organisations, their placements with weekly sessions, and volunteers."""

from datetime import date, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher import bounds, dayparts
from matcher.dayparts import DAYPARTS
from matcher.extensions import db
from matcher.models.edits import Versioned
from matcher.models.enums import DutchLevel, Gender, VolunteerKind, enum_column
from matcher.models.people import AVAILABILITY_CHECK, Municipality, User
from matcher.text import MAX_LENGTH as SEARCH_TEXT_LENGTH

DAYPART_LIST = ", ".join(f"'{name}'" for name in DAYPARTS)
# A session ends after it starts, and starts inside its day-part (matcher/dayparts.py).
TIMES_ORDER = "ends_at > starts_at"
TIMES_WINDOW = dayparts.window_sql("daypart", "starts_at")


class Organisation(Versioned, db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_ref: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"), index=True)
    contact_name: Mapped[str] = mapped_column(sa.String(120), default="")
    contact_email: Mapped[str] = mapped_column(sa.String(254), default="")
    contact_phone: Mapped[str] = mapped_column(sa.String(30), default="")
    active: Mapped[bool] = mapped_column(default=True)
    # Normalised names (and postcodes) for search, kept up to date by matcher/models/search.py.
    search_text: Mapped[str] = mapped_column(
        sa.String(SEARCH_TEXT_LENGTH), default="", server_default="", index=True
    )

    municipality: Mapped[Municipality] = relationship()
    placements: Mapped[list["Placement"]] = relationship(back_populates="organisation")


class Placement(Versioned, db.Model):
    """A vrijwilligersplek at a host organisation."""

    __tablename__ = "placements"
    __table_args__ = (
        sa.CheckConstraint("lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180", name="coords"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_ref: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(160))
    category: Mapped[str] = mapped_column(sa.String(40), index=True)
    min_dutch_level: Mapped[DutchLevel] = mapped_column(
        enum_column(DutchLevel, "min_dutch_level"), default=DutchLevel.A0
    )
    description: Mapped[str] = mapped_column(sa.Text, default="")
    address: Mapped[str] = mapped_column(sa.String(200), default="")
    postcode: Mapped[str] = mapped_column(sa.String(7))
    lat: Mapped[float]
    lon: Mapped[float]
    contact_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    active: Mapped[bool] = mapped_column(default=True)
    # Normalised names (and postcodes) for search, kept up to date by matcher/models/search.py.
    search_text: Mapped[str] = mapped_column(
        sa.String(SEARCH_TEXT_LENGTH), default="", server_default="", index=True
    )

    organisation: Mapped[Organisation] = relationship(back_populates="placements")
    contact_user: Mapped[User | None] = relationship(foreign_keys="Placement.contact_user_id")
    sessions: Mapped[list["PlacementSession"]] = relationship(
        back_populates="placement", cascade="all, delete-orphan", order_by="PlacementSession.id"
    )


class PlacementSession(db.Model):
    """A weekly recurring session of a placement: one day-part, its clock times and capacity.

    `hours` is the figure the solver uses; it always follows from the clock times (set_times).
    A session made with hours only (an older import or seed) gets the day-part's usual times.
    """

    __tablename__ = "placement_sessions"
    __table_args__ = (
        sa.UniqueConstraint("placement_id", "daypart", name="uq_placement_sessions_daypart"),
        sa.CheckConstraint(f"daypart IN ({DAYPART_LIST})", name="daypart_known"),
        sa.CheckConstraint(bounds.SESSION_HOURS.sql("hours"), name="hours_range"),
        sa.CheckConstraint(bounds.SESSION_PLACES.sql("capacity"), name="capacity_range"),
        sa.CheckConstraint(TIMES_ORDER, name="times_order"),
        sa.CheckConstraint(TIMES_WINDOW, name="times_daypart"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        sa.ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    daypart: Mapped[str] = mapped_column(sa.String(6))
    starts_at: Mapped[time] = mapped_column(sa.Time)
    ends_at: Mapped[time] = mapped_column(sa.Time)
    hours: Mapped[float]
    capacity: Mapped[int]

    placement: Mapped[Placement] = relationship(back_populates="sessions")

    def __init__(self, **kw):
        starts, ends = kw.pop("starts_at", None), kw.pop("ends_at", None)
        super().__init__(**kw)
        if starts is None or ends is None:
            starts, ends = dayparts.default_times(self.daypart, float(self.hours))
        self.set_times(starts, ends)

    def set_times(self, starts: time, ends: time) -> None:
        """Set the clock times, and the hours that follow from them."""
        self.starts_at, self.ends_at = starts, ends
        self.hours = dayparts.hours_between(starts, ends)


class Volunteer(Versioned, db.Model):
    """A taalmaatje or buddy."""

    __tablename__ = "volunteers"
    __table_args__ = (
        sa.CheckConstraint(f"availability {AVAILABILITY_CHECK}", name="availability_range"),
        sa.CheckConstraint(bounds.VOLUNTEER_CAPACITY.sql("capacity"), name="capacity_range"),
        sa.CheckConstraint(bounds.MEETING_HOURS.sql("session_hours"), name="session_hours"),
        sa.CheckConstraint(
            bounds.TRAVEL_KM.sql("travel_km", nullable=True), name="travel_km_range"
        ),
        sa.CheckConstraint("lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180", name="coords"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_ref: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), unique=True)
    kind: Mapped[VolunteerKind] = mapped_column(enum_column(VolunteerKind, "volunteer_kind"))
    first_name: Mapped[str] = mapped_column(sa.String(80))
    last_name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    phone: Mapped[str] = mapped_column(sa.String(30), default="")
    gender: Mapped[Gender | None] = mapped_column(enum_column(Gender, "gender"))
    availability: Mapped[int] = mapped_column(default=0)
    capacity: Mapped[int] = mapped_column(default=1)
    session_hours: Mapped[float] = mapped_column(default=2)
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    interests: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    postcode: Mapped[str] = mapped_column(sa.String(7))
    lat: Mapped[float]
    lon: Mapped[float]
    travel_km: Mapped[float | None]
    vog_date: Mapped[date | None]
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    # Normalised names (and postcodes) for search, kept up to date by matcher/models/search.py.
    search_text: Mapped[str] = mapped_column(
        sa.String(SEARCH_TEXT_LENGTH), default="", server_default="", index=True
    )

    user: Mapped[User | None] = relationship(foreign_keys="Volunteer.user_id")
    municipality: Mapped[Municipality] = relationship()
    absences: Mapped[list["VolunteerAbsence"]] = relationship(
        back_populates="volunteer",
        cascade="all, delete-orphan",
        order_by="VolunteerAbsence.starts_on",
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class VolunteerAbsence(db.Model):
    __tablename__ = "volunteer_absences"
    __table_args__ = (sa.CheckConstraint("ends_on >= starts_on", name="period_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("volunteers.id", ondelete="CASCADE"), index=True
    )
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    reason: Mapped[str] = mapped_column(sa.String(120), default="")

    volunteer: Mapped[Volunteer] = relationship(back_populates="absences")
