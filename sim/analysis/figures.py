"""Figures of many runs: fan charts, effect charts, small multiples, flows; the shared style.

Effects across scenarios (dose-response, cost against effect) are in
``sim.analysis.effect_figures``.

Every figure is saved as PNG and PDF and stamped with the package version, the commit(s)
of the runs, a hash of their configs, the number of runs and replicates and their scale.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from matplotlib.ticker import FuncFormatter, PercentFormatter  # noqa: E402

from sim.output.plots import COLOURS  # noqa: E402
from sim.output.reading import provenance_of
from sim.output.results import package_versions  # noqa: E402

PALETTE = ("#222222", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")
FORMATS = ("png", "pdf")


def sweep_stamp(runs: pd.DataFrame) -> str:
    """Provenance line of a figure drawn from the runs of ``sim.analysis.catalogue.runs_table``."""
    digest = hashlib.sha256(",".join(sorted(runs["config_hash"])).encode()).hexdigest()[:12]
    commits = sorted({c[:12] for c in runs["git_commit"]})
    if "scale" in runs:
        scales = sorted(set(runs["scale"]))
    else:  # not swept, so not a column: each run's provenance holds it
        scales = sorted({_run_scale(f) for f in runs["folder"]})
    return (
        f"carework-sim {package_versions()['carework-sim']} | commit {', '.join(commits)} | "
        f"configs {digest} | {len(runs)} runs, {runs['seed'].nunique()} seeds, "
        f"{runs['member'].nunique()} ensemble member(s)"
        + (f" | scale {', '.join(map(str, scales))}" if scales else "")
    )


def _run_scale(folder: str) -> float:
    return provenance_of(folder)["scale"]


def band_label(series: pd.DataFrame) -> str:
    """What a band is taken over: replicates, or ensemble members x replicates."""
    members = series["draw"].str.partition("/")[0].nunique() if "draw" in series else 1
    seeds = series["seed"].nunique()
    if members > 1:
        return f"{members} ensemble members x {seeds} replicates (parameter and seed uncertainty)"
    return f"{seeds} replicates (seed uncertainty only)"


def _draw_key(series: pd.DataFrame) -> str:
    return "draw" if "draw" in series else "seed"


STAMP_SPACE = 0.035
"""Share of the figure's height kept free at its foot for the provenance stamp."""
FEW_DRAWS = 10
"""Below this many runs a band is a rough sketch of the spread; figures say so."""


def save(fig: plt.Figure, stem: Path, stamp: str) -> list[Path]:
    """Stamp a figure and write it as PNG and PDF (each written, then renamed into place).

    The stamp sits in its own strip at the foot (the axes are laid out above it) and is
    also written into each file's metadata (PNG ``Description``, PDF ``Subject``).
    """
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set") and "rect" in engine.get():
        engine.set(rect=(0, STAMP_SPACE, 1, 1 - STAMP_SPACE))  # left, bottom, width, height
    fig.text(0.01, 0.006, stamp, fontsize=6.5, color="#555555", ha="left", va="bottom")
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in FORMATS:
        path = stem.with_suffix(f".{fmt}")
        tmp = path.parent / f".tmp-{path.name}-{os.getpid()}"
        meta = {"Description": stamp} if fmt == "png" else {"Subject": stamp}
        fig.savefig(tmp, dpi=150, format=fmt, metadata=meta)
        os.replace(tmp, path)
        paths.append(path)
    plt.close(fig)
    return paths


def value_axis(ax, unit: str) -> None:
    """Tick labels for a unit.

    ``share`` as %, ``points`` (a difference of shares) in percentage points, ``count``
    with thousands separators, ``gbp`` in GBP millions; anything else as it comes.
    """
    if unit == "share":
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=None))
    elif unit == "points":
        ax.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _: "0" if abs(v) < 1e-12 else f"{100 * v:+.1f} pp")
        )
    elif unit == "count":
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    elif unit == "gbp":
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"GBP {v / 1e6:,.0f}m"))


