"""Every searched list as one interface: create a record named (first, last) at a postcode, and
the ids a search finds. The search tests run against each of them."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from matcher.extensions import db
from matcher.models import Organisation, Role
from matcher.services import audit, organisations, participants, placements, privacy
from matcher.services import registry_volunteers as volunteers


@dataclass
class SearchedList:
    name: str
    create: Callable[[str, str, str], int]  # (first, last, postcode) -> id
    found: Callable[[str], set[int]]  # query -> ids found
    has_postcode: bool = True


LISTS = ["participants", "volunteers", "organisations", "placements", "audit_actors"]


@pytest.fixture(params=LISTS)
def searched(request, make) -> SearchedList:
    coordinator = make.user(Role.COORDINATOR, password=None, name="Zoeker", email="z@x.example")
    return BUILDERS[request.param](make, coordinator)


def _participants(make, coordinator):
    def create(first, last, code):
        return make.participant(first_name=first, last_name=last, postcode=code).id

    return SearchedList(
        "participants", create, lambda q: {p.id for p in participants.search(coordinator, q).items}
    )


def _volunteers(make, coordinator):
    def create(first, last, code):
        return make.volunteer(first_name=first, last_name=last, postcode=code).id

    return SearchedList("volunteers", create, lambda q: {v.id for v in volunteers.search(q).items})


def _organisations(make, coordinator):
    town = make.municipality()

    def create(first, last, code):
        values = {"name": f"Stichting {first}", "contact_name": last, "municipality_id": town.id}
        organisation = organisations.save(coordinator, None, values)
        db.session.commit()
        return organisation.id

    def found(q):
        return {o.id for o in organisations.search(q).items}

    return SearchedList("organisations", create, found, has_postcode=False)


def _placements(make, coordinator):
    town = make.municipality()

    def create(first, last, code):  # the first name in the organisation, the last in the title
        organisation = make._save(Organisation(name=first, municipality=town))
        return make.placement(organisation=organisation, title=last, postcode=code).id

    return SearchedList("placements", create, lambda q: {p.id for p in placements.search(q).items})


def _audit_actors(make, coordinator):
    def create(first, last, code):
        user = make.user(Role.COACH, password=None, name=f"{first} {last}")
        audit.record(user, "login", "user", user.id)
        db.session.commit()
        return user.id

    def found(q):
        events, _total = privacy.search_audit(privacy.AuditFilter(actor=q))
        return {e.actor_id for e in events}

    return SearchedList("audit_actors", create, found, has_postcode=False)


BUILDERS = {
    "participants": _participants,
    "volunteers": _volunteers,
    "organisations": _organisations,
    "placements": _placements,
    "audit_actors": _audit_actors,
}
