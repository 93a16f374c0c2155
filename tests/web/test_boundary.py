"""The web boundary (matcher/web/boundary.py): a request is committed when it succeeds and leaves
nothing when it is refused, raises or cannot be committed; after_commit work runs only after a
successful commit. The views here are test views on an app of their own (same database)."""

import pytest
from flask import Blueprint, flash, jsonify
from sqlalchemy import event, func, select
from sqlalchemy.orm.attributes import set_committed_value
from wtforms import StringField

from matcher import create_app
from matcher.extensions import db
from matcher.models import Municipality, Organisation
from matcher.services.errors import DomainError, NotFound, ValidationFailed
from matcher.web import boundary
from matcher.web.fields import Form
from tests.conftest import POSTGRES_URL, Client

DONE: list[str] = []  # what after_commit work ran


class NameForm(Form):
    class Meta:
        csrf = False

    name = StringField()


def _town(name: str, flush: bool = True) -> Municipality:
    town = Municipality(name=name, main_place="Plaats", lat=52.0, lon=6.0)
    db.session.add(town)
    if flush:
        db.session.flush()  # written to the database, inside the request's transaction
    return town


def _views() -> Blueprint:
    views = Blueprint("boundary_test", __name__)

    @views.get("/ok")
    def ok():
        _town("Stored")
        boundary.after_commit(DONE.append, "sent")
        return "ok"

    @views.get("/refused")
    def refused():
        _town("Refused")
        boundary.after_commit(DONE.append, "sent")
        raise DomainError("Dit kan nu niet.")

    @views.get("/refused-back")
    def refused_back():
        boundary.back_to("/t/ok-page")
        _town("Refused")
        raise ValidationFailed("Controleer de invoer.")

    @views.get("/refused-invalid")
    def refused_invalid():
        _town("Refused")
        raise ValidationFailed("Controleer de invoer.")

    @views.get("/not-found")
    def not_found():
        _town("Refused")
        raise NotFound(1)

    @views.get("/crash")
    def crash():
        _town("Crashed")
        boundary.after_commit(DONE.append, "sent")
        raise RuntimeError("a bug")

    @views.get("/own-error-page")
    def own_error_page():
        _town("Shown again")
        return "form shown again", 422

    @views.get("/duplicate")
    def duplicate():
        flash("Opgeslagen.", "success")
        _town("Twice", flush=False)
        _town("Twice", flush=False)  # the unique name fails in the commit's flush
        boundary.after_commit(DONE.append, "sent")
        return "ok"

    @views.get("/stale/<int:organisation_id>")
    def stale(organisation_id: int):
        organisation = db.session.get(Organisation, organisation_id)
        organisation.name = "Mine"
        # as if another request saved it since it was read: the UPDATE finds no such version
        set_committed_value(organisation, "version", organisation.version - 1)
        boundary.after_commit(DONE.append, "sent")
        return "ok"

    @views.get("/unflushed")
    def unflushed():
        flash("Opgeslagen.", "success")
        _town("Unflushed", flush=False)
        boundary.after_commit(DONE.append, "sent")
        return "ok"

    @views.get("/form")
    def form_view():
        form = NameForm(data={"name": "x"})
        with boundary.form_errors(form) as refused_:
            _town("Refused")
            raise ValidationFailed(
                "Controleer het formulier.", {"name": "Vul een naam in.", "cell-3": "Te veel."}
            )
        return jsonify(
            refused=bool(refused_),
            field=form.name.errors,
            form=form.form_errors,
            unplaced=refused_.unplaced,
        )  # 200, yet nothing is stored

    @views.get("/commit-now")
    def commit_now():
        _town("Before")
        boundary.commit_now()
        _town("After")
        raise DomainError("Daarna geweigerd.")

    return views


def _app(base_app, **config):
    guarded = create_app(
        {
            "TESTING": False,
            "PROPAGATE_EXCEPTIONS": False,
            "RESUME_AT_START": False,
            "RATELIMIT_ENABLED": False,
            "DATABASE_URL": base_app.config["DATABASE_URL"],
            "SECRET_KEY": "test-secret",
            **config,
        }
    )
    guarded.register_blueprint(_views(), url_prefix="/t")
    boundary.install(guarded)  # the test views too
    guarded.test_client_class = Client
    return guarded


@pytest.fixture
def guarded(app):
    DONE.clear()
    guarded = _app(app)
    yield guarded
    with guarded.app_context():
        db.session.remove()
        db.engine.dispose()


def _towns(app) -> list[str]:
    with app.app_context():
        names = list(db.session.scalars(select(Municipality.name).order_by(Municipality.name)))
        db.session.remove()
        return names