def date_axis(ax) -> None:
    """Month ticks that do not collide: years once, months between (concise dates)."""
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def caveat(ax, n: int) -> None:
    """Say so on the axes when a band rests on fewer than ``FEW_DRAWS`` runs.

    The line heads the legend when the axes have one (so the legend cannot hide it), and
    sits in the lower right corner otherwise.
    """
    if n >= FEW_DRAWS:
        return
    text = f"only {n} runs a scenario: bands are rough"
    legend = ax.get_legend()
    if legend is not None:
        legend.set_title(text, prop={"size": 7})
        legend.get_title().set_color("#b00020")
        return
    ax.text(0.99, 0.01, text, transform=ax.transAxes, ha="right", va="bottom", fontsize=7,
            color="#b00020")  # fmt: skip


def mark_start(ax, start: str | None, label: str = "policy starts") -> None:
    """A dashed vertical line at a policy's start month (YYYY-MM), if given."""
    if start:
        x = pd.Timestamp(start)
        ax.axvline(x, color="#555555", ls="--", lw=0.9)
        ax.annotate(label, (x, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -12),
                    textcoords="offset points", fontsize=7, color="#555555")  # fmt: skip


def _band(ax, x, runs: np.ndarray, colour: str, label: str) -> None:
    """Median line with 50% and 90% bands of runs (rows) over x (columns)."""
    q = np.nanpercentile(runs, [5, 25, 50, 75, 95], axis=0)
    ax.fill_between(x, q[0], q[4], color=colour, alpha=0.15, lw=0)
    ax.fill_between(x, q[1], q[3], color=colour, alpha=0.3, lw=0)
    ax.plot(x, q[2], color=colour, lw=1.6, label=f"{label} (n={runs.shape[0]})")


def fan_chart(
    series: pd.DataFrame,
    title: str,
    ylabel: str,
    unit: str = "",
    start: str | None = None,
    labels: dict[str, str] | None = None,
) -> plt.Figure:
    """Replicates of each scenario: median and 50/90% bands over time.

    Args:
        series: Columns ``scenario``, ``seed``, ``date`` (YYYY-MM) and ``value``, and
            ``draw`` (ensemble member and seed) when runs span ensemble members.
        title: Title of the axes.
        ylabel: Label of the y axis, with its unit.
        unit: ``share``, ``count`` or ``gbp`` for matching tick labels (``value_axis``).
        start: A policy's start month (YYYY-MM) to mark, if any.
        labels: Legend text by scenario name (default: the names).
    """
    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    n = 0
    for k, (scenario, g) in enumerate(series.groupby("scenario", sort=False)):
        wide = g.pivot_table(index=_draw_key(g), columns="date", values="value")
        name = (labels or {}).get(scenario, scenario)
        _band(ax, pd.to_datetime(wide.columns), wide.to_numpy(), PALETTE[k % 7], name)
        n = max(n, len(wide))
    ax.set_ylabel(ylabel)
    ax.set_title(f"{title}\nmedian, 50% and 90% of {band_label(series)}", fontsize=10)
    _finish(ax, unit, start, n)
    return fig


def _finish(ax, unit: str, start: str | None, n: int) -> None:
    """Tick labels, the policy start, the few-runs caveat and the legend of a fan."""
    value_axis(ax, unit)
    date_axis(ax)
    mark_start(ax, start)
    ax.legend(fontsize=8)
    caveat(ax, n)


def effect_chart(
    series: pd.DataFrame,
    title: str,
    ylabel: str,
    unit: str = "",
    start: str | None = None,
    labels: dict[str, str] | None = None,
    baseline: str = "baseline",
) -> plt.Figure:
    """Each scenario minus the baseline run sharing its draw, over time: median and bands.

    Args:
        series: As ``fan_chart``; the baseline scenario must be in it.
        title: Title of the axes.
        ylabel: Label of the y axis: the difference, with its unit.
        unit: As ``fan_chart``.
        start: As ``fan_chart``.
        labels: As ``fan_chart``.
        baseline: Name of the baseline scenario.
    """
    key = _draw_key(series)
    wide = series.pivot_table(index=["scenario", key], columns="date", values="value")
    base = wide.loc[baseline]
    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    ax.axhline(0, color="#999999", lw=0.8)
    n = 0
    for k, scenario in enumerate(s for s in wide.index.unique(0) if s != baseline):
        diff = wide.loc[scenario].sub(base).dropna(how="all")
        name = (labels or {}).get(scenario, scenario)
        _band(ax, pd.to_datetime(diff.columns), diff.to_numpy(), PALETTE[(k + 1) % 7], name)
        n = max(n, len(diff))
    ax.set_ylabel(ylabel)
    ax.set_title(
        f"{title}: paired difference from the baseline\nmedian, 50% and 90% of "
        f"{band_label(series)}",
        fontsize=10,
    )
    _finish(ax, "points" if unit == "share" else unit, start, n)
    return fig


