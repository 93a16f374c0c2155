"""The `matcher` command line: create-user, seed and init-db."""

from pathlib import Path

from sqlalchemy import func, select

from matcher.cli import cli
from matcher.extensions import db
from matcher.models import Participant, Role, User
from matcher.services import accounts


def test_create_user_asks_for_the_password_and_hashes_it(app, app_ctx):
    runner = app.test_cli_runner()
    result = runner.invoke(
        cli,
        ["create-user", "New@Example.org", "--role", "coach"],
        input="a long password\na long password\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "new@example.org"))
    assert user.role == Role.COACH
    assert user.password_hash != "a long password"
    assert accounts.authenticate("new@example.org", "a long password") == user


def test_create_user_refuses_a_short_password_and_a_duplicate(app, app_ctx, make):
    runner = app.test_cli_runner()
    short = runner.invoke(
        cli, ["create-user", "a@example.org", "--role", "coach"], input="short\nshort\n"
    )
    assert short.exit_code != 0 and "minstens 10 tekens" in short.output
    make.user(Role.COACH, email="taken@example.org")
    duplicate = runner.invoke(
        cli,
        ["create-user", "taken@example.org", "--role", "coach"],
        input="a long password\na long password\n",
    )
    assert duplicate.exit_code != 0 and "bestaat al" in duplicate.output


def test_seed_loads_the_demo_region_and_reports(app, app_ctx):
    result = app.test_cli_runner().invoke(cli, ["seed"])
    assert result.exit_code == 0, result.output
    assert "participants 120" in result.output
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 120


def test_seed_with_a_malformed_folder_exits_2_and_writes_nothing(app, app_ctx, tmp_path: Path):
    (tmp_path / "municipalities.csv").write_text("name,main_place,lat,lon\nAlmelo,Almelo,95,6\n")
    result = app.test_cli_runner().invoke(cli, ["seed", str(tmp_path)])
    assert result.exit_code == 2
    assert "municipalities.csv, rij 2, veld lat: 95 ligt niet tussen -90 en 90" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_demo_prepares_the_database_and_prints_accounts_that_log_in(app, app_ctx):
    from matcher.services.demo import DEMO_PASSWORD

    result = app.test_cli_runner().invoke(cli, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "coordinator  coordinator@welzijn-twente.example" in result.output
    assert DEMO_PASSWORD in result.output
    assert accounts.authenticate("coordinator@welzijn-twente.example", DEMO_PASSWORD) is not None
    again = app.test_cli_runner().invoke(cli, ["demo", "--no-serve"])  # running it twice is fine
    assert again.exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 120
