"""The `matcher` console command (Flask's CLI): init-db, create-user, seed, demo, serve, solve,
backup, restore, audit verify, advise."""

import contextlib
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade
from sqlalchemy import select
from werkzeug.serving import run_simple

from matcher import create_app, logs
from matcher.advise_command import advise
from matcher.config import setting
from matcher.extensions import db
from matcher.models import Role, User
from matcher.services import accounts, seeding
from matcher.services import demo as demo_data
from matcher.services.demo import DEMO_PASSWORD, SEEDS_DIR
from matcher.services.errors import ValidationFailed
from matcher.services.seed_rows import SeedError
from matcher.solve_command import solve
from matcher.web import messages


@click.group(cls=FlaskGroup, create_app=create_app, add_version_option=False)
def cli() -> None:
    """matcher: weekly matching for Z-route participation."""
    logs.install()  # the built-in server's request lines without query strings


@cli.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the database schema to the newest migration."""
    upgrade(directory=current_app.extensions["migrate"].directory)
    click.echo("Database bijgewerkt tot de nieuwste versie.")


@cli.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", default="", help="Display name (defaults to the e-mail address).")
@click.password_option("--password", prompt="Wachtwoord", confirmation_prompt="Herhaal wachtwoord")
@with_appcontext
def create_user(email: str, role: str, name: str, password: str) -> None:
    """Create an account; asks for the password."""
    try:
        accounts.create_user(email, name or email, Role(role), password)
    except ValidationFailed as error:
        db.session.rollback()
        raise click.ClickException(messages.render(error)) from None
    db.session.commit()
    click.echo(f"Account aangemaakt: {email} ({role}).")


@cli.command("seed")
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def seed(path: Path | None) -> None:
    """Load a region's CSV files (default: the demo region in seeds/)."""
    _load_seeds(path or SEEDS_DIR)


def _load_seeds(folder: Path) -> None:
    with _refusing_bad_seeds():
        counts = seeding.load_region(folder)
    db.session.commit()
    _report_counts(folder, counts)


@contextlib.contextmanager
def _refusing_bad_seeds():
    """Turn a SeedError into its list of problems on stderr and exit status 2."""
    try:
        yield
    except SeedError as error:
        db.session.rollback()
        click.echo("Niets ingelezen; de seed-bestanden bevatten fouten:", err=True)
        for problem in error.problems:
            click.echo(f"  {problem}", err=True)
        raise SystemExit(2) from None


def _report_counts(folder: Path, counts: dict[str, int]) -> None:
    summary = ", ".join(f"{name.removesuffix('.csv')} {count}" for name, count in counts.items())
    click.echo(f"Ingelezen uit {folder}: {summary}.")


@cli.command("demo")
@click.option("--port", default=5000, show_default=True)
@click.option("--no-serve", is_flag=True, help="Prepare the demo database but do not serve.")
@with_appcontext
def demo(port: int, no_serve: bool) -> None:
    """Create the demo database, load the demo region, print the accounts and serve."""
    with _refusing_bad_seeds():
        counts = demo_data.prepare_demo_database()
    _report_counts(SEEDS_DIR, counts)
    users = db.session.scalars(select(User).order_by(User.role, User.email)).all()
    click.echo(f"\nDemo-accounts (wachtwoord voor alle accounts: {DEMO_PASSWORD}):")
    for role in (Role.COORDINATOR, Role.COACH, Role.VOLUNTEER, Role.ADMIN):
        for user in [u for u in users if u.role == role][:4]:
            click.echo(f"  {role.value:<12} {user.email}")
    if not no_serve:
        click.echo(f"\nmatcher draait op http://127.0.0.1:{port}/ (stoppen: Ctrl+C)")
        _serve("127.0.0.1", port)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@with_appcontext
def serve(host: str, port: int) -> None:
    """Serve matcher with the built-in threaded server (use gunicorn in production)."""
    _serve(host, port)


def _serve(host: str, port: int) -> None:
    """Werkzeug's threaded server (Flask's app.run() refuses to run inside its own CLI)."""
    from matcher import jobs

    jobs.resume_after_restart()  # runs whose server stopped fail; waiting mail goes out
    run_simple(host, port, current_app._get_current_object(), threaded=True)


@cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Only list who would be erased.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), hidden=True)
@with_appcontext
def purge(dry_run: bool, today) -> None:
    """Erase participants whose integration duty ended more than 5 years ago."""
    from matcher.services import privacy
    from matcher.weeks import today as current_day

    day = today.date() if today else current_day()
    try:
        items = privacy.purge(day, dry_run=dry_run)
    except privacy.UnclassifiedTable as error:
        db.session.rollback()
        raise click.ClickException(
            f"Niets gewist; tabel zonder wisbeleid: {error.data['tables']}"
        ) from None
    verb = "Zou wissen" if dry_run else "Gewist"
    for item in items:
        ref = item.external_ref or "-"
        click.echo(f"  {ref} (id {item.id}): plicht beëindigd {item.duty_ended_on}")
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    cutoff = privacy.retention_cutoff(day)
    click.echo(f"{verb}: {len(items)} deelnemer(s) (plicht beëindigd vóór {cutoff}).")


@cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@with_appcontext
def worker(burst: bool) -> None:
    """Run matching and mail jobs from Redis (needs MATCHER_REDIS_URL)."""
    from matcher import jobs

    if not setting(current_app.config, "REDIS_URL"):
        raise click.ClickException("MATCHER_REDIS_URL is niet ingesteld.")
    jobs.resume_after_restart()  # runs whose worker stopped fail; waiting mail is queued
    jobs.work(current_app._get_current_object(), burst=burst)


@cli.command("send-mail")
@with_appcontext
def send_mail() -> None:
    """Send the e-mails waiting in the outbox (retries what failed before)."""
    from matcher.services import notifications

    sent, failed = notifications.send_pending()
    click.echo(f"Verstuurd: {sent}; mislukt (later opnieuw): {failed}.")
    if given_up := notifications.failed_count():
        click.echo(f"Na de laatste poging niet verstuurd: {given_up}.")


@cli.command("send-reminders")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Default: today.")
@with_appcontext
def send_reminders(today) -> None:
    """Queue tomorrow's meeting reminders (once per meeting, however often it runs), then send."""
    from matcher.services import notifications, reminders
    from matcher.web.feeds.words import reminder
    from matcher.weeks import today as today_in_nl

    day = today.date() if today else today_in_nl()
    queued = reminders.send_due(day, reminder)
    db.session.commit()
    sent, failed = notifications.send_pending()
    click.echo(f"Herinneringen in de wachtrij: {queued}; verstuurd: {sent}; mislukt: {failed}.")


BACKUP_MESSAGES = {
    "exists": "Dit bestand bestaat al; kies een nieuwe naam (een back-up overschrijft niets).",
    "missing": "Dit back-upbestand bestaat niet.",
    "not_a_backup": "Dit bestand is geen back-up van een matcher-database.",
    "unknown_schema": "Deze back-up heeft een schemaversie die deze matcher niet kent.",
    "newer_schema": "Niet teruggezet: de database heeft een nieuwer schema dan de back-up. "
    "Zet de back-up terug met de matcher-versie van toen, of in een lege database.",
    "pg_tools_missing": "pg_dump/pg_restore niet gevonden (installeer postgresql-client).",
    "tool_failed": "Het hulpprogramma van de database meldde een fout.",
}


def _backup_failed(error) -> click.ClickException:
    detail = f" ({error.detail})" if error.detail else ""
    return click.ClickException(BACKUP_MESSAGES.get(error.code, error.code) + detail)


@cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a backup of the whole database to PATH (SQLite backup API or pg_dump)."""
    from matcher.services import backup

    try:
        backup.backup(path)
    except backup.BackupError as error:
        raise _backup_failed(error) from None
    click.echo(f"Back-up geschreven: {path} (schema {backup.database_revision()}).")


@cli.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Replace the database's contents with the backup in PATH (stop the application first)."""
    from matcher.services import backup

    try:
        backup.check_restorable(path)
        if not yes:
            click.confirm("Alle huidige gegevens worden vervangen. Doorgaan?", abort=True)
        revision = backup.restore(path)
    except backup.BackupError as error:
        raise _backup_failed(error) from None
    click.echo(
        f"Teruggezet uit {path} (schema {revision}). Controleer daarna: matcher audit verify"
    )


@cli.group("audit")
def audit_group() -> None:
    """The audit trail's hash chain."""


@audit_group.command("verify")
@with_appcontext
def audit_verify() -> None:
    """Check the audit hash chain; name the first broken link (exit status 1)."""
    from matcher.services import audit_checks

    check, _ = audit_checks.verify_and_store("cli")
    db.session.commit()
    if check.intact:
        click.echo(f"Auditketen intact: {check.events} gebeurtenis(sen) gecontroleerd.")
        return
    problems = {
        "changed": "de inhoud is veranderd na het vastleggen",
        "link": "de verwijzing naar de vorige gebeurtenis klopt niet",
        "missing": "gebeurtenissen ervoor ontbreken",
        "tail": "gebeurtenissen aan het eind ontbreken",
    }
    which = f"gebeurtenis nr. {check.broken_seq}"
    if check.broken_id is not None:
        which += f" (id {check.broken_id})"
    click.echo(f"Auditketen GEBROKEN bij {which}: {problems[check.problem]}.", err=True)
    raise SystemExit(1)


cli.add_command(solve)
cli.add_command(advise)


def main() -> None:
    """Entry point of the `matcher` console script."""
    cli(prog_name="matcher")
