"""The progress chart as a standalone SVG (matplotlib's SVG backend, no pyplot, no script)."""

import io
from datetime import date, timedelta


def progress_svg(
    pip_date: date,
    end: date,
    today: date,
    target: float,
    hours_before: float,
    weekly: dict[date, float],
    labels: dict[str, str],
    minimum: float,
) -> bytes:
    """Cumulative hours against the straight line to the target, and weekly bars against the
    participant's weekly minimum (services.progress: six hours, or the load cap when lower)."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    mondays = _mondays(pip_date, min(today, end))
    values = [weekly.get(m, 0.0) for m in mondays]
    cumulative, total = [], hours_before
    for value in values:
        total += value
        cumulative.append(total)
    figure = Figure(figsize=(8, 6), layout="constrained")
    top, bottom = figure.subplots(2, 1)
    top.plot([pip_date, end], [0, target], linestyle="--", color="#4a4f57", label=labels["line"])
    top.step(mondays, cumulative, where="post", color="#0b5394", linewidth=2, label=labels["done"])
    top.set_title(labels["cumulative_title"])
    top.set_ylabel(labels["hours"])
    top.legend(loc="upper left")
    bottom.bar(mondays, values, width=5, color="#0b5394", label=labels["week"])
    bottom.axhline(minimum, color="#a4161a", linestyle="--", label=labels["minimum"])
    bottom.set_title(labels["weekly_title"])
    bottom.set_ylabel(labels["hours"])
    bottom.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, frameon=False)
    for axes in (top, bottom):
        axes.grid(axis="y", color="#c9ced6")
    buffer = io.BytesIO()
    FigureCanvasSVG(figure).print_svg(buffer, metadata={"Date": None})
    return buffer.getvalue()


def _mondays(start: date, until: date) -> list[date]:
    monday = start - timedelta(days=start.weekday())
    weeks = []
    while monday <= until:
        weeks.append(monday)
        monday += timedelta(weeks=1)
    return weeks or [monday]