def small_multiples(
    series: pd.DataFrame, title: str, ylabel: str, labels: dict[str, str] | None = None
) -> plt.Figure:
    """One panel per area: each scenario's median and 90% band of replicates over time.

    Args:
        series: Columns ``area``, ``scenario``, ``seed``, ``date``, ``value``.
        title: Title of the figure.
        ylabel: The value's unit.
        labels: Legend text by scenario name (default: the names).
    """
    areas = sorted(series["area"].unique())
    cols = min(4, len(areas))
    rows = -(-len(areas) // cols)
    fig, axes = plt.subplots(
        rows, cols, figsize=(3.2 * cols, 2.4 * rows), sharex=True, sharey=True, squeeze=False
    )
    for ax, area in zip(axes.flat, areas, strict=False):
        for k, (scenario, g) in enumerate(series[series["area"] == area].groupby("scenario")):
            wide = g.pivot_table(index=_draw_key(g), columns="date", values="value")
            x, runs = pd.to_datetime(wide.columns), wide.to_numpy()
            q = np.nanpercentile(runs, [5, 50, 95], axis=0)
            ax.fill_between(x, q[0], q[2], color=PALETTE[k % 7], alpha=0.2, lw=0)
            ax.plot(
                x, q[1], color=PALETTE[k % 7], lw=1.2, label=(labels or {}).get(scenario, scenario)
            )
        ax.set_title(area, fontsize=8)
        ax.tick_params(labelsize=6)
        if ylabel == "share of posts":
            value_axis(ax, "share")
    for ax in list(axes.flat)[len(areas) :]:
        ax.set_visible(False)
    for col in range(cols):  # dates under the lowest panel of every column
        lowest = max(r for r in range(rows) if r * cols + col < len(areas))
        axes[lowest, col].xaxis.set_tick_params(labelbottom=True)
        date_axis(axes[lowest, col])
    axes.flat[0].legend(fontsize=6)
    fig.suptitle(f"{title} ({ylabel}): median and 90% of {band_label(series)}")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


NODES = {"asc": (0.2, 0.75), "nhs": (0.8, 0.75), "outside": (0.8, 0.2), "non_employed": (0.2, 0.2)}


def flow_chart(flows: pd.DataFrame, title: str) -> plt.Figure:
    """Moves between ASC, NHS, outside work and non-employment, arrows scaled by people.

    Args:
        flows: Columns ``from_status``, ``to_status``, ``count`` (people per year, e.g. the
            mean over replicates and years).
        title: Title of the figure.
    """
    fig, ax = plt.subplots(figsize=(7, 6))
    ax.set_axis_off()
    sel = flows[flows["from_status"].isin(NODES) & flows["to_status"].isin(NODES)]
    sel = sel[sel["from_status"] != sel["to_status"]]
    top = sel["count"].max() if len(sel) else 1.0
    for row in sel.itertuples():
        a, b = np.array(NODES[row.from_status]), np.array(NODES[row.to_status])
        normal = np.array([b[1] - a[1], a[0] - b[0]]) * 0.06
        arrow = FancyArrowPatch(
            a + normal,
            b + normal,
            arrowstyle="-|>",
            mutation_scale=14,
            lw=0.5 + 10 * row.count / top,
            color=COLOURS[row.from_status],
            alpha=0.7,
            shrinkA=38,
            shrinkB=38,
        )
        ax.add_patch(arrow)
        mid = (a + b) / 2 + normal * 1.8
        ax.text(*mid, f"{row.count / 1e3:,.1f}k", fontsize=8, ha="center", va="center")
    for name, (x, y) in NODES.items():
        ax.text(
            x,
            y,
            name.replace("_", "-"),
            ha="center",
            va="center",
            fontsize=11,
            bbox={"boxstyle": "round", "fc": "white", "ec": COLOURS[name]},
        )
    ax.set(xlim=(0, 1), ylim=(0, 1), title=title)
    return fig
