"""`matcher solve INSTANCE.json`: solve a matcher-instance/1 file, write matcher-result/1."""

import json
import os
import sys
import tempfile
import time

import click

from matcher.solver.instance_io import InstanceError, parse_instance, result_to_json
from matcher.solver.model import Reason, Result
from matcher.solver.solve import solve as run_solver

QUIET_SECONDS = 2.0

# The plain Dutch sentences of matcher-result/1 `reasons`, per reason code of the solver
# (explain.py); the web app words the same codes in web/matching/reasons.py.
SENTENCES = {
    "no_reachable_placement": "Geen plek binnen {max_km} km; de dichtstbijzijnde ligt op "
    "{nearest_km} km.",
    "language_level": "De plekken binnen bereik vragen een hoger taalniveau (minstens "
    "{lowest_needed}) dan {level}.",
    "no_shared_daypart": "Geen van de {reachable} plekken binnen bereik heeft een dagdeel "
    "waarop deze deelnemer beschikbaar is.",
    "load_cap": "De belastbaarheid ({max_hours} uur) laat met de beschikbare dagdelen hooguit "
    "{possible_hours} uur toe, minder dan {minimum} uur.",
    "too_few_hours": "De plekken binnen bereik bieden op de beschikbare dagdelen samen hooguit "
    "{possible_hours} uur, minder dan {minimum} uur.",
    "capacity_taken": "De {sessions} passende dagdelen zijn vol, bezet door {taken_by} andere "
    "deelnemers, van wie {more_urgent} met meer achterstand.",
    "no_combination": "De {free_sessions} vrije dagdelen binnen bereik zijn samen niet genoeg "
    "voor het minimum naast de andere afspraken.",
    "pinned": "Vastgezette afspraken laten geen ruimte voor meer uren.",
    "no_volunteer_reachable": "Geen {kind} binnen bereik{nearest}.",
    "no_volunteer_daypart": "Geen van de {reachable} {kinds} binnen bereik is beschikbaar op "
    "een dagdeel van deze deelnemer.",
    "volunteer_capacity_taken": "De {volunteers} passende {kinds} zijn al bezet, door {taken_by} "
    "andere deelnemers.",
    "rejected": "{count} van de {reachable} plekken binnen bereik {is} eerder afgewezen voor "
    "deze deelnemer.",
    "volunteer_rejected": "De {kinds} binnen bereik zijn eerder afgewezen voor deze deelnemer.",
    "no_room_for_volunteer": "Geen vrij dagdeel of uur meer voor een {kind} naast de plekken.",
    "out_of_reach": "{count} {plekken} met een passend dagdeel en taalniveau {liggen} verder "
    "dan {max_km} km ({op} {nearest_km} km).",
    "distance": "Op {km} km afstand.",
    # some, not all, of the places within reach (reason codes with a `count`)
    "language_level_some": "{count} van de {reachable} plekken binnen bereik {vraagt} een hoger "
    "taalniveau (minstens {lowest_needed}) dan {level}.",
    "no_shared_daypart_some": "{count} van de {reachable} plekken binnen bereik {heeft} geen "
    "dagdeel waarop deze deelnemer beschikbaar is.",
    "interest": "Past bij de interesse {category}.",
    "kept_from_current": "Loopt al; voortgezet.",
}


def reason_text(reason: Reason) -> str:
    """The plain Dutch sentence for a reason code."""
    data = {k: _number(v) for k, v in reason.data.items()}
    if reason.code == "no_reachable_placement" and data.get("nearest_km") is None:
        return f"Geen enkele plek binnen {data['max_km']} km."
    if "kind" in data:
        data["kinds"] = {"taalmaatje": "taalmaatjes", "buddy": "buddy's"}[data["kind"]]
    if reason.code == "no_volunteer_reachable":
        km = data.get("nearest_km")
        data["nearest"] = "" if km is None else f"; de dichtstbijzijnde woont op {km} km"
    code = reason.code
    one = reason.data.get("count") == 1  # "1 van de 3 plekken vraagt", "2 … vragen"
    data.update(vraagt="vraagt" if one else "vragen", heeft="heeft" if one else "hebben")
    data["is"] = "is" if one else "zijn"
    data.update(plekken="plek" if one else "plekken", liggen="ligt" if one else "liggen")
    data["op"] = "op" if one else "de dichtstbijzijnde op"
    count, reachable = reason.data.get("count"), reason.data.get("reachable")
    if count is not None and reachable is not None and count < reachable:
        code = f"{code}_some" if f"{code}_some" in SENTENCES else code
    return SENTENCES.get(code, code).format(**data)


def _number(value):
    """Numbers the Dutch way: decimal comma, no trailing zeros."""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return value


def result_document(result: Result) -> dict:
    """The matcher-result/1 document, its `reasons` in plain Dutch."""
    return result_to_json(result, reason_text)


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
    parsed = read_instance(instance)
    result = run_solver(
        parsed,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        progress=_progress(time.monotonic()),
    )
    write_document(output, result_document(result))


def read_instance(instance: str):
    """The parsed instance file; exit 2 naming the file and the place when it is not one."""
    try:
        with open(instance, encoding="utf-8") as handle:
            doc = json.load(handle)
        return parse_instance(doc)
    except json.JSONDecodeError as error:
        _refuse(
            f"{instance}: not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}"
        )
    except UnicodeDecodeError as error:
        _refuse(f"{instance}: not UTF-8 text: {error.reason}")
    except InstanceError as error:
        _refuse(f"{instance}: {error}")


def write_document(output: str | None, document: dict) -> None:
    """The JSON document to `output` (atomically) or to stdout."""
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
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
