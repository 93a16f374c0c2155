"""The web boundary: the one place that commits a request, rolls it back, and words a refusal.

`install(app)` (called by register_web) wraps every view, the way Indico's RH.process does:

- The view answers with a status below 400: the request's work is committed, then the work
  registered with `after_commit` runs (starting a background job, sending the outbox).
- The view answers 400 or more itself (a form shown again, a 409 conflict): rolled back.
- A DomainError escapes the view: rolled back, nothing of the request is kept (nor its changes
  to the Flask session), and it is answered by kind:
    NotFound → the 404 page, Forbidden → the 403 page (handlers in matcher.web);
    any other, when the view named the page its form is on (`back_to(url)`) → the sentence of
      `messages.render(error)` flashed there, a redirect (302);
    without such a page → a page with that sentence: 400 for ValidationFailed (the input was
      wrong), 409 for a StaleRecord ("Intussen gewijzigd") and for any other refusal.
- Any other exception: rolled back, then Flask's handlers answer (500, an HTTP error, 503 for
  a read-only database).
- The commit itself fails: rolled back, the after_commit work dropped, the session's changes
  undone, and a Dutch page: 409 "Intussen gewijzigd" for a StaleDataError or IntegrityError
  (someone else changed or made the record meanwhile), 503 for a read-only database, 500 for
  anything else. Never a half-written request.

Views that show their form again on a refusal use `with form_errors(form) as refused:`; a view
that answers a refusal itself (a flash with its own words) calls `discard()`. `commit_now()`
commits before the view goes on, only where the order matters (the login stores its records
before the session knows the user). No other module in matcher/web commits or rolls back.
"""

import copy
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app, flash, g, redirect, session
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import Field

from matcher.extensions import db
from matcher.services.errors import DomainError, Forbidden, NotFound, ValidationFailed
from matcher.services.submissions import AlreadySubmitted
from matcher.services.versions import StaleRecord
from matcher.web import edits, messages

GUARDED = "_matcher_boundary"  # marks a view function already wrapped
CSRF_KEY = "csrf_token"  # Flask-WTF's key in the session: its tokens are already in the page
# Refusals with their own answer: the 404 and 403 pages, and "this form was sent before".
OWN_ANSWER = (NotFound, Forbidden, AlreadySubmitted)
NOT_DONE = _l("Niet uitgevoerd")


class CommitFailed(Exception):
    """The database refused the commit; `original` says why (the request was rolled back)."""

    def __init__(self, original: Exception):
        super().__init__(type(original).__name__)
        self.original = original


@dataclass
class _Request:
    """What the boundary knows about the request it guards."""

    session_before: dict[str, Any]
    keep: bool = True
    back_to: str | None = None
    after: list[Callable[[], Any]] = field(default_factory=list)


@dataclass
class Refusal:
    """What `form_errors` caught: falsy when the block ran through."""

    error: DomainError | None = None
    message: str = ""
    conflict: edits.Conflict | None = None
    unplaced: dict[str, str] = field(default_factory=dict)  # sentences for places not a field

    def __bool__(self) -> bool:
        return self.error is not None


def install(app: Flask) -> None:
    """Guard every view of `app` (once; views wrapped before are left as they are)."""
    for endpoint, view in list(app.view_functions.items()):
        if endpoint != "static" and not getattr(view, GUARDED, False):
            app.view_functions[endpoint] = _guarded(view)


def _guarded(view: Callable) -> Callable:
    @functools.wraps(view)
    def guarded(*args, **kwargs):
        return run(view, *args, **kwargs)

    setattr(guarded, GUARDED, True)
    return guarded


def _state() -> _Request | None:
    return g.get("_boundary")


def run(view: Callable, *args, **kwargs):
    """Run one view inside the boundary and give its answer (see the module's docstring)."""
    if _state() is not None:  # a guarded view called from another one: the outer one decides
        return view(*args, **kwargs)
    state = g._boundary = _Request(session_before=copy.deepcopy(dict(session)))
    try:
        return _run(state, view, *args, **kwargs)
    finally:
        g.pop("_boundary", None)


def _run(state: _Request, view: Callable, *args, **kwargs):
    try:
        response = current_app.make_response(view(*args, **kwargs))
    except CommitFailed as failed:  # from commit_now()
        return _commit_failed(state, failed.original)
    except DomainError as error:
        db.session.rollback()
        _restore_session(state)
        if isinstance(error, NotFound | Forbidden):
            raise
        return _refusal(state, error)
    except BaseException:
        db.session.rollback()
        _restore_session(state)
        raise
    if response.status_code >= 400 or not state.keep:
        db.session.rollback()
        return response
    try:
        _commit()
    except CommitFailed as failed:
        return _commit_failed(state, failed.original)
    for work in state.after:
        work()
    return response


