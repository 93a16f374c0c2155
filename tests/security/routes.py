"""What the security tests know about every route: which roles each blueprint admits, and how to
make, for a role, an object it may reach and one it may not. A route whose blueprint or URL
parameter is missing here fails tests/security/test_route_access.py until it is classified."""

import secrets
from datetime import UTC, date, datetime, timedelta
from functools import cached_property

from sqlalchemy import select
from werkzeug.routing import Rule

from matcher.extensions import db
from matcher.models import (
    AccountLink,
    AdviceRun,
    CoordinatorNotice,
    HoursEntry,
    LinkPurpose,
    MatchingRun,
    MatchProposal,
    MatchRejection,
    Organisation,
    Role,
    Scenario,
    User,
    VolunteerAbsence,
)

PUBLIC = "public"  # anyone, logged in or not
LOGGED_IN = "logged in"  # any role
ALL_ROLES = (Role.ADMIN, Role.COORDINATOR, Role.COACH, Role.VOLUNTEER)

BLUEPRINT_ROLES = {
    "auth": PUBLIC,
    "home": LOGGED_IN,
    "admin": {Role.ADMIN},
    "dashboard": {Role.COORDINATOR},
    "monitor": {Role.COORDINATOR},
    "notices": {Role.COORDINATOR},
    "matching": {Role.COORDINATOR},
    "recruitment": {Role.COORDINATOR},
    "imports": {Role.COORDINATOR},
    "organisations": {Role.COORDINATOR},
    "placements": {Role.COORDINATOR},
    "volunteers": {Role.COORDINATOR},
    "participants": {Role.COORDINATOR, Role.COACH},
    "weekcard": {Role.COORDINATOR, Role.COACH},
    "caseload": {Role.COACH},
    "hours": {Role.COACH},
    "progress": {Role.COACH},
    "privacy": {Role.COACH},
    "volunteer_portal": {Role.VOLUNTEER},
    "about": LOGGED_IN,
    "feeds": PUBLIC,
}
ENDPOINT_ROLES = {
    "static": PUBLIC,
    "auth.two_factor": LOGGED_IN,
    "auth.two_factor_disable": LOGGED_IN,
    "about.accessibility": PUBLIC,
    "about.data_inventory": {Role.ADMIN, Role.COORDINATOR},
    "about.data_inventory_export": {Role.ADMIN, Role.COORDINATOR},
}
# URL parameters that are not object ids: a valid value to put in the URL.
VALUE_PARAMS = {
    "kind": "participants",
    "fmt": "csv",
    "filename": "style.css",
    "rank": 1,
    "token": "geen-geldige-agenda-link",
}
# Child objects whose URL also names their parent: a child of another parent must be refused.
CHILD_PARAMS = {
    "entry_id": "participant_id",
    "absence_id": "volunteer_id",
    "proposal_id": "run_id",
}


def admitted(rule: Rule):
    """PUBLIC, LOGGED_IN or the set of roles the route's blueprint admits (None: unknown)."""
    if rule.endpoint in ENDPOINT_ROLES:
        return ENDPOINT_ROLES[rule.endpoint]
    return BLUEPRINT_ROLES.get(rule.endpoint.rpartition(".")[0])


def admits(rule: Rule, role: Role) -> bool:
    roles = admitted(rule)
    return roles in (PUBLIC, LOGGED_IN) or role in roles


def object_params(rule: Rule) -> list[str]:
    return sorted(a for a in rule.arguments if a not in VALUE_PARAMS)


