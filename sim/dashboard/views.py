"""The dashboard's views as figures and numbers, independent of the browser.

Each view takes a source of runs (``sim.analysis.source.Source``) and the choices made in
the dashboard, and returns the same publication figure the command line draws (fan charts
and effects from ``sim.analysis.figures``, intervals and the ICS map from
``sim.analysis.area_figures``) with a small table of the numbers behind it. ``export``
saves a view's figure stamped with its runs' provenance, as PNG and PDF.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sim.analysis import figures
from sim.analysis.area_figures import effect_intervals, ics_map
from sim.analysis.catalogue import first_start
from sim.analysis.source import METRICS, Source, SourceError
from sim.report.areas import ics_table
from sim.report.style import effect_text, pct, people

VIEWS = ("fan", "effects", "flows", "map")


@dataclass(frozen=True)
class Choice:
    """What the analyst picked.

    Attributes:
        scenarios: Scenarios to compare (the baseline among them for effects).
        metric: A key of ``sim.analysis.source.METRICS``.
        fy: Financial year (``YYYY/YY``).
        level: ``england``, ``region`` or ``ics``.
        area: ``England``, a region or an ICS.
    """

    scenarios: tuple[str, ...]
    metric: str
    fy: str
    level: str
    area: str


def _level_text(value: float, metric: str) -> str:
    return pct(value) if METRICS[metric][2] == "share" else people(value)


def fan(source: Source, c: Choice) -> tuple[figures.plt.Figure, pd.DataFrame]:
    """Median and 50/90% bands of each chosen scenario, and their values in the year."""
    title, ylabel, unit, head = METRICS[c.metric]
    series = source.series(c.metric, c.level, c.area, list(c.scenarios))
    start = _start(source, c.scenarios)
    fig = figures.fan_chart(series, f"{title}, {c.area}", ylabel, unit, start, source.labels)
    h = source.headline
    h = h[
        (h["level"] == c.level)
        & (h["area"] == c.area)
        & (h["fy"] == c.fy)
        & (h["metric"] == head)
        & h["scenario"].isin(c.scenarios)
    ]
    rows = []
    for scenario in c.scenarios:
        v = h.loc[h["scenario"] == scenario, "value"]
        lo, mid, hi = v.quantile([0.05, 0.5, 0.95])
        rows.append(
            {
                "scenario": source.labels[scenario],
                "year": c.fy,
                "runs": len(v),
                "median": _level_text(mid, c.metric),
                "90% of runs": f"{_level_text(lo, c.metric)} to {_level_text(hi, c.metric)}",
            }
        )
    return fig, pd.DataFrame(rows)


def _start(source: Source, scenarios) -> str | None:
    starts = []
    for scenario in scenarios:
        config = _config(source, scenario)
        starts += [first_start(config)] if first_start(config) else []
    return min(starts) if starts else None


def _config(source: Source, scenario: str) -> dict:
    folder = source.runs.loc[source.runs["scenario"] == scenario, "folder"].iloc[0]
    return json.loads((Path(folder) / "provenance.json").read_text())["config"]


def effects(source: Source, c: Choice) -> tuple[figures.plt.Figure, pd.DataFrame]:
    """Each chosen scenario's paired difference from the baseline by year, with intervals."""
    title, _, unit, head = METRICS[c.metric]
    others = [s for s in c.scenarios if s != source.baseline]
    if source.baseline is None or not others:
        raise SourceError(
            "scenarios: choose at least one scenario besides the baseline "
            f"({source.baseline!r}) to see paired effects"
        )
    e = source.effects(level=c.level, area=c.area, metric=head)
    e = e[e["scenario"].isin(others)]
    diff_unit = "points" if unit == "share" else unit
    fig = effect_intervals(e, f"{title}, {c.area}", diff_unit, source.labels, c.fy)
    now = e[e["fy"] == c.fy]
    rows = [
        {
            "scenario": source.labels[r.scenario],
            "year": c.fy,
            "pairs": r.n,
            "difference": effect_text(r.diff_mean, head),
            "95% interval": f"{effect_text(r.diff_lo, head)} to {effect_text(r.diff_hi, head)}",
        }
        for r in now.itertuples()
    ]
    return fig, pd.DataFrame(rows)


def flows(source: Source, c: Choice) -> tuple[figures.plt.Figure, pd.DataFrame]:
    """Moves a year from the area between care, the NHS and elsewhere (first scenario)."""
    scenario = c.scenarios[0]
    df = source.flows(scenario, c.fy, c.level, c.area)
    runs = int(df["runs"].iloc[0]) if len(df) else 0
    title = f"Moves a year from {c.area}, {c.fy}\n{source.labels[scenario]}, mean of {runs} runs"
    fig = figures.flow_chart(df, title)
    care = df[
        (df["from_status"] != df["to_status"])
        & ((df["from_status"] == "asc") | (df["to_status"] == "asc"))
    ]
    care = care.sort_values("count", ascending=False)
    rows = [
        {"from": r.from_status, "to": r.to_status, "people a year": people(r.count)}
        for r in care.itertuples()
    ]
    return fig, pd.DataFrame(rows)


def ics_map_view(source: Source, c: Choice) -> tuple[figures.plt.Figure, pd.DataFrame]:
    """Every ICS's value in the year (first scenario), the chosen ICS ringed.

    When the first scenario is not the baseline, its paired effect is mapped instead.
    """
    title, _, unit, head = METRICS[c.metric]
    scenario = c.scenarios[0]
    paired = source.baseline is not None and scenario != source.baseline
    if paired:
        e = source.effects(level="ics", fy=c.fy, metric=head)
        values = e[e["scenario"] == scenario].rename(columns={"diff_mean": "value"})
        what = f"{title}: {source.labels[scenario]} minus the baseline, {c.fy}"
        unit = "points" if unit == "share" else unit
    else:
        values = source.ics_values(c.metric, c.fy, scenario)
        what = f"{title}, {source.labels[scenario]}, {c.fy} (median of runs)"
    points = ics_table().merge(values[["area", "value"]], on="area")
    highlight = c.area if c.level == "ics" else None
    fig = ics_map(points, what, unit, highlight, diverging=paired)
    top = points.sort_values("value", ascending=False)
    fmt = (lambda v: effect_text(v, head)) if paired else (lambda v: _level_text(v, c.metric))
    rows = [{"ICS": r.area, "value": fmt(r.value)} for r in top.head(5).itertuples()]
    return fig, pd.DataFrame(rows)


DRAW = {"fan": fan, "effects": effects, "flows": flows, "map": ics_map_view}


def export(source: Source, view: str, c: Choice, out: Path) -> list[Path]:
    """Save a view's figure, stamped with its runs' provenance, as PNG and PDF.

    Returns:
        The files written: ``<out>/<view>_<metric>_<area>_<year>.png`` and ``.pdf``.
    """
    fig, _ = DRAW[view](source, c)
    runs = source.runs[source.runs["scenario"].isin(c.scenarios)]
    stem = f"{view}_{c.metric}_{c.area}_{c.fy}".replace("/", "-").replace(" ", "_")
    stem = "".join(ch for ch in stem if ch.isalnum() or ch in "_-.,")
    return figures.save(fig, Path(out) / stem, figures.sweep_stamp(runs))
