"""Seed statistics of simulated moments: means with confidence intervals, against targets."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

CONFIDENCE = 0.95


def seed_summary(per_seed: pd.DataFrame) -> pd.DataFrame:
    """Mean over seeds with a 95% t-interval of the mean and the seed-to-seed sd.

    Args:
        per_seed: One row per seed, one column per moment.

    Returns:
        One row per moment: ``mean``, ``ci_low``, ``ci_high``, ``seed_sd``, ``seeds``.
    """
    n = len(per_seed)
    mean = per_seed.mean()
    sd = per_seed.std(ddof=1) if n > 1 else per_seed.mean() * np.nan
    half = stats.t.ppf(0.5 + CONFIDENCE / 2, n - 1) * sd / np.sqrt(n) if n > 1 else sd
    return pd.DataFrame(
        {"mean": mean, "ci_low": mean - half, "ci_high": mean + half, "seed_sd": sd, "seeds": n}
    )


def summarise_by(per_seed: pd.DataFrame, index_names: list[str]) -> pd.DataFrame:
    """``seed_summary`` of columns keyed by tuples, with the tuple's parts as named columns."""
    s = seed_summary(per_seed)
    s.index = pd.MultiIndex.from_tuples(s.index, names=index_names)
    return s.reset_index()


def against_targets(targets: pd.DataFrame, runs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every target beside each candidate's simulated value and interval.

    Args:
        targets: The target table (``load_targets``).
        runs: Per-seed moments by candidate label (e.g. ``hand-set``, ``fitted``).

    Returns:
        One row per target: the target, its tolerance and ``is_fitted``, then for each
        candidate ``<label>``, ``<label>_ci_low``, ``<label>_ci_high`` and
        ``<label>_within_tolerance`` (|mean - target| <= tolerance).
    """
    out = targets[["value", "unit", "period", "fitted", "tolerance", "weight"]].copy()
    out = out.rename(columns={"value": "target", "fitted": "is_fitted"})
    for label, per_seed in runs.items():
        s = seed_summary(per_seed).reindex(out.index)
        out[label] = s["mean"]
        out[f"{label}_ci_low"] = s["ci_low"]
        out[f"{label}_ci_high"] = s["ci_high"]
        out[f"{label}_within_tolerance"] = (s["mean"] - out["target"]).abs() <= out["tolerance"]
    out["model_output"] = targets["model_output"]
    out["source"] = targets["source"]
    return out