class World:
    """Objects around one logged-in user: ones they may reach and ones they may not."""

    def __init__(self, make, user: User):
        self.make, self.user, self.role = make, user, user.role

    # --- participants and what hangs off them --------------------------------------------
    @cached_property
    def own_participant(self):
        coach = self.user if self.role == Role.COACH else self.make.user(Role.COACH)
        return self.make.participant(coach=coach, first_name="Bereikbaar")

    @cached_property
    def own_participant_2(self):
        return self.make.participant(coach=self.own_participant.coach, first_name="Tweede")

    @cached_property
    def foreign_participant(self):
        return self.make.participant(coach=self.make.user(Role.COACH), first_name="Onbereikbaar")

    def _entry(self, participant):
        entry = HoursEntry(
            participant_id=participant.id,
            entry_date=date(2026, 2, 2),
            activity_kind="placement",
            hours=3,
            counts_toward_target=True,
        )
        return self.make._save(entry)

    # --- volunteers, placements, matches -------------------------------------------------
    @cached_property
    def own_volunteer(self):
        user = self.user if self.role == Role.VOLUNTEER else None
        return self.make.volunteer(user=user)

    @cached_property
    def foreign_volunteer(self):
        return self.make.volunteer(user=self.make.user(Role.VOLUNTEER))

    def _absence(self, volunteer):
        return self.make._save(
            VolunteerAbsence(
                volunteer_id=volunteer.id, starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 8)
            )
        )

    def _placement(self, contact):
        return self.make.placement(contact_user=contact)

    def _match(self, participant, volunteer):
        return self.make.match(participant, volunteer=volunteer)

    @cached_property
    def own_run(self):
        return self.make._save(MatchingRun(week_start=date(2026, 3, 2)))

    def _advice(self):
        doc = {"format": "matcher-advice/1", "suggestions": []}
        return self.make._save(AdviceRun(week_start=date(2026, 3, 2), status="done", document=doc))

    def _proposal(self, run):
        match = self._match(self.own_participant, self.own_volunteer)
        return self.make._save(
            MatchProposal(
                run_id=run.id, participant_id=match.participant_id, match_id=match.id, action="add"
            )
        )

    def _notice(self):
        match = self._match(self.own_participant, self.own_volunteer)
        return self.make._save(
            CoordinatorNotice(kind="absence", volunteer_id=self.own_volunteer.id, match_id=match.id)
        )

    # --- the tables ----------------------------------------------------------------------
    def reachable(self, param: str) -> int:
        """The id of an object of this kind the user may reach (coordinators reach all)."""
        makers = {
            "participant_id": lambda: self.own_participant,
            "entry_id": lambda: self._entry(self.own_participant),
            "volunteer_id": lambda: self.own_volunteer,
            "absence_id": lambda: self._absence(self.own_volunteer),
            "placement_id": lambda: self._placement(self.user),
            "organisation_id": lambda: self.make._save(
                Organisation(name="Org", municipality=self.make.municipality())
            ),
            "match_id": lambda: self._match(self.own_participant, self.own_volunteer),
            "run_id": lambda: self.own_run,
            "advice_id": self._advice,
            "scenario_id": lambda: self.make._save(
                Scenario(name="Wat als", week_start=date(2026, 3, 2), changes=[])
            ),
            "proposal_id": lambda: self._proposal(self.own_run),
            "notice_id": self._notice,
            "rejection_id": lambda: self.make._save(
                MatchRejection(
                    participant_id=self.own_participant.id,
                    kind="placement",
                    placement_id=self._placement(self.user).id,
                )
            ),
            "user_id": lambda: self.make.user(Role.COACH),  # admins reach every account
            "link_id": self._invitation,
        }
        return makers[param]().id

    def _invitation(self):
        now = datetime.now(UTC)
        return self.make._save(
            AccountLink(
                user_id=self.make.user(Role.VOLUNTEER).id,
                purpose=LinkPurpose.INVITATION,
                token_hash=secrets.token_hex(32),
                created_at=now,
                expires_at=now + timedelta(days=7),
            )
        )

    def unreachable(self, param: str) -> int | None:
        """An object of this kind the user may NOT reach; None when the role reaches them all."""
        if param not in UNREACHABLE_KINDS.get(self.role, ()):
            return None
        makers = {
            "participant_id": lambda: self.foreign_participant,
            "entry_id": lambda: self._entry(self.foreign_participant),
            "volunteer_id": lambda: self.foreign_volunteer,
            "absence_id": lambda: self._absence(self.foreign_volunteer),
            "placement_id": lambda: self._placement(self.make.user(Role.VOLUNTEER)),
            "match_id": lambda: self._match(self.foreign_participant, self.foreign_volunteer),
        }
        return makers[param]().id

    def mismatched_child(self, param: str) -> int:
        """A reachable child object that belongs to another parent than reachable(parent)."""
        if param == "entry_id":
            return self._entry(self.own_participant_2).id
        if param == "proposal_id":
            return self._proposal(self.make._save(MatchingRun(week_start=date(2026, 3, 9)))).id
        return self._absence(self.make.volunteer()).id


# Which kinds of object a role can be shut out of (a coordinator reaches every object).
PARTICIPANT_DATA = ("participant_id", "entry_id", "match_id")
UNREACHABLE_KINDS = {
    Role.COORDINATOR: (),
    Role.COACH: PARTICIPANT_DATA,
    Role.ADMIN: PARTICIPANT_DATA,
    Role.VOLUNTEER: (*PARTICIPANT_DATA, "volunteer_id", "absence_id", "placement_id"),
}
KNOWN_OBJECT_PARAMS = {
    "participant_id",
    "entry_id",
    "volunteer_id",
    "absence_id",
    "placement_id",
    "organisation_id",
    "match_id",
    "run_id",
    "advice_id",
    "scenario_id",
    "proposal_id",
    "notice_id",
    "rejection_id",
    "user_id",
    "link_id",
}


def post_with_token(client, url: str, data: dict | None = None):
    """POST with the session's CSRF token, fetched once per client (it does not expire)."""
    token = getattr(client, "cached_csrf_token", None) or client.csrf_token()
    client.cached_csrf_token = token
    return client.post(url, data={**(data or {}), "csrf_token": token})


def snapshot() -> dict:
    """Every row of every table, to show that a refused request changed nothing."""
    db.session.expire_all()
    state = {}
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            rows = connection.execute(select(table).order_by(*table.primary_key.columns))
            state[table.name] = [tuple(map(repr, row)) for row in rows]
    return state
