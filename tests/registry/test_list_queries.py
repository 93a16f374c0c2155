"""Registry lists run a fixed number of queries per page, however many records there are."""

from contextlib import contextmanager

from sqlalchemy import event

from matcher.extensions import db
from matcher.models import Role


@contextmanager
def counted():
    statements: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def queries_for(client, url: str) -> int:
    with counted() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def fill(make, n: int, start: int) -> None:
    coach = make.user(Role.COACH, password=None)
    town = make.municipality()
    for i in range(start, start + n):
        make.participant(
            coach=coach if i % 2 else make.user(Role.COACH, password=None), municipality=town
        )
        make.placement(sessions={"mon-am": (3, 2), "tue-pm": (2, 1)})
        make.volunteer(municipality=town if i % 2 else make.municipality())


def test_lists_do_not_grow_queries_with_the_number_of_rows(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    urls = ["/deelnemers/", "/plekken/", "/vrijwilligers/", "/organisaties/"]
    fill(make, 3, 0)
    few = {url: queries_for(client, url) for url in urls}
    fill(make, 57, 3)  # now more than one page of 50
    many = {url: queries_for(client, url) for url in urls}
    assert many == few
    assert all(count <= 8 for count in many.values()), many
    assert queries_for(client, "/deelnemers/?page=2") == many["/deelnemers/"]
