"""Figures of effects across scenarios: dose-response, and cost against effect.

Drawn in the style of ``sim.analysis.figures`` (its palette, tick units and stamp).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.analysis.figures import PALETTE, plt, value_axis

METRIC_LABELS = {  # metric -> (panel title, unit for ``value_axis``)
    "vacancy_rate": ("ASC vacancy rate", "points"),
    "turnover_rate": ("ASC turnover rate", "points"),
    "filled_posts": ("ASC filled posts", "count"),
    "posts": ("ASC posts", "count"),
    "asc_to_nhs": ("moves from ASC to the NHS a year", "count"),
    "nhs_to_asc": ("moves from the NHS to ASC a year", "count"),
    "unmet_care_hours": ("care hours unmet a year", "count"),
    "delayed_bed_days": ("delayed-discharge bed-days a year", "count"),
    "cost_gbp": ("cost of the levers, GBP a year", "gbp"),
}
"""Readable title and tick unit of each headline metric (``sim.output.headline``)."""


def dose_response(effects: pd.DataFrame, dose: str, metrics: list[str]) -> plt.Figure:
    """Mean paired effect (with its interval) against a swept dose, one panel per metric.

    Args:
        effects: ``sim.analysis.paired.paired_effects`` rows of one area and year with a numeric
            column named ``dose``.
        dose: Name of the dose column (e.g. the share of the NHS pay gap closed).
        metrics: Metrics to draw.
    """
    fig, axes = plt.subplots(
        1, len(metrics), figsize=(4 * len(metrics), 4), squeeze=False, layout="constrained"
    )
    for ax, metric in zip(axes[0], metrics, strict=True):
        d = effects[effects["metric"] == metric].sort_values(dose)
        x = d[dose].to_numpy(float)
        ax.fill_between(x, d["diff_lo"], d["diff_hi"], color=PALETTE[1], alpha=0.25, lw=0)
        ax.plot(x, d["diff_mean"], "o-", color=PALETTE[1])
        ax.axhline(0, color="#999999", lw=0.8)
        title, unit = METRIC_LABELS.get(metric, (metric.replace("_", " "), ""))
        ax.set(title=title, xlabel=dose.replace("_", " "))
        value_axis(ax, unit)
        ax.grid(alpha=0.3)
    axes[0, 0].set_ylabel("difference from the baseline")
    fig.suptitle(
        f"Dose-response: mean paired difference from the baseline and its 95% interval, "
        f"n={d['n'].min()} pairs a dose"
    )
    return fig


def cost_effect(
    effects: pd.DataFrame, title: str, labels: dict[str, str] | None = None
) -> plt.Figure:
    """Extra filled posts against cost per scenario, labelled with cost per post filled.

    The cost per post is withheld where the interval of extra posts reaches zero.

    Args:
        effects: ``paired_effects`` rows of England and one year for ``filled_posts`` and
            ``cost_gbp`` (differences from baseline).
        title: Title of the figure.
        labels: Legend text by scenario name (default: the names).
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
        yerr = [
            [y - wide.loc[scenario, ("diff_lo", "cost_gbp")] / 1e6],
            [wide.loc[scenario, ("diff_hi", "cost_gbp")] / 1e6 - y],
        ]
        ax.errorbar(
            x,
            y,
            xerr=np.nan_to_num(xerr),
            yerr=np.nan_to_num(yerr),
            fmt="o",
            color=PALETTE[(k + 1) % 7],
            label=(labels or {}).get(scenario, scenario),
        )
        lo = wide.loc[scenario, ("diff_lo", "filled_posts")]
        per_post = y * 1e6 / x if x > 0 else float("nan")
        if not lo > 0:  # the interval of extra posts reaches zero: no cost per post to quote
            text = "extra posts not distinguishable from 0: no cost per post"
        else:
            text = f"GBP {per_post:,.0f} per post filled"
        ax.annotate(
            text,
            (x, y),
            fontsize=7,
            xytext=(4, 4),
            textcoords="offset points",
        )
    ax.axvline(0, color="#999999", lw=0.8)
    ax.set(
        title=title,
        xlabel="extra ASC filled posts vs baseline (mean, 95% interval)",
        ylabel="levers' booked cost vs baseline,\nGBP million a year, nominal (95% interval)",
    )
    ax.legend(fontsize=7)
    return fig
