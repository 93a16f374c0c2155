"""Factories that return callables, so each test states only what matters to it."""

import itertools
from datetime import date

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import (
    Match,
    MatchKind,
    MatchStatus,
    Municipality,
    Organisation,
    Participant,
    ParticipantStatus,
    Placement,
    PlacementSession,
    Role,
    User,
    Volunteer,
    VolunteerKind,
)
from matcher.services import accounts

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


class Factory:
    """Creates valid records with sensible defaults; keyword arguments override them."""

    def municipality(self, name: str | None = None, **kw) -> Municipality:
        n = next(_counter)
        obj = Municipality(
            name=name or f"Gemeente {n}",
            main_place=kw.pop("main_place", "Plaats"),
            lat=kw.pop("lat", 52.35),
            lon=kw.pop("lon", 6.66),
            **kw,
        )
        return self._save(obj)

    def user(
        self,
        role: Role = Role.COORDINATOR,
        email: str | None = None,
        password: str | None = PASSWORD,
        **kw,
    ) -> User:
        n = next(_counter)
        user = User(
            email=email or f"user{n}@example.org",
            name=kw.pop("name", f"Gebruiker {n}"),
            role=role,
            **kw,
        )
        if password:
            accounts.set_password(user, password)
        return self._save(user)

    def participant(self, **kw) -> Participant:
        n = next(_counter)
        defaults = dict(
            first_name=f"Voornaam{n}",
            last_name=f"Achternaam{n}",
            pip_date=date(2026, 1, 5),
            status=ParticipantStatus.ACTIVE,
            availability=to_mask(["mon-am", "tue-am", "wed-am"]),
            max_hours_week=12,
            postcode="7601 AB",
            lat=52.3567,
            lon=6.6625,
            travel_km=5,
        )
        defaults.update(kw)
        if "municipality" not in defaults and "municipality_id" not in defaults:
            defaults["municipality"] = self.municipality()
        return self._save(Participant(**defaults))

    def placement(self, sessions: dict[str, tuple[float, int]] | None = None, **kw) -> Placement:
        n = next(_counter)
        organisation = kw.pop("organisation", None) or self._save(
            Organisation(
                name=f"Organisatie {n}",
                municipality=kw.pop("municipality", None) or self.municipality(),
            )
        )
        defaults = dict(
            title=f"Plek {n}",
            category="groen",
            postcode="7601 AB",
            lat=52.3567,
            lon=6.6625,
            organisation=organisation,
        )
        defaults.update(kw)
        placement = Placement(**defaults)
        for daypart, (hours, capacity) in (sessions or {"mon-am": (3, 2)}).items():
            placement.sessions.append(
                PlacementSession(daypart=daypart, hours=hours, capacity=capacity)
            )
        return self._save(placement)

    def volunteer(self, **kw) -> Volunteer:
        n = next(_counter)
        defaults = dict(
            kind=VolunteerKind.TAALMAATJE,
            first_name=f"Vrijwilliger{n}",
            last_name="Test",
            availability=to_mask(["mon-ev"]),
            postcode="7601 AB",
            lat=52.3567,
            lon=6.6625,
        )
        defaults.update(kw)
        if "municipality" not in defaults and "municipality_id" not in defaults:
            defaults["municipality"] = self.municipality()
        return self._save(Volunteer(**defaults))

    def match(
        self,
        participant: Participant,
        placement: Placement | None = None,
        volunteer: Volunteer | None = None,
        dayparts=("mon-am",),
        **kw,
    ) -> Match:
        kind = MatchKind.PLACEMENT if placement else MatchKind(volunteer.kind.value)
        defaults = dict(
            participant=participant,
            placement=placement,
            volunteer=volunteer,
            kind=kind,
            dayparts=to_mask(dayparts),
            status=MatchStatus.ACTIVE,
            starts_on=date(2026, 1, 5),
        )
        defaults.update(kw)
        return self._save(Match(**defaults))

    @staticmethod
    def _save(obj):
        db.session.add(obj)
        db.session.commit()
        return obj
