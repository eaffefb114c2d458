"""Which coefficients the fit can tell: near-best ranges and importances from the study."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import optuna
import pandas as pd

from sim.calibration.space import Coefficient

NEAR_BEST_MARGIN = 2.0
"""Trials within this distance of the best (two squared tolerances) count as near-best."""
IDENTIFIED_SHARE = 0.5
"""A coefficient is called identified when its near-best range spans under half its search
range (measured on the log scale for log-searched coefficients)."""


def _width(c: Coefficient, lo: float, hi: float) -> float:
    if c.log:
        return float(np.log(hi / lo) / np.log(c.high / c.low))
    return float((hi - lo) / (c.high - c.low))


def parameter_table(
    trials: pd.DataFrame,
    space: Sequence[Coefficient],
    hand_set: dict[str, float],
    importances: dict[str, float],
) -> pd.DataFrame:
    """Each coefficient: search range, hand-set and best value, near-best range, importance.

    Args:
        trials: Completed trials (``study.completed``): ``distance`` and one column per
            coefficient.
        space: The searched coefficients.
        hand_set: Values before the fit.
        importances: Importance of each coefficient for the distance (PED-ANOVA).

    Returns:
        One row per coefficient; ``identified`` is True when the near-best range spans less
        than ``IDENTIFIED_SHARE`` of the search range.
    """
    best = trials.loc[trials["distance"].idxmin()]
    near = trials[trials["distance"] <= best["distance"] + NEAR_BEST_MARGIN]
    rows = []
    for c in space:
        lo, hi = float(near[c.name].min()), float(near[c.name].max())
        share = _width(c, lo, hi)
        rows.append(
            {
                "parameter": c.name,
                "search_low": c.low,
                "search_high": c.high,
                "log_scale": c.log,
                "hand_set": hand_set.get(c.name, np.nan),
                "fitted": float(best[c.name]),
                "near_best_low": lo,
                "near_best_high": hi,
                "near_best_share_of_range": share,
                "near_best_trials": len(near),
                "identified": bool(share < IDENTIFIED_SHARE and len(near) >= 3),
                "importance": importances.get(c.name, np.nan),
            }
        )
    return pd.DataFrame(rows)


def importances(study: optuna.Study) -> dict[str, float]:
    """PED-ANOVA importances of the coefficients for the distance; {} below 10 trials."""
    done = study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,))
    if len(done) < 10:
        return {}
    evaluator = optuna.importance.PedAnovaImportanceEvaluator()
    return dict(optuna.importance.get_param_importances(study, evaluator=evaluator))