def _commit() -> None:
    try:
        db.session.commit()
    except SQLAlchemyError as error:  # StaleDataError, IntegrityError, a read-only database …
        db.session.rollback()
        raise CommitFailed(error) from error


def commit_now() -> None:
    """Commit what the request did so far, before the view goes on. Only where the order
    matters: the login stores its attempt and audit event before the session knows the user.
    A refused commit rolls back and is answered as at the end of a request (409, 503, 500);
    the rest of the view does not run."""
    _commit()


def after_commit(work: Callable, *args, **kwargs) -> None:
    """Run `work(*args, **kwargs)` once the request is committed; never when it is not."""
    state = _state()
    if state is None:
        raise RuntimeError("after_commit outside a guarded view")
    state.after.append(functools.partial(work, *args, **kwargs))


def back_to(url: str) -> None:
    """The page the view's form is on: a refusal from here on is flashed there (a redirect)."""
    state = _state()
    if state is not None:
        state.back_to = url


def discard() -> None:
    """Nothing of this request is stored: roll back now, commit nothing at its end and drop its
    after_commit work (a view answering a refusal in its own words; error handlers)."""
    db.session.rollback()
    state = _state()
    if state is not None:
        state.keep = False
        state.after.clear()


@contextmanager
def form_errors(form: Any, labels: dict[str, str] | None = None) -> Iterator[Refusal]:
    """For a view that shows its form again on a refusal. A DomainError in the block is
    discarded (rolled back, the request not committed) and put on the form: a StaleRecord as
    the conflict to show (`refused.conflict`, see matcher.web.edits); any other with
    `messages.field_errors` on the form's fields (`refused.unplaced` for places that are no
    field, such as grid cells) and `messages.render` as the form-level message. NotFound,
    Forbidden and AlreadySubmitted go on to their own answers."""
    refused = Refusal()
    try:
        yield refused
    except OWN_ANSWER:
        raise
    except StaleRecord as stale:
        discard()
        refused.error, refused.conflict = stale, edits.conflict(stale, form, labels)
    except DomainError as error:
        discard()
        refused.error, refused.message = error, messages.render(error)
        refused.unplaced = _attach(form, messages.field_errors(error))
        form.form_errors.append(refused.message)


def _attach(form: Any, sentences: dict[str, str]) -> dict[str, str]:
    """Put each sentence on the form field of its name; the ones that belong to no field."""
    unplaced = {}
    for name, sentence in sentences.items():
        target = getattr(form, name, None)
        if isinstance(target, Field):
            target.errors = [*target.errors, sentence]
        else:
            unplaced[name] = sentence
    return unplaced


def _refusal(state: _Request, error: DomainError):
    from matcher.web import errors  # (errors uses discard)

    message = messages.render(error)
    if state.back_to:
        flash(message, "error")
        return redirect(state.back_to)
    if isinstance(error, ValidationFailed):
        return errors.page(400, _l("Ongeldig verzoek"), message)
    if isinstance(error, StaleRecord):
        return errors.page(409, errors.PAGES[409][0], message)
    return errors.page(409, NOT_DONE, message)


def _commit_failed(state: _Request, error: Exception):
    from matcher.web import errors

    state.after.clear()
    _restore_session(state)
    if isinstance(error, StaleDataError | IntegrityError):
        current_app.logger.info("commit refused: %s", type(error).__name__)
        return errors.page(409, *errors.PAGES[409])
    if isinstance(error, DBAPIError) and errors.is_read_only(error):
        return errors.read_only()
    current_app.logger.error("commit failed: %s", type(error).__name__)
    return errors.page(500, *errors.SERVER_ERROR)


def _restore_session(state: _Request) -> None:
    """Undo the request's changes to the Flask session (a login, a flash saying "saved");
    the CSRF secret stays, as the page about to be shown already carries its tokens."""
    kept = session.get(CSRF_KEY)
    if dict(session) == state.session_before:
        return
    session.clear()
    session.update(state.session_before)
    if kept is not None:
        session[CSRF_KEY] = kept
    g.pop("_login_user", None)  # Flask-Login reads the user afresh from the restored session
