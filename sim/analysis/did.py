"""Staggered difference-in-differences of a regional roll-out, with pyfixest, per run.

A roll-out is a set of cohorts: ICSs whose levers start at the same month. The ICS panel of
a run is averaged to quarters (``PERIOD_MONTHS``); rates are in percentage points. Each run
is estimated with Gardner's two-stage DiD (``pyfixest.did2s``: ICS and quarter effects fitted
on the untreated observations, then the treatment effect on the residuals), which stays
unbiased when effects differ across cohorts and over time, where a two-way fixed-effects
regression on a staggered design does not (Goodman-Bacon 2021; Gardner 2022):

- each cohort against the ICSs never treated, and all cohorts together (``overall``);
- an event study of the effect by quarter since the start, the quarter before it the
  reference, with a Wald test that the quarters before the start are jointly zero (the
  pre-trend test; with few treated ICSs cluster-robust tests reject too often, Cameron,
  Gelbach and Miller 2008, so read it beside the simulator's own truth).

A baseline run with the same seed is the exact counterfactual, so every estimate has a
paired truth: the mean difference from it over the same treated ICS-quarters.
"""

from __future__ import annotations

import math
import warnings
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from sim.calendar import calendar_month, month_index
from sim.output.reading import read_table

PERIOD_MONTHS = 3  # a quarter
LEADS = 4  # quarters before the start estimated separately (earlier ones are pooled)
LAGS = 12  # quarters after the start estimated separately (later ones are pooled)


def cohort_label(start_month: int) -> str:
    """A cohort's start as a date, e.g. ``April 2026`` for run month 24."""
    return date(*calendar_month(start_month), 1).strftime("%B %Y")


def cohorts_from_config(config: dict, ics_region: pd.Series) -> dict[int, list[str]]:
    """Cohorts of a run: each enabled lever limited to areas, by its (or each area's) start.

    Args:
        config: A run's resolved config (``provenance.json`` "config").
        ics_region: Region of each ICS (index: ICS name), to expand region names.

    Returns:
        Start month (run-month index) -> sorted ICS names treated from then.
    """
    cohorts: dict[int, set[str]] = {}
    for lever in config["policies"].values():
        if not (lever.get("enabled") and lever.get("areas")):
            continue
        starts = lever.get("area_starts") or [lever["start"]] * len(lever["areas"])
        for area, start in zip(lever["areas"], starts, strict=True):
            ics = {i for i, r in ics_region.items() if area in (i, r)}
            cohorts.setdefault(month_index(start), set()).update(ics)
    return {s: sorted(v) for s, v in sorted(cohorts.items())}


def unit_of(outcome: str) -> tuple[float, str]:
    """Factor and unit an outcome is analysed in: rates in percentage points."""
    return (100.0, "pp") if outcome.endswith("_rate") else (1.0, "")


def ics_panel(folder: Path | str, outcome: str = "vacancy_rate") -> pd.DataFrame:
    """Monthly ASC outcome by ICS of a run (columns: ICS names; index: month)."""
    df = read_table(folder, "ics_monthly")
    df = df[df["sector"] == "asc"]
    return df.pivot_table(index="month", columns="ics", values=outcome)


def long_panel(
    scenario: pd.DataFrame, baseline: pd.DataFrame, cohorts: dict[int, list[str]], factor: float
) -> pd.DataFrame:
    """The ICS-quarter panel the estimators read, with each row's paired difference.

    Args:
        scenario: Monthly outcome by ICS of the scenario run (``ics_panel``).
        baseline: The same of the baseline run with the same seed.
        cohorts: Start month -> treated ICSs (``cohorts_from_config``).
        factor: Multiplier into the unit of analysis (``unit_of``).

    Returns:
        Columns ``ics``, ``period`` (quarters from April 2024), ``g`` (first treated quarter,
        0 for never treated), ``start`` (start month, -1 never), ``treat`` (0/1), ``rel``
        (quarters since the start, pooled beyond ``LEADS`` and ``LAGS``; inf never treated),
        ``y`` and ``truth`` (scenario - baseline).
    """
    start_of = {ics: s for s, areas in cohorts.items() for ics in areas}
    quarter = scenario.index.to_numpy() // PERIOD_MONTHS
    y = (scenario * factor).groupby(quarter).mean()
    diff = ((scenario - baseline) * factor).groupby(quarter).mean()
    df = pd.concat({"y": y.stack(), "truth": diff.stack()}, axis=1).reset_index()
    df.columns = ["period", "ics", "y", "truth"]  # aligned on (quarter, ICS), not on order
    df = df.dropna(subset=["y"])  # an ICS-quarter with no posts at a tiny scale
    df["start"] = df["ics"].map(start_of).fillna(-1).astype(int)
    first = np.ceil(df["start"] / PERIOD_MONTHS).astype(int)  # first quarter wholly treated
    df["g"] = np.where(df["start"] >= 0, first, 0)
    treated = df["start"] >= 0
    df["treat"] = (treated & (df["period"] >= df["g"])).astype(int)
    df["rel"] = np.where(treated, (df["period"] - df["g"]).clip(-LEADS, LAGS), np.inf)
    return df


def _did2s(df: pd.DataFrame, second_stage: str, confidence: float):
    """Gardner's two-stage DiD, errors clustered by ICS; the fit and its tidy table."""
    import pyfixest as pf

    with warnings.catch_warnings():  # pyfixest's own pandas deprecations, not ours to fix
        warnings.simplefilter("ignore", category=FutureWarning)
        warnings.simplefilter("ignore", category=DeprecationWarning)
        fit = pf.did2s(df, "y", "~ 0 | ics + period", second_stage, "treat", cluster="ics")
        return fit, fit.tidy(alpha=1 - confidence)


