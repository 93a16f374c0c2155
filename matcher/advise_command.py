"""`matcher advise INSTANCE.json -o ADVICE.json`: recruitment advice as matcher-advice/1."""

import time

import click

from matcher.solve_command import _progress, read_instance, write_document
from matcher.solver.advice import advise as run_advice
from matcher.solver.advice_model import advice_to_json


@click.command("advise")
@click.argument("instance", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Advice file (else stdout).")
@click.option(
    "--suggestions",
    type=click.IntRange(min=1, max=100),
    default=5,
    show_default=True,
    help="Suggestions at most.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    help="Seconds for each full solve (the baseline, the final check), as in matcher solve.",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=2, show_default=True, help="Search workers."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
def advise(
    instance: str, output: str | None, suggestions: int, time_limit: float, workers: int, seed: int
) -> None:
    """Advise what to recruit for INSTANCE.json (matcher-instance/1): matcher-advice/1."""
    parsed = read_instance(instance)
    advice = run_advice(
        parsed,
        suggestions=suggestions,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        progress=_progress(time.monotonic()),
    )
    write_document(output, advice_to_json(advice))
