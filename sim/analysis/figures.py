"""Figures of many runs: fan charts, dose-response, small multiples, flows, cost-effect.

Every figure is saved as PNG and PDF and stamped with the package version, the commit(s)
of the runs, a hash of their configs, the number of runs and replicates and their scale.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

from sim.output.plots import COLOURS  # noqa: E402
from sim.output.results import package_versions  # noqa: E402

PALETTE = ("#222222", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")
FORMATS = ("png", "pdf")


def sweep_stamp(runs: pd.DataFrame) -> str:
    """Provenance line of a figure drawn from the runs of ``sim.analysis.catalogue.runs_table``."""
    digest = hashlib.sha256(",".join(sorted(runs["config_hash"])).encode()).hexdigest()[:12]
    commits = sorted({c[:12] for c in runs["git_commit"]})
    scales = sorted(set(runs["scale"])) if "scale" in runs else []
    return (
        f"carework-sim {package_versions()['carework-sim']} | commit {', '.join(commits)} | "
        f"configs {digest} | {len(runs)} runs, {runs['seed'].nunique()} seeds, "
        f"{runs['member'].nunique()} ensemble member(s)"
        + (f" | scale {', '.join(map(str, scales))}" if scales else "")
    )


def band_label(series: pd.DataFrame) -> str:
    """What a band is taken over: replicates, or ensemble members x replicates."""
    members = series["draw"].str.partition("/")[0].nunique() if "draw" in series else 1
    seeds = series["seed"].nunique()
    if members > 1:
        return f"{members} ensemble members x {seeds} replicates (parameter and seed uncertainty)"
    return f"{seeds} replicates (seed uncertainty only)"


def _draw_key(series: pd.DataFrame) -> str:
    return "draw" if "draw" in series else "seed"


def save(fig: plt.Figure, stem: Path, stamp: str) -> list[Path]:
    """Stamp a figure and write it as PNG and PDF (each written, then renamed into place)."""
    fig.text(0.01, 0.003, stamp, fontsize=6.5, color="#555555", ha="left", va="bottom")
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in FORMATS:
        path = stem.with_suffix(f".{fmt}")
        tmp = path.parent / f".tmp-{path.name}-{os.getpid()}"
        fig.savefig(tmp, dpi=150, format=fmt)
        os.replace(tmp, path)
        paths.append(path)
    plt.close(fig)
    return paths


def _band(ax, x, runs: np.ndarray, colour: str, label: str) -> None:
    """Median line with 50% and 90% bands of runs (rows) over x (columns)."""
    q = np.nanpercentile(runs, [5, 25, 50, 75, 95], axis=0)
    ax.fill_between(x, q[0], q[4], color=colour, alpha=0.15, lw=0)
    ax.fill_between(x, q[1], q[3], color=colour, alpha=0.3, lw=0)
    ax.plot(x, q[2], color=colour, lw=1.6, label=f"{label} (n={runs.shape[0]})")


def fan_chart(series: pd.DataFrame, title: str, ylabel: str) -> plt.Figure:
    """Replicates of each scenario: median and 50/90% bands over time.

    Args:
        series: Columns ``scenario``, ``seed``, ``date`` (YYYY-MM) and ``value``, and
            ``draw`` (ensemble member and seed) when runs span ensemble members.
        title: Title of the axes.
        ylabel: Label of the y axis, with its unit.
    """
    fig, ax = plt.subplots(figsize=(9, 5), constrained_layout=True)
    for k, (scenario, g) in enumerate(series.groupby("scenario", sort=False)):
        wide = g.pivot_table(index=_draw_key(g), columns="date", values="value")
        _band(ax, pd.to_datetime(wide.columns), wide.to_numpy(), PALETTE[k % 7], scenario)
    ax.set(title=f"{title}\nmedian, 50% and 90% of {band_label(series)}", ylabel=ylabel)
    ax.legend(fontsize=8)
    return fig


def dose_response(effects: pd.DataFrame, dose: str, metrics: list[str]) -> plt.Figure:
    """Mean paired effect (with its interval) against a swept dose, one panel per metric.

    Args:
        effects: ``sim.analysis.paired.paired_effects`` rows of one area and year with a numeric
            column named ``dose``.
        dose: Name of the dose column (e.g. the share of the NHS pay gap closed).
        metrics: Metrics to draw.
    """
    fig, axes = plt.subplots(1, len(metrics), figsize=(4 * len(metrics), 4), squeeze=False)
    for ax, metric in zip(axes[0], metrics, strict=True):
        d = effects[effects["metric"] == metric].sort_values(dose)
        x = d[dose].to_numpy(float)
        ax.fill_between(x, d["diff_lo"], d["diff_hi"], color=PALETTE[1], alpha=0.25, lw=0)
        ax.plot(x, d["diff_mean"], "o-", color=PALETTE[1])
        ax.axhline(0, color="#999999", lw=0.8)
        ax.set(title=metric, xlabel=dose, ylabel=f"difference from baseline ({d['unit'].iloc[0]})")
        ax.yaxis.label.set_fontsize(7)
    fig.suptitle(f"Dose-response, mean paired difference and 95% interval, n={d['n'].min()}")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def small_multiples(series: pd.DataFrame, title: str, ylabel: str) -> plt.Figure:
    """One panel per area: each scenario's median and 90% band of replicates over time.

    Args:
        series: Columns ``area``, ``scenario``, ``seed``, ``date``, ``value``.
        title: Title of the figure.
        ylabel: The value's unit.
    """
    areas = sorted(series["area"].unique())
    cols = min(4, len(areas))
    rows = -(-len(areas) // cols)
    fig, axes = plt.subplots(
        rows, cols, figsize=(3.2 * cols, 2.4 * rows), sharex=True, squeeze=False
    )
    for ax, area in zip(axes.flat, areas, strict=False):
        for k, (scenario, g) in enumerate(series[series["area"] == area].groupby("scenario")):
            wide = g.pivot_table(index=_draw_key(g), columns="date", values="value")
            x, runs = pd.to_datetime(wide.columns), wide.to_numpy()
            q = np.nanpercentile(runs, [5, 50, 95], axis=0)
            ax.fill_between(x, q[0], q[2], color=PALETTE[k % 7], alpha=0.2, lw=0)
            ax.plot(x, q[1], color=PALETTE[k % 7], lw=1.2, label=scenario)
        ax.set_title(area, fontsize=8)
        ax.tick_params(labelsize=6)
    for ax in list(axes.flat)[len(areas) :]:
        ax.set_visible(False)
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


def cost_effect(effects: pd.DataFrame, title: str) -> plt.Figure:
    """Extra filled posts against cost per scenario, labelled with cost per post filled.

    Args:
        effects: ``paired_effects`` rows of England and one year for ``filled_posts`` and
            ``cost_gbp`` (differences from baseline).
        title: Title of the figure.
    """
    wide = effects.pivot_table(
        index="scenario", columns="metric", values=["diff_mean", "diff_lo", "diff_hi"]
    )
    fig, ax = plt.subplots(figsize=(8, 5.5), constrained_layout=True)
    for k, scenario in enumerate(wide.index):
        x = wide.loc[scenario, ("diff_mean", "filled_posts")]
        y = wide.loc[scenario, ("diff_mean", "cost_gbp")] / 1e6
        xerr = [
            [x - wide.loc[scenario, ("diff_lo", "filled_posts")]],
            [wide.loc[scenario, ("diff_hi", "filled_posts")] - x],
        ]
        ax.errorbar(
            x, y, xerr=np.nan_to_num(xerr), fmt="o", color=PALETTE[(k + 1) % 7], label=scenario
        )
        per_post = y * 1e6 / x if x > 0 else float("nan")
        ax.annotate(
            f"GBP {per_post:,.0f} per post filled" if x > 0 else "no posts filled",
            (x, y),
            fontsize=7,
            xytext=(4, 4),
            textcoords="offset points",
        )
    ax.axvline(0, color="#999999", lw=0.8)
    ax.set(
        title=title,
        xlabel="extra ASC filled posts vs baseline (mean, 95% interval)",
        ylabel="cost vs baseline, GBP million a year",
    )
    ax.legend(fontsize=7)
    return fig