def _att(df: pd.DataFrame, confidence: float) -> dict:
    """One ATT estimate over the treated observations of ``df`` and its paired truth."""
    _, tidy = _did2s(df, "~ 0 + treat", confidence)
    row = tidy.loc["treat"]
    lo, hi = row.iloc[4], row.iloc[5]
    truth = float(df.loc[df["treat"] == 1, "truth"].mean())
    return {
        "att": float(row["Estimate"]),
        "se": float(row["Std. Error"]),
        "ci_lo": float(lo),
        "ci_hi": float(hi),
        "true": truth,
        "covered": bool(lo <= truth <= hi),
    }


def event_study(df: pd.DataFrame, confidence: float) -> tuple[pd.DataFrame, float]:
    """Effect by quarter since the start, with the paired truth and the pre-trend test.

    Returns:
        (table, p): one row per quarter since the start (``rel``; -1 is the reference, 0 by
        construction): ``estimate``, ``ci_lo``, ``ci_hi``, ``true``; and the chi-squared
        p-value that every estimated quarter before the start is zero (NaN when the run has
        no such quarter).
    """
    fit, tidy = _did2s(df, "~ i(rel, ref=-1.0)", confidence)
    names = [n for n in tidy.index if not n.endswith("inf")]
    rel = {n: float(n.split("::")[1]) for n in names}
    treated = df[np.isfinite(df["rel"])]
    truth = treated.groupby("rel")["truth"].mean()
    rows = [(-1.0, 0.0, 0.0, 0.0, float(truth.get(-1.0, 0.0)))]
    for n in names:
        r = tidy.loc[n]
        rows.append((rel[n], r["Estimate"], r.iloc[4], r.iloc[5], float(truth.get(rel[n], 0.0))))
    table = pd.DataFrame(rows, columns=["rel", "estimate", "ci_lo", "ci_hi", "true"])
    pre = [n for n in names if rel[n] < -1]
    p = float("nan")
    if pre:
        all_names = list(tidy.index)
        R = np.zeros((len(pre), len(all_names)))
        for k, n in enumerate(pre):
            R[k, all_names.index(n)] = 1.0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            p = float(fit.wald_test(R=R, distribution="chi2")["pvalue"])
    return table.sort_values("rel", ignore_index=True), p


def estimate_run(
    scenario: pd.DataFrame,
    baseline: pd.DataFrame,
    cohorts: dict[int, list[str]],
    outcome: str,
    confidence: float = 0.95,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every estimate of one run's roll-out, each beside its paired truth.

    Args:
        scenario: Monthly outcome by ICS of the scenario run (``ics_panel``).
        baseline: The same of the baseline run with the same seed.
        cohorts: Start month -> treated ICSs.
        outcome: Name of the outcome (its unit follows ``unit_of``).
        confidence: Coverage of the intervals.

    Returns:
        (cohort table, event table): per cohort (labelled by date, with its ``start`` month;
        None for ``overall``) and ``overall``: ``att``,
        ``se``, ``ci_lo``, ``ci_hi``, ``true``, ``covered``, ``n_treated``, ``n_control``,
        ``pretrend_p`` (overall only); and ``event_study``'s table.

    Raises:
        ValueError: if there is no ICS never treated, or a cohort has no quarter before or
            after its start within the run.
    """
    treated = {i for areas in cohorts.values() for i in areas}
    control = [c for c in scenario.columns if c not in treated]
    if not control or not cohorts:
        raise ValueError("a roll-out needs treated ICSs and at least one ICS never treated")
    df = long_panel(scenario, baseline, cohorts, unit_of(outcome)[0])
    last = int(df["period"].max())
    rows = []
    for start, areas in cohorts.items():
        g = math.ceil(start / PERIOD_MONTHS)
        if g < 1 or g > last:
            raise ValueError(
                f"cohort {cohort_label(start)} leaves no quarter before or after its start "
                "within the run"
            )
        part = df[df["ics"].isin(areas) | (df["start"] < 0)]
        att = _att(part, confidence)
        rows.append({"cohort": cohort_label(start), "start": start, **att, "n_treated": len(areas)})
    events, p = event_study(df, confidence)
    overall = {"cohort": "overall", "start": None, **_att(df, confidence)}
    rows.append({**overall, "n_treated": len(treated), "pretrend_p": p})
    table = pd.DataFrame(rows).assign(n_control=len(control))
    return table, events


def group_paths(
    scenario: pd.DataFrame, baseline: pd.DataFrame, cohorts: dict[int, list[str]]
) -> pd.DataFrame:
    """Monthly means of each cohort's treated ICSs, their counterfactual, and the controls.

    Returns:
        Columns ``month``, ``cohort`` (label), ``group`` (``treated``, ``counterfactual``:
        the treated ICSs in the baseline run with the same seed, ``control``: the ICSs never
        treated, in the scenario run), ``start`` (month) and ``value`` (the outcome's own unit).
    """
    treated = {i for areas in cohorts.values() for i in areas}
    control = [c for c in scenario.columns if c not in treated]
    parts = []
    for start, areas in cohorts.items():
        for group, series in (
            ("treated", scenario[areas].mean(axis=1)),
            ("counterfactual", baseline[areas].mean(axis=1)),
            ("control", scenario[control].mean(axis=1)),
        ):
            parts.append(
                pd.DataFrame(
                    {
                        "month": series.index,
                        "cohort": cohort_label(start),
                        "group": group,
                        "start": start,
                        "value": series.to_numpy(),
                    }  # fmt: skip
                )
            )
    return pd.concat(parts, ignore_index=True)
