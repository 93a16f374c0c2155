"""A fuzz of every query parameter and every form field the app has, as every role that may reach
it: script, SQL, spreadsheet formulas, NaN and infinities, huge and invisible text, right-to-left
marks, control characters, non-Latin names, unknown choices. No answer may be a 500, and no page
may show a payload's markup raw. The parameters come from the GET forms on the pages, the
parameters views read themselves (QUERY_PARAMS) and the page number of every list; the fields
from the rendered forms. The corpus is sampled per field, the same on every run."""

from urllib.parse import urlsplit

import pytest
from werkzeug.datastructures import MultiDict

from matcher.models import Role
from tests.security.corpus import NUMERIC, sample, unescaped
from tests.security.forms import read_forms
from tests.security.routes import ALL_ROLES, PUBLIC, admitted
from tests.security.test_input_handling import SKIPPED_ACTIONS, _pages

# Query parameters that views read from request.args outside a GET form.
QUERY_PARAMS = {
    "hours.week": ("week", "kind"),
    "matching.review_page": ("filter",),
    "volunteer_portal.report": ("koppeling",),
    "placements.create": ("organisation",),
    "auth.login": ("next",),
    "monitor.index": ("municipality", "starts_on", "ends_on", "fmt"),
}
NUMBER_NAMES = {
    "page",
    "participant",
    "match",
    "match_id",
    "koppeling",
    "organisation",
    "max_hours_week",
    "travel_km",
    "lat",
    "lon",
    "hours_before",
    "capacity",
    "session_hours",
    "hours",
}
SKIPPED_KINDS = {"submit", "button", "reset", "image", "file"}


def _numeric(name: str) -> bool:
    return name in NUMBER_NAMES or name.startswith(("h-", "hours-", "capacity-"))


def _payloads(key: str, name: str, size: int) -> list[str]:
    extra = NUMERIC if _numeric(name) else []
    return list(dict.fromkeys(sample(key, size) + extra))


def _send(client, method: str, path: str, what: str, **kw):
    """The response, or the problem when the view raised (in tests exceptions propagate)."""
    try:
        return client.open(path, method=method, **kw), None
    except Exception as error:
        return None, f"{what} -> {type(error).__name__}: {str(error)[:120]}"


def _problem(response, what: str) -> str | None:
    if response.status_code >= 500:
        return f"{what} -> {response.status_code}"
    if response.mimetype == "text/html":
        raw = unescaped(response.get_data(as_text=True))
        if raw:
            return f"{what} shows {raw[0]!r} unescaped"
    return None


def _query_targets(app, rules, pages: dict[str, str]) -> set[tuple[str, str]]:
    """(path, parameter) pairs: GET-form fields, parameters views read, and page numbers."""
    targets = set()
    endpoints = {}
    with app.test_request_context():
        adapter = app.url_map.bind("localhost")
        for url in pages:
            endpoint, _args = adapter.match(urlsplit(url).path)
            endpoints[url] = endpoint
    for url, html in pages.items():
        targets.add((url, "page"))
        targets.update((url, name) for name in QUERY_PARAMS.get(endpoints[url], ()))
        for form in read_forms(html, url):
            if form.method == "get":
                names = {f.name for f in form.fields if f.kind not in SKIPPED_KINDS}
                targets.update((form.action, name) for name in names)
    return targets


def _fuzz_queries(client, targets, size: int) -> tuple[list[str], int]:
    problems, sent = [], 0
    for path, name in sorted(targets):
        for payload in _payloads(f"GET {path} {name}", name, size):
            what = f"GET {path}?{name}={payload[:40]!r}"
            query = MultiDict([(name, payload)])
            response, crash = _send(client, "GET", path, what, query_string=query)
            sent += 1
            problems.append(crash or _problem(response, what))
    return [p for p in problems if p], sent


def _post_forms(pages: dict[str, str]):
    """Each distinct POST form once (forms repeated per row of a table count once)."""
    seen = set()
    for url, html in pages.items():
        for form in read_forms(html, url):
            names = tuple(sorted({f.name for f in form.fields}))
            if form.method != "post" or form.action.startswith(SKIPPED_ACTIONS):
                continue
            if (form.action, names) not in seen:
                seen.add((form.action, names))
                yield form


def _fields_to_fuzz(form) -> list[str]:
    """The form's field names; of a grid's cells (hours-mon-am, h-12-3, ...) two per grid."""
    names = dict.fromkeys(
        f.name for f in form.fields if f.kind not in SKIPPED_KINDS and f.name != "csrf_token"
    )
    per_grid: dict[str, int] = {}
    chosen = []
    for name in names:
        grid = name.partition("-")[0] if "-" in name else name
        per_grid[grid] = per_grid.get(grid, 0) + 1
        if per_grid[grid] <= 2:
            chosen.append(name)
    return chosen


def _fuzz_forms(client, pages: dict[str, str], size: int) -> tuple[list[str], int]:
    problems, sent = [], 0
    for form in _post_forms(pages):
        for name in _fields_to_fuzz(form):
            for payload in _payloads(f"POST {form.action} {name}", name, size):
                what = f"POST {form.action} [{name}={payload[:40]!r}]"
                data = MultiDict(form.values({name: payload}))
                response, crash = _send(client, "POST", form.action, what, data=data)
                sent += 1
                problems.append(crash or _problem(response, what))
    return [p for p in problems if p], sent


def _stored_problems(client, pages: dict[str, str]) -> list[str]:
    """Pages opened again after the fuzz: stored payloads are shown escaped."""
    return [p for p in (_problem(client.get(url), f"GET {url} again") for url in pages) if p]


@pytest.mark.parametrize("role", ALL_ROLES, ids=lambda r: r.value)
def test_hostile_input_in_every_parameter_and_field_gives_no_500(app, rules, world_for, role):
    client, world = world_for(role)
    for kind in ("match_id", "entry_id", "absence_id"):
        world.reachable(kind)  # so pages have rows, and forms ids to tamper with
    world.client = client
    pages = _pages(app, rules, role, world)
    query_problems, queries = _fuzz_queries(client, _query_targets(app, rules, pages), size=4)
    form_problems, posts = _fuzz_forms(client, pages, size=3)
    problems = query_problems + form_problems + _stored_problems(client, pages)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
    if role == Role.COORDINATOR:
        assert queries > 100 and posts > 200  # the fuzz really reached the forms


def test_hostile_input_in_the_public_pages_gives_no_500(app, client, rules):
    pages = {}
    for rule in rules:
        if admitted(rule) == PUBLIC and "GET" in rule.methods and not rule.arguments:
            with app.test_request_context():
                response = client.get(rule.rule)
            if response.status_code == 200 and response.mimetype == "text/html":
                pages[rule.rule] = response.get_data(as_text=True)
    query_problems, queries = _fuzz_queries(client, _query_targets(app, rules, pages), size=8)
    form_problems, posts = _fuzz_forms(client, pages, size=8)
    problems = query_problems + form_problems
    assert not problems, "\n".join(problems[:40])
    assert queries > 0 and posts > 0