def test_a_successful_request_is_committed_and_its_after_commit_work_runs(guarded):
    response = guarded.test_client().get("/t/ok")
    assert response.status_code == 200
    assert _towns(guarded) == ["Stored"]
    assert DONE == ["sent"]


def test_a_refusal_after_a_flush_stores_nothing_and_is_a_page_with_its_sentence(guarded):
    response = guarded.test_client().get("/t/refused")
    assert response.status_code == 409
    assert "Dit kan nu niet." in response.get_data(as_text=True)
    assert _towns(guarded) == []
    assert DONE == []


def test_a_refusal_goes_back_to_the_page_of_the_form_with_its_sentence(guarded):
    client = guarded.test_client()
    response = client.get("/t/refused-back")
    assert response.status_code == 302 and response.headers["Location"] == "/t/ok-page"
    with client.session_transaction() as session:
        assert session["_flashes"] == [("error", "Controleer de invoer.")]
    assert _towns(guarded) == []


def test_invalid_input_without_a_page_to_go_back_to_is_a_400_page(guarded):
    response = guarded.test_client().get("/t/refused-invalid")
    assert response.status_code == 400
    assert "Controleer de invoer." in response.get_data(as_text=True)
    assert _towns(guarded) == []


def test_not_found_is_the_404_page_and_stores_nothing(guarded):
    response = guarded.test_client().get("/t/not-found")
    assert response.status_code == 404 and "Niet gevonden" in response.get_data(as_text=True)
    assert _towns(guarded) == []


def test_any_exception_after_a_flush_stores_nothing_and_is_the_500_page(guarded):
    response = guarded.test_client().get("/t/crash")
    assert response.status_code == 500
    assert "Er is niets opgeslagen" in response.get_data(as_text=True)
    assert _towns(guarded) == []
    assert DONE == []


def test_a_view_answering_400_or_more_itself_is_rolled_back(guarded):
    response = guarded.test_client().get("/t/own-error-page")
    assert response.status_code == 422
    assert _towns(guarded) == []


def test_a_commit_refused_by_a_constraint_is_a_409_page_and_leaves_nothing(guarded):
    client = guarded.test_client()
    response = client.get("/t/duplicate")
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Intussen gewijzigd" in page and "Opgeslagen." not in page
    assert _towns(guarded) == []
    assert DONE == []  # the work after the commit never ran
    with client.session_transaction() as session:
        assert "_flashes" not in session  # no "Opgeslagen." waits for the next page


def test_a_stale_version_in_the_commit_is_the_conflict_page_and_leaves_the_record(guarded):
    with guarded.app_context():
        town = _town("Stad")
        organisation = Organisation(name="Theirs", municipality_id=town.id)
        db.session.add(organisation)
        db.session.commit()
        organisation_id = organisation.id
        db.session.remove()
    response = guarded.test_client().get(f"/t/stale/{organisation_id}")
    assert response.status_code == 409
    assert "Intussen gewijzigd" in response.get_data(as_text=True)
    assert DONE == []
    with guarded.app_context():
        assert db.session.get(Organisation, organisation_id).name == "Theirs"
        db.session.remove()


def test_form_errors_puts_the_sentences_on_the_form_and_commits_nothing(guarded):
    response = guarded.test_client().get("/t/form")
    assert response.status_code == 200
    assert response.get_json() == {
        "refused": True,
        "field": ["Vul een naam in."],
        "form": ["Controleer het formulier."],
        "unplaced": {"cell-3": "Te veel."},
    }
    assert _towns(guarded) == []


def test_commit_now_keeps_what_came_before_it(guarded):
    response = guarded.test_client().get("/t/commit-now")
    assert response.status_code == 409
    assert _towns(guarded) == ["Before"]


def test_a_read_only_database_at_commit_is_the_503_page_and_leaves_nothing(app):
    DONE.clear()
    options = {}
    if POSTGRES_URL:
        options = {"connect_args": {"options": "-c default_transaction_read_only=on"}}
    read_only = _app(app, SQLALCHEMY_ENGINE_OPTIONS=options)
    with read_only.app_context():
        if not POSTGRES_URL:

            @event.listens_for(db.engine, "connect")
            def _query_only(dbapi_connection, _record):
                dbapi_connection.execute("PRAGMA query_only=ON")

    client = read_only.test_client()
    response = client.get("/t/unflushed")
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Matcher kan nu niets opslaan" in page and "Opgeslagen." not in page
    assert DONE == []
    with client.session_transaction() as session:
        assert "_flashes" not in session
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Municipality)) == 0
    with read_only.app_context():
        db.session.remove()
        db.engine.dispose()
