"""The long run: the baseline projection each candidate gives over the full horizon.

The fit sees the first simulated year and the backtest's second; nothing published pins
2038/39. This check shows where each candidate's baseline goes, so a fit that matches the
start but drains the workforce afterwards is visible before it is shipped.
"""

from __future__ import annotations

import dataclasses

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from sim.calibration.figure import COLOURS  # noqa: E402
from sim.calibration.objective import Setup, per_seed  # noqa: E402
from sim.calibration.summary import summarise_by  # noqa: E402

YEARS = 15
"""Horizon of the long-run check, years (the default projection's)."""
MEASURES = ("asc_vacancy_rate", "nhs_vacancy_rate", "asc_filled")


def _per_year(tables: dict[str, pd.DataFrame]) -> pd.Series:
    nat = tables["national_annual"].set_index(["sector", "fy"])
    rows = {}
    for fy in nat.loc["asc"].index:
        rows[("asc_vacancy_rate", fy)] = nat.loc[("asc", fy), "vacancy_rate"]
        rows[("nhs_vacancy_rate", fy)] = nat.loc[("nhs", fy), "vacancy_rate"]
        rows[("asc_filled", fy)] = nat.loc[("asc", fy), "filled"]
    return pd.Series(rows)


def long_run(setup: Setup, candidates: dict[str, dict[str, float]]) -> pd.DataFrame:
    """Each candidate's baseline projection over ``YEARS`` years, by financial year.

    Args:
        setup: Scale and seeds of the runs (its horizon is replaced by ``YEARS``).
        candidates: Coefficient values by candidate label.

    Returns:
        One row per candidate, measure (ASC and NHS vacancy rate, fractions; ASC filled
        posts, England totals) and financial year: seed mean, 95% interval and seed sd.
    """
    run = dataclasses.replace(setup, years=YEARS, pay_experiment=False, backtest=False)
    base = run.configs().base
    frames = [
        summarise_by(per_seed(base, run.seeds, values, _per_year), ["measure", "fy"]).assign(
            candidate=label
        )
        for label, values in candidates.items()
    ]
    return pd.concat(frames, ignore_index=True)


def long_run_figure(table: pd.DataFrame, footer: str) -> plt.Figure:
    """ASC and NHS vacancy rates by year for each candidate, with 95% intervals."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True, sharey=True)
    for ax, measure, title in zip(
        axes, MEASURES[:2], ("Adult social care", "NHS trusts"), strict=True
    ):
        for k, (label, df) in enumerate(table[table["measure"] == measure].groupby("candidate")):
            x = range(len(df))
            colour = COLOURS.get(label, f"C{k}")
            ax.plot(x, 100 * df["mean"], color=colour, label=label, marker="o", ms=3)
            ax.fill_between(x, 100 * df["ci_low"], 100 * df["ci_high"], color=colour, alpha=0.2)
            ax.set_xticks(list(x)[::3], list(df["fy"])[::3], fontsize=8)
        ax.set_title(f"{title}: vacancy rate, baseline projection")
        ax.set_ylabel("% of posts")
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.get_layout_engine().set(rect=(0, 0.04, 1, 0.96))  # room for the footer
    fig.text(0.01, 0.002, footer, fontsize=7, color="#555555", ha="left", va="bottom")
    return fig


def final_year(table: pd.DataFrame) -> pd.DataFrame:
    """The first and last year of each candidate and measure (seed means)."""
    years = table["fy"].drop_duplicates()
    ends = table[table["fy"].isin([years.iloc[0], years.iloc[-1]])]
    return ends.pivot_table(index=["candidate", "measure"], columns="fy", values="mean")
