"""Shipping a fit: the best coefficients written as the defaults, only if clearly better.

The record (``sim/data/fitted_defaults.json``, read by ``sim.config.fitted``) carries the values,
the calibration date, study and trial, the fit's scale and seeds, the report seeds, and the
weighted distances of the fitted and hand-set coefficients on the report seeds, and the
long run: how far near-best trials' 2038/39 vacancy rates lie from the best's, and how far
the fitted baseline moves from the hand-set one.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import optuna
import pandas as pd

from sim.calibration import longrun
from sim.calibration.targets import fitted_targets
from sim.config.fitted import FITTED_JSON

SHIP_RATIO = 0.5
"""The fit ships only if its distance on the report seeds is under half the hand-set one."""
LONG_RUN_MARGIN = 0.02
"""...and only if the data pin its long run: the last-year ASC and NHS vacancy rates of
every near-best trial run beside it stay within this (fraction of posts) of the best
trial's. Trials that fit about equally well but part ways by 2038/39 move the projection
through coefficients the data cannot tell apart; such a fit is reported, not shipped. (The
hand-set baseline is no yardstick: its values were set by hand and miss the fitted targets,
the NHS balance among them; how far the fit moves from it is recorded and reported.)"""


def ship(
    study: optuna.Study,
    evaluated: dict[str, Any],
    fit_seeds,
    targets: pd.DataFrame,
    path: Path = FITTED_JSON,
) -> str:
    """Write the fitted record if it beats the hand-set values clearly and its long run is pinned.

    The record lists the fitted targets the fit meets within tolerance on the report seeds
    (``within_tolerance``), which the test of the shipped defaults checks again.

    Args:
        study: The calibration study.
        evaluated: ``report.evaluate`` output (report-seed distances of both candidates).
        fit_seeds: Seeds the fit used.
        targets: The whole target table.
        path: Where to write the record.

    Returns:
        A one-line message saying what was done and why.
    """
    d = evaluated["distances"]
    if not d["fitted"] < SHIP_RATIO * d["hand-set"]:
        return (
            f"not shipped: fitted distance {d['fitted']:.2f} is not under {SHIP_RATIO} x the "
            f"hand-set {d['hand-set']:.2f} on the report seeds"
        )
    apart = longrun.spread(evaluated["near_best_long_run"])
    loose = {k: v for k, v in apart.items() if v > LONG_RUN_MARGIN}
    if loose:
        said = ", ".join(f"{k.upper()} {100 * v:.1f} points" for k, v in loose.items())
        return (
            f"not shipped: near-best trials' last-year vacancy rates differ from the best "
            f"trial's by up to {said} (allowed: {100 * LONG_RUN_MARGIN:.0f}); the data do "
            "not pin the long run"
        )
    setup = evaluated["setup"]
    fit = fitted_targets(targets)
    means = evaluated["runs"]["fitted"].mean()
    met = fit.index[(means[fit.index] - fit["value"]).abs() <= fit["tolerance"]]
    record = {
        "date": datetime.now(UTC).date().isoformat(),
        "study": study.study_name,
        "trial": study.best_trial.number,
        "scale": setup.scale,
        "years": setup.years,
        "seeds": list(fit_seeds),
        "report_seeds": list(setup.seeds),
        "distance": d["fitted"],
        "hand_set_distance": d["hand-set"],
        "values": evaluated["candidates"]["fitted"],
        "within_tolerance": sorted(met),
        "report_means": {k: float(means[k]) for k in fit.index},
        "long_run_spread": apart,
        "long_run_shift_from_hand_set": longrun.shift(evaluated["long_run"], "fitted", "hand-set"),
    }
    path.write_text(json.dumps(record, indent=2) + "\n")
    return f"shipped to {path}: distance {d['fitted']:.2f} against {d['hand-set']:.2f} hand-set"
