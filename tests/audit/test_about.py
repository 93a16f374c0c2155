"""'Hoe matcher koppelt' and its Algoritmeregister export are made from the running code and
settings; the profile fields it names as used are exactly those the solver instance is built
from; the accessibility statement is public."""

import dataclasses
import json
from datetime import date

from matcher.extensions import db
from matcher.models import MatchingRun, Participant, Role, RunStatus
from matcher.services import register
from matcher.services.matching.instance import build_instance
from matcher.solver import goals, rules
from matcher.web.about import texts
from matcher.web.about.algoritmeregister import FIELDS

HOW = "/over/hoe-matcher-koppelt"
STANDARD_V1_FIELDS = {
    "name", "description_short", "organization", "category", "status", "begin_date",
    "end_date", "contact_email", "website", "publication_category", "url", "goal",
    "proportionality", "human_intervention", "risks", "lawful_basis", "lawful_basis_grouping",
    "process_index_url", "impacttoetsen_grouping", "impacttoetsen", "source_data",
    "source_data_grouping", "methods_and_models", "provider", "publiccode", "lang",
    "standard_version", "source_id", "tags", "lars",
}  # fmt: skip
FOR_THE_ORGANISATION = {
    "status", "begin_date", "end_date", "url", "proportionality", "lawful_basis",
    "process_index_url", "impacttoetsen", "provider", "publiccode", "source_id", "tags", "lars",
}  # fmt: skip


def _titles(app, names) -> list[str]:
    with app.test_request_context():
        return [str(texts.GOAL_TITLES[name]) for name in names]


def _goal_titles_in(app, page: str) -> list[str]:
    return sorted(_titles(app, [goal.name for goal in goals.GOALS]), key=page.index)


def test_every_role_can_read_it_and_it_follows_the_goal_order(login_as, app, monkeypatch):
    for role in (Role.COORDINATOR, Role.COACH, Role.VOLUNTEER, Role.ADMIN):
        client, _user = login_as(role)
        assert client.get(HOW).status_code == 200
    page = client.get(HOW).get_data(as_text=True)
    expected = _titles(app, [g.name for g in goals.GOALS])
    assert _goal_titles_in(app, page) == expected
    for code in register.RULES:
        assert f"<strong>{code}</strong>" in page

    monkeypatch.setattr(goals, "GOALS", tuple(reversed(goals.GOALS)))
    reordered = client.get(HOW).get_data(as_text=True)
    assert _goal_titles_in(app, reordered) == list(reversed(expected))


def test_the_page_shows_the_settings_as_they_run(login_as, app, monkeypatch):
    client, _user = login_as(Role.COORDINATOR)
    page = client.get(HOW).get_data(as_text=True)
    assert "hoogstens 5 seconden" in page and "Minimum per week: 6 uur" in page
    monkeypatch.setitem(app.config, "SOLVER_TIME_LIMIT", 17.5)
    monkeypatch.setattr(rules, "WEEKLY_MINIMUM", 8.0)
    page = client.get(HOW).get_data(as_text=True)
    assert "hoogstens 17,5 seconden" in page and "Minimum per week: 8 uur" in page
    assert "hoogstens 5 seconden" not in page


def test_the_last_runs_are_shown(login_as, make):
    client, _user = login_as(Role.COACH)
    assert "nog geen rondes" in client.get(HOW).get_data(as_text=True)
    db.session.add(
        MatchingRun(
            week_start=date(2026, 11, 16),
            status=RunStatus.CONFIRMED,
            finished_at=db.func.now(),
            figures={"participants": 41, "at_minimum": 37, "unmatched": 2, "changed": 5},
        )
    )
    db.session.commit()
    page = client.get(HOW).get_data(as_text=True)
    assert "<td>41</td><td>37</td>" in page and "week 47, 16–22 nov 2026" in page


def test_the_page_is_in_english_too(login_as):
    client, _user = login_as(Role.COORDINATOR, locale="en")
    page = client.get(HOW).get_data(as_text=True)
    assert "How matcher matches" in page and "Wie achterloopt" not in page


def test_the_register_export_has_every_field_of_the_standard(login_as, app, monkeypatch):
    client, _user = login_as(Role.COORDINATOR)
    response = client.get(f"{HOW}/algoritmeregister.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    record = json.loads(response.get_data(as_text=True))
    assert set(record) == STANDARD_V1_FIELDS == set(FIELDS)
    for field in FOR_THE_ORGANISATION:
        assert record[field] == "", field
    for field in ("lawful_basis_grouping", "impacttoetsen_grouping", "source_data_grouping"):
        assert record[field] == []
    assert record["organization"] == "" and record["contact_email"] == ""
    assert record["standard_version"] == "1.0" and record["lang"] == "nld"
    assert record["publication_category"] == "Impactvolle algoritmes"
    goal_lines = [line for line in record["goal"].splitlines() if line.startswith("- ")]
    assert [line[2] for line in goal_lines] == [str(g.number) for g in goals.GOALS]
    method = record["methods_and_models"]
    assert "R8" in method and "niet zelflerend" in method
    assert "geloof" in record["source_data"] and "nationaliteit" in record["source_data"]

    monkeypatch.setitem(app.config, "ORGANISATION_NAME", "Gemeente Almelo")
    record = client.get(f"{HOW}/algoritmeregister.json").get_json()
    assert record["organization"] == "Gemeente Almelo"


def test_every_participant_column_is_named_used_or_not(app_ctx):
    used, never = set(register.USED_FIELDS), set(register.NEVER_USED_FIELDS)
    named = used | never | set(register.BOOKKEEPING_FIELDS)
    assert named == register.participant_columns()
    assert not set(register.USED_FIELDS) & set(register.NEVER_USED_FIELDS)
    for column in [*register.USED_FIELDS, *register.NEVER_USED_FIELDS, *register.NEVER_STORED]:
        assert column in texts.FIELD_TEXTS


def _solver_view(week):
    built = build_instance(week)
    return [dataclasses.asdict(p) for p in built.instance.participants]


def test_fields_named_never_used_do_not_reach_the_solver(app_ctx, make):
    town = make.municipality("Almelo")
    coach = make.user(Role.COACH)
    person = make.participant(municipality=town, functional_limits="rug", notes="n")
    week = date(2026, 11, 16)
    before = _solver_view(week)
    assert before
    person.first_name, person.last_name = "Andere", "Naam"
    person.external_ref, person.coach_id = "X-99", coach.id
    person.functional_limits, person.notes = "hartklachten, diabetes", "veel te vertellen"
    person.languages, person.postcode = ["ti", "ar"], "7601AA"
    person.buddy_gender_preference = None
    person.duty_ended_on = date(2026, 1, 1)
    db.session.commit()
    assert _solver_view(week) == before
    person.travel_km = person.travel_km + 3  # a used field does change what the solver gets
    db.session.commit()
    assert _solver_view(week) != before
    assert db.session.get(Participant, person.id) is not None
