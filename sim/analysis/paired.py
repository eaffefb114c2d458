"""Paired evaluation of scenarios against a baseline across replicates.

A scenario run and the baseline run with the same seed share every random draw (``sim.rng``,
``sim.config.replicates``), so their difference is the effect of the scenario on that replicate with
the chance variation common to both removed. Across replicates the mean paired difference
gets a Student-t confidence interval; the relative change of each pair (difference /
baseline) is summarised the same way. Every row states its number of replicates ``n``.

Runs over several calibration-ensemble members (``member``) are paired within each member
and replicate. Each row then also gives the band of the paired effect over every draw
(``band_lo``, ``band_hi``: 5th and 95th percentiles over members x replicates, parameter
and seed uncertainty together) and says which is which: ``param_sd``, the standard
deviation of the members' mean effects, and ``seed_sd``, the pooled within-member standard
deviation over replicates.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from sim.analysis.catalogue import runs_table
from sim.output.headline import METRICS, headline, read_tables

KEYS = ["level", "area", "fy", "metric"]
BASELINE = "policy=none"
LAUNCH_SETTINGS = ("scale", "years", "warm_up_months", "start", "engine")
"""Settings every paired run must share; runs differing in them are separate launches."""


def scenario_labels(runs: pd.DataFrame, launch: tuple[str, ...] = ()) -> pd.Series:
    """A readable label per run: its levers, then every swept parameter but seeds.

    ``policy=none`` is the run with no lever switched on and no other parameter changed.
    ``launch`` names settings that tell launches apart rather than scenarios (left out).
    """
    skip = {"run", "folder", "seed", "replicate", "member", "root_seed", "config_hash"}
    skip |= {"git_commit", "launch", *launch}
    skip |= {"name", "policy"}
    swept = [c for c in runs.columns if c not in skip and not c.endswith(".enabled")]

    def label(row: pd.Series) -> str:
        parts = [f"policy={row['policy'] or 'none'}"]
        parts += [f"{c}={row[c]}" for c in swept]
        return ", ".join(parts)

    return runs.apply(label, axis=1)


def launches(runs: pd.DataFrame) -> pd.Series:
    """Which launch each run belongs to: its values of the settings every pair must share.

    Runs that differ in scale, horizon, warm-up, start or engine come from different
    launches (a sweep folder reused with other settings); '' when they all agree.
    """
    varying = [c for c in LAUNCH_SETTINGS if c in runs.columns]
    if not varying:
        return pd.Series("", index=runs.index)
    return (
        runs[varying]
        .astype(str)
        .apply(lambda row: ", ".join(f"{c}={row[c]}" for c in varying), axis=1)
    )


def sweep_metrics(sweep: Path | str, pool: bool = False) -> pd.DataFrame:
    """Headline metrics of every complete run of a sweep, by scenario, seed and member.

    The ensemble member is kept so that ``carework analyse`` pairs runs within a member,
    and the launch (``launches``) so that runs are only paired within their launch.

    Args:
        sweep: Sweep folder.
        pool: Accept runs of several launches (pairs stay within a launch).

    Raises:
        ValueError: if the sweep holds several launches and ``pool`` is False.
    """
    runs = runs_table(sweep)
    runs["launch"] = launches(runs)
    if runs["launch"].nunique() > 1 and not pool:
        counts = runs["launch"].value_counts().sort_index()
        raise ValueError(
            f"sweep={str(sweep)!r} holds runs of {len(counts)} launches ("
            + "; ".join(f"{k}: {n} runs" for k, n in counts.items())
            + "): pairing across them would mix them; expected one launch per folder, or "
            "--pool to pair within each launch and pool the pairs"
        )
    runs["scenario"] = scenario_labels(runs, LAUNCH_SETTINGS)
    parts = [
        headline(read_tables(row.folder)).assign(
            scenario=row.scenario, seed=row.seed, member=row.member, launch=row.launch
        )
        for row in runs.itertuples()
    ]
    return pd.concat(parts, ignore_index=True)


def with_pair_keys(metrics: pd.DataFrame) -> pd.DataFrame:
    """``metrics`` with ``member`` (-1: no ensemble) and ``launch`` ('') where missing."""
    if "member" not in metrics:
        metrics = metrics.assign(member=-1)
    if "launch" not in metrics:
        metrics = metrics.assign(launch="")
    return metrics


def t_interval(values: np.ndarray, confidence: float) -> tuple[float, float]:
    """Student-t confidence interval of the mean (NaN with fewer than 2 values)."""
    n = len(values)
    if n < 2:
        return float("nan"), float("nan")
    mean = float(np.mean(values))
    half = stats.t.ppf(0.5 + confidence / 2, n - 1) * float(np.std(values, ddof=1)) / np.sqrt(n)
    return mean - half, mean + half


def decompose(diff: pd.Series, member: pd.Series) -> tuple[int, float, float, float, float]:
    """Members, 90% band over draws, and the parameter and seed parts of the spread.

    Args:
        diff: Paired differences, one per draw (member and replicate).
        member: Each draw's ensemble member.

    Returns:
        ``(members, band_lo, band_hi, param_sd, seed_sd)``: the 5th and 95th percentiles
        over draws, the standard deviation of member means (NaN with one member) and the
        pooled within-member standard deviation (NaN without replicates to pool).
    """
    lo, hi = np.percentile(diff.to_numpy(float), [5, 95])
    by = diff.groupby(member.to_numpy())
    means = by.mean()
    param_sd = float(means.std(ddof=1)) if len(means) > 1 else float("nan")
    dof = int((by.size() - 1).sum())
    seed_sd = (
        float(np.sqrt((by.var(ddof=1).fillna(0) * (by.size() - 1)).sum() / dof))
        if dof
        else float("nan")
    )
    return len(means), float(lo), float(hi), param_sd, seed_sd


def paired_effects(
    metrics: pd.DataFrame, baseline: str = BASELINE, confidence: float = 0.95
) -> pd.DataFrame:
    """Mean paired difference and relative change of each scenario against the baseline.

    Args:
        metrics: Long table with ``scenario``, ``seed`` and the ``headline`` columns, and
            ``member`` (ensemble member) when runs span members.
        baseline: Label of the baseline scenario.
        confidence: Coverage of the intervals (0-1).

    Returns:
        One row per scenario, level, area, financial year and metric: ``n`` (pairs: members
        x replicates), ``baseline_mean``, ``scenario_mean``, ``diff_mean``, ``diff_lo``,
        ``diff_hi`` (confidence interval of the mean), ``rel_mean``, ``rel_lo``, ``rel_hi``
        (relative change as a share), ``members``, ``band_lo``, ``band_hi``, ``param_sd``,
        ``seed_sd`` (``decompose``) and ``unit``.

    Raises:
        ValueError: if the baseline is missing or no scenario run has a baseline run with
            the same seed.
    """
    labels = sorted(metrics["scenario"].unique())
    if baseline not in labels:
        raise ValueError(f"baseline={baseline!r} is not allowed: expected one of {labels}")
    metrics = with_pair_keys(metrics)
    base = metrics[metrics["scenario"] == baseline].drop(columns="scenario")
    on = [*KEYS, "seed", "member", "launch"]
    pairs = metrics.merge(base, on=on, suffixes=("", "_baseline"))
    if pairs["seed"].nunique() == 0:
        raise ValueError("no scenario run shares a seed with a baseline run: nothing to pair")
    pairs["diff"] = pairs["value"] - pairs["value_baseline"]
    denominator = pairs["value_baseline"].where(pairs["value_baseline"] != 0)
    pairs["rel"] = pairs["diff"] / denominator
    rows = []
    for key, g in pairs.groupby(["scenario", *KEYS], sort=True):
        diff_lo, diff_hi = t_interval(g["diff"].to_numpy(), confidence)
        rel = g["rel"].dropna().to_numpy()
        rel_lo, rel_hi = t_interval(rel, confidence)
        rows.append(
            (
                *key,
                len(g),
                g["value_baseline"].mean(),
                g["value"].mean(),
                g["diff"].mean(),
                diff_lo,
                diff_hi,
                rel.mean() if len(rel) else float("nan"),
                rel_lo,
                rel_hi,
                *decompose(g["diff"], g["member"]),
            )
        )
    columns = ["scenario", *KEYS, "n", "baseline_mean", "scenario_mean", "diff_mean"]
    columns += ["diff_lo", "diff_hi", "rel_mean", "rel_lo", "rel_hi"]
    columns += ["members", "band_lo", "band_hi", "param_sd", "seed_sd"]
    out = pd.DataFrame(rows, columns=columns)
    out["unit"] = out["metric"].map(lambda m: METRICS[m][0])
    return out


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    """Write a table as CSV atomically (written under a hidden name, then renamed)."""
    tmp = path.parent / f".tmp-{path.name}-{os.getpid()}"
    df.to_csv(tmp, index=False)
    os.replace(tmp, path)
    return path


def format_effects(effects: pd.DataFrame) -> str:
    """England effects as a fixed-width text table (differences with their intervals)."""
    df = effects[effects["level"] == "england"]
    lines = []
    for row in df.itertuples():
        lines.append(
            f"{row.scenario[:48]:48s} {row.metric:17s} n={row.n:<3d} diff {row.diff_mean:+.4g} "
            f"[{row.diff_lo:+.4g}, {row.diff_hi:+.4g}]  rel {100 * row.rel_mean:+.2f}% "
            f"[{100 * row.rel_lo:+.2f}%, {100 * row.rel_hi:+.2f}%]"
        )
    return "\n".join(lines)
