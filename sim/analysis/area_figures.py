"""Figures of one area or of every ICS: paired effects by year, and a map of ICS centroids.

Drawn in the style of ``sim.analysis.figures`` (its palette, tick units and stamp); the
dashboard and the per-ICS report draw these, and save them with ``figures.save``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.analysis.figures import FEW_DRAWS, PALETTE, plt, value_axis


def effect_intervals(
    effects: pd.DataFrame,
    title: str,
    unit: str,
    labels: dict[str, str] | None = None,
    highlight: str | None = None,
) -> plt.Figure:
    """Mean paired difference from the baseline by financial year, with its 95% interval.

    Args:
        effects: ``sim.analysis.paired.paired_effects`` rows of one area and metric
            (``scenario``, ``fy``, ``diff_mean``, ``diff_lo``, ``diff_hi``, ``n``), the
            baseline's own rows left out.
        title: Title of the axes (the metric and the area).
        unit: Tick unit of the difference (``points``, ``count``, ``gbp``; ``value_axis``).
        labels: Legend text by scenario name (default: the names).
        highlight: A financial year to shade, if any.
    """
    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    years = sorted(effects["fy"].unique())
    x = np.arange(len(years))
    scenarios = list(dict.fromkeys(effects["scenario"]))
    width = 0.8 / max(len(scenarios), 1)
    for k, scenario in enumerate(scenarios):
        d = effects[effects["scenario"] == scenario].set_index("fy").reindex(years)
        xs = x - 0.4 + width * (k + 0.5)
        err = np.vstack([d["diff_mean"] - d["diff_lo"], d["diff_hi"] - d["diff_mean"]])
        ax.errorbar(
            xs,
            d["diff_mean"],
            yerr=np.nan_to_num(err),
            fmt="o",
            ms=4,
            capsize=2,
            color=PALETTE[(k + 1) % 7],
            label=(labels or {}).get(scenario, scenario),
        )
    ax.axhline(0, color="#999999", lw=0.8)
    if highlight in years:
        i = years.index(highlight)
        ax.axvspan(i - 0.5, i + 0.5, color="#f2e6b3", alpha=0.6, lw=0, zorder=0)
    step = -(-len(years) // 8)  # at most eight labels
    ax.set_xticks(x[::step], years[::step])
    ax.set_xlim(-0.5, len(years) - 0.5)
    value_axis(ax, unit)
    ax.grid(axis="y", alpha=0.3)
    n = int(effects["n"].min()) if len(effects) else 0
    ax.set_title(
        f"{title}: paired difference from the baseline\nmean over {n} pairs of runs with its "
        "95% interval, by financial year",
        fontsize=10,
    )
    ax.set_ylabel("difference" + (", percentage points" if unit == "points" else ""))
    ax.legend(fontsize=8)
    if n < FEW_DRAWS:
        ax.text(
            0.99,
            0.01,
            f"only {n} pairs: intervals are rough",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=7,
            color="#b00020",
        )
    return fig


def ics_map(
    points: pd.DataFrame,
    title: str,
    unit: str,
    highlight: str | None = None,
    diverging: bool = False,
) -> plt.Figure:
    """Each ICS as a disc at its population-weighted centroid, coloured by a value.

    No boundaries are drawn (none ship with the package): discs sit at the centroids of
    the ICSs' places, sized by population, on axes scaled so a kilometre north is as long
    as a kilometre east at England's latitude.

    Args:
        points: ``area`` (ICS), ``lat_deg``, ``lon_deg``, ``population`` and ``value``.
        title: Title of the axes (the value, the scenario and the year).
        unit: Tick unit of the colour bar (``share``, ``points``, ``count``).
        highlight: An ICS to ring and name.
        diverging: Centre the colours on zero (for differences).
    """
    fig, ax = plt.subplots(figsize=(7, 7), layout="constrained")
    values = points["value"].to_numpy(float)
    if diverging:
        top = float(np.nanmax(np.abs(values))) or 1.0
        cmap, vmin, vmax = "RdBu_r", -top, top
    else:
        cmap, vmin, vmax = "viridis", float(np.nanmin(values)), float(np.nanmax(values))
    size = 40 + 900 * points["population"] / points["population"].max()
    sc = ax.scatter(
        points["lon_deg"],
        points["lat_deg"],
        s=size,
        c=values,
        cmap=cmap,
        vmin=vmin,
        vmax=vmax,
        edgecolors="#333333",
        linewidths=0.5,
    )
    if highlight is not None and highlight in set(points["area"]):
        row = points[points["area"] == highlight].iloc[0]
        ax.scatter(
            [row.lon_deg],
            [row.lat_deg],
            s=size[row.name] * 1.6,
            facecolors="none",
            edgecolors="#b00020",
            linewidths=2,
        )
        ax.annotate(
            highlight,
            (row.lon_deg, row.lat_deg),
            xytext=(12, 12),
            textcoords="offset points",
            fontsize=8,
            color="#b00020",
            arrowprops={"arrowstyle": "-", "color": "#b00020"},
        )
    bar = fig.colorbar(sc, ax=ax, shrink=0.6)
    bar.set_label(title.split(",")[0])  # the metric, so the colours read without the title
    value_axis(bar.ax, unit)
    ax.set_aspect(1 / np.cos(np.deg2rad(points["lat_deg"].mean())))
    ax.set(xlabel="longitude (degrees)", ylabel="latitude (degrees)")
    ax.set_title(
        f"{title}\none disc per ICS at its population centroid, sized by population", fontsize=10
    )
    ax.grid(alpha=0.2)
    return fig
