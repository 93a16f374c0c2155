"""`matcher solve INSTANCE.json`: solve a matcher-instance/1 file, write matcher-result/1."""

import json
import os
import sys
import tempfile
import time

import click

from matcher.solver.instance_io import InstanceError, parse_instance, result_to_json
from matcher.solver.solve import solve as run_solver

QUIET_SECONDS = 2.0


@click.command("solve")
@click.argument("instance", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Result file (else stdout).")
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    help="Seconds the solver may use.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Search workers (threads).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
def solve(instance: str, output: str | None, time_limit: float, workers: int, seed: int) -> None:
    """Solve INSTANCE.json (matcher-instance/1) and write the plan as matcher-result/1."""
    try:
        with open(instance, encoding="utf-8") as handle:
            doc = json.load(handle)
        parsed = parse_instance(doc)
    except json.JSONDecodeError as error:
        _refuse(
            f"{instance}: not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}"
        )
    except UnicodeDecodeError as error:
        _refuse(f"{instance}: not UTF-8 text: {error.reason}")
    except InstanceError as error:
        _refuse(f"{instance}: {error}")
    result = run_solver(
        parsed,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        progress=_progress(time.monotonic()),
    )
    text = json.dumps(result_to_json(result), ensure_ascii=False, indent=1) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        _write_atomically(output, text)


def _refuse(message: str) -> None:
    click.echo(message, err=True)
    raise click.exceptions.Exit(2)


def _progress(start: float):
    """Progress lines on stderr, once the run has taken more than a few seconds."""

    def report(message: str) -> None:
        elapsed = time.monotonic() - start
        if elapsed >= QUIET_SECONDS:
            click.echo(f"[{elapsed:6.1f} s] {message}", err=True)

    return report


def _write_atomically(path: str, text: str) -> None:
    """Write to a temporary file next to `path`, then rename: never a half-written result."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".matcher-result-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
