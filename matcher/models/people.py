"""Accounts, municipalities and participants with their persoonlijk profiel."""

import secrets
from datetime import UTC, date, datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher import bounds
from matcher.dayparts import ALL_MASK
from matcher.extensions import db
from matcher.models.edits import VersionColumns, Versioned
from matcher.models.enums import (
    DutchLevel,
    Gender,
    ParticipantStatus,
    Role,
    Route,
    enum_column,
)
from matcher.text import MAX_LENGTH as SEARCH_TEXT_LENGTH


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


AVAILABILITY_CHECK = f"BETWEEN 0 AND {ALL_MASK}"


def new_session_token() -> str:
    """A fresh random session token (32 bytes, URL-safe): part of every session's identity."""
    return secrets.token_urlsafe(32)


class User(UserMixin, VersionColumns, db.Model):  # version: bumped by admin edits only
    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint("email = lower(email)", name="email_lowercase"),
        sa.CheckConstraint("failed_logins >= 0", name="failed_logins_nonnegative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    # How volunteers and host contacts reach a coordinator (named in every match e-mail).
    phone: Mapped[str] = mapped_column(sa.String(30), default="", server_default="")
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(sa.String(5))
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    totp_last_step: Mapped[int | None]  # the time step of the last code used: no replays
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    # Normalised names (and postcodes) for search, kept up to date by matcher/models/search.py.
    search_text: Mapped[str] = mapped_column(
        sa.String(SEARCH_TEXT_LENGTH), default="", server_default="", index=True
    )
    # Part of the session identity: replacing it ends every session of this account.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=new_session_token)
    # The secret of the private calendar feed (volunteers and host contacts); None: no feed.
    calendar_token: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    wants_reminders: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    @property
    def is_active(self) -> bool:  # Flask-Login: deactivated accounts cannot log in
        return self.active

    def get_id(self) -> str:
        """Flask-Login stores "id:token"; the session ends once the token is replaced."""
        return f"{self.id}:{self.session_token}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class LoginThrottle(db.Model):
    """Failed logins for an address without an active account, keyed by an HMAC of the address.

    Such addresses lock like real accounts do, so the login page never tells whether an
    account exists; the address itself is not stored.
    """

    __tablename__ = "login_throttles"
    __table_args__ = (sa.CheckConstraint("failures >= 0", name="failures_nonnegative"),)

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class Municipality(db.Model):
    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(80), unique=True)
    main_place: Mapped[str] = mapped_column(sa.String(80))
    lat: Mapped[float]
    lon: Mapped[float]


class Participant(Versioned, db.Model):
    """A Z-route inburgeraar; the matching fields form the persoonlijk profiel."""

    __tablename__ = "participants"
    __table_args__ = (
        sa.CheckConstraint(f"availability {AVAILABILITY_CHECK}", name="availability_range"),
        sa.CheckConstraint(bounds.LOAD_CAP.sql("max_hours_week"), name="max_hours_range"),
        sa.CheckConstraint(bounds.TRAVEL_KM.sql("travel_km"), name="travel_km_range"),
        sa.CheckConstraint("participation_target >= 0", name="target_nonnegative"),
        sa.CheckConstraint(bounds.HOURS_BEFORE.sql("hours_before"), name="hours_before_range"),
        sa.CheckConstraint("lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180", name="coords"),
        sa.CheckConstraint(
            "trajectory_end IS NULL OR trajectory_end > pip_date", name="trajectory_after_pip"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_ref: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    first_name: Mapped[str] = mapped_column(sa.String(80))
    last_name: Mapped[str] = mapped_column(sa.String(120))
    coach_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"), index=True)
    route: Mapped[Route] = mapped_column(enum_column(Route, "route"), default=Route.Z_ROUTE)
    status: Mapped[ParticipantStatus] = mapped_column(
        enum_column(ParticipantStatus, "participant_status"), default=ParticipantStatus.INTAKE
    )
    pip_date: Mapped[date]
    trajectory_end: Mapped[date | None]
    duty_ended_on: Mapped[date | None]
    availability: Mapped[int] = mapped_column(default=0)
    max_hours_week: Mapped[float] = mapped_column(default=16)
    functional_limits: Mapped[str] = mapped_column(sa.Text, default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    interests: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    dutch_level: Mapped[DutchLevel] = mapped_column(
        enum_column(DutchLevel, "dutch_level"), default=DutchLevel.A0
    )
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # The language the week card shows beside Dutch (ISO 639, as matcher.languages stores it).
    card_language: Mapped[str | None] = mapped_column(sa.String(3))
    postcode: Mapped[str] = mapped_column(sa.String(7))
    lat: Mapped[float]
    lon: Mapped[float]
    travel_km: Mapped[float] = mapped_column(default=5)
    wants_taalmaatje: Mapped[bool] = mapped_column(default=False)
    wants_buddy: Mapped[bool] = mapped_column(default=False)
    buddy_gender_preference: Mapped[Gender | None] = mapped_column(
        enum_column(Gender, "buddy_gender_preference")
    )
    participation_target: Mapped[int] = mapped_column(default=800)
    hours_before: Mapped[float] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    # Normalised names (and postcodes) for search, kept up to date by matcher/models/search.py.
    search_text: Mapped[str] = mapped_column(
        sa.String(SEARCH_TEXT_LENGTH), default="", server_default="", index=True
    )

    coach: Mapped[User | None] = relationship(foreign_keys="Participant.coach_id")
    municipality: Mapped[Municipality] = relationship()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def __repr__(self) -> str:  # never names: participants' data is special-category
        return f"<Participant {self.id}>"
