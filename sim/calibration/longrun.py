"""The long run: the baseline projection each candidate gives over the full horizon.

The fit sees the first simulated year and the backtest's two years; nothing published pins
2038/39. This check shows where each candidate's baseline goes, so a fit that matches the
start but drains the workforce afterwards is visible before it is shipped; and it runs the
long run of several near-best trials beside the best one, since trials that fit the data
about equally well but part ways by 2038/39 show that the data do not pin the long run.
"""

from __future__ import annotations

import dataclasses

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import optuna  # noqa: E402
import pandas as pd  # noqa: E402

from sim.calibration.figure import COLOURS  # noqa: E402
from sim.calibration.identification import NEAR_BEST_MARGIN  # noqa: E402
from sim.calibration.objective import Setup, per_seed  # noqa: E402
from sim.calibration.study import completed  # noqa: E402
from sim.calibration.summary import summarise_by  # noqa: E402

YEARS = 15
"""Horizon of the long-run check, years (the default projection's)."""
MEASURES = ("asc_vacancy_rate", "nhs_vacancy_rate", "asc_filled")
SECTORS = {"asc": "asc_vacancy_rate", "nhs": "nhs_vacancy_rate"}
NEAR_BEST_TRIALS = 6
"""Near-best trials (besides the best) whose long run is run beside the best's."""


def _per_year(tables: dict[str, pd.DataFrame]) -> pd.Series:
    nat = tables["national_annual"].set_index(["sector", "fy"])
    rows = {}
    for fy in nat.loc["asc"].index:
        rows[("asc_vacancy_rate", fy)] = nat.loc[("asc", fy), "vacancy_rate"]
        rows[("nhs_vacancy_rate", fy)] = nat.loc[("nhs", fy), "vacancy_rate"]
        rows[("asc_filled", fy)] = nat.loc[("asc", fy), "filled"]
    return pd.Series(rows)


def years_per_seed(setup: Setup, values: dict[str, float]) -> pd.DataFrame:
    """One candidate's ``YEARS``-year baseline: one row per seed of ``setup``.

    Columns are (measure, financial year): ASC and NHS vacancy rates (fractions) and ASC
    filled posts (England totals).
    """
    run = dataclasses.replace(setup, years=YEARS, pay_experiment=False, backtest=False)
    return per_seed(run.configs().base, run.seeds, values, _per_year)


def summarise(runs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The long-run table: ``years_per_seed`` outputs summarised over seeds.

    Args:
        runs: ``years_per_seed`` output by candidate label.

    Returns:
        One row per candidate, measure and financial year: seed mean, 95% interval and seed
        sd.
    """
    frames = [summarise_by(r, ["measure", "fy"]).assign(candidate=k) for k, r in runs.items()]
    return pd.concat(frames, ignore_index=True)


def long_run_figure(
    table: pd.DataFrame, footer: str, near_best: pd.DataFrame | None = None
) -> plt.Figure:
    """ASC and NHS vacancy rates by year for each candidate, with 95% intervals.

    Args:
        table: ``summarise`` of the hand-set and fitted candidates.
        footer: Provenance line printed under the panels.
        near_best: ``summarise`` of near-best trials, drawn as thin lines behind (the
            ``fitted`` one is skipped: ``table`` has it with more seeds).
    """
    fig, axes = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True, sharey=True)
    others = pd.DataFrame(columns=["candidate", "measure"])
    if near_best is not None:
        others = near_best[near_best["candidate"] != "fitted"]
    for ax, measure, title in zip(
        axes, MEASURES[:2], ("Adult social care", "NHS trusts"), strict=True
    ):
        lines = others[others["measure"] == measure].groupby("candidate")
        for k, (_, df) in enumerate(lines):
            label = "near-best trials" if k == 0 else None
            ax.plot(range(len(df)), 100 * df["mean"], color="#7fb2dc", lw=0.8, label=label)
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


def near_best_candidates(
    study: optuna.Study, k: int = NEAR_BEST_TRIALS
) -> dict[str, dict[str, float]]:
    """The best trial (``fitted``) and up to ``k`` other near-best trials (``trial N``).

    Near-best trials are those within ``NEAR_BEST_MARGIN`` of the best distance; when there
    are more than ``k``, they are taken evenly spaced in distance rank, so the least good of
    them is always among those run.
    """
    ranked = completed(study).sort_values(["distance", "trial"])
    near = ranked[ranked["distance"] <= ranked["distance"].iloc[0] + NEAR_BEST_MARGIN]
    others = near.iloc[1:]
    if len(others) > k:
        others = others.iloc[np.linspace(0, len(others) - 1, k).round().astype(int)]
    picked = {"fitted": int(near["trial"].iloc[0])}
    picked.update({f"trial {n}": int(n) for n in others["trial"]})
    return {label: dict(study.trials[n].params) for label, n in picked.items()}


def last_year_rates(table: pd.DataFrame) -> pd.DataFrame:
    """Each candidate's ASC and NHS vacancy rates in the last projected year (fractions)."""
    last = table[table["fy"] == table["fy"].max()]
    means = last.pivot_table(index="candidate", columns="measure", values="mean")
    return means[list(SECTORS.values())].set_axis(list(SECTORS), axis=1)


def shift(table: pd.DataFrame, candidate: str, reference: str) -> dict[str, float]:
    """``candidate`` minus ``reference`` last-year vacancy rate, by sector (fraction)."""
    rates = last_year_rates(table)
    return {k: float(rates.loc[candidate, k] - rates.loc[reference, k]) for k in SECTORS}


def spread(table: pd.DataFrame, best: str = "fitted") -> dict[str, float]:
    """Largest distance of any candidate's last-year vacancy rate from ``best``'s (fraction).

    Args:
        table: ``summarise`` of ``near_best_candidates`` (the best trial labelled ``best``).
        best: Label of the best trial.
    """
    rates = last_year_rates(table)
    return {k: float((rates[k] - rates.loc[best, k]).abs().max()) for k in SECTORS}


def final_year(table: pd.DataFrame) -> pd.DataFrame:
    """The first and last year of each candidate and measure (seed means)."""
    years = table["fy"].drop_duplicates()
    ends = table[table["fy"].isin([years.iloc[0], years.iloc[-1]])]
    return ends.pivot_table(index=["candidate", "measure"], columns="fy", values="mean")
