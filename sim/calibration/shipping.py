"""Shipping a fit: the best coefficients written as the defaults, only if clearly better.

The record (``sim/data/fitted_defaults.json``, read by ``sim.fitted``) carries the values,
the calibration date, study and trial, the fit's scale and seeds, the report seeds, and the
weighted distances of the fitted and hand-set coefficients on the report seeds.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import optuna
import pandas as pd

from sim.calibration.targets import fitted_targets
from sim.fitted import FITTED_JSON

SHIP_RATIO = 0.5
"""The fit ships only if its distance on the report seeds is under half the hand-set one."""
LONG_RUN_MARGIN = 0.02
"""...and only if its baseline's last-year ASC and NHS vacancy rates stay within this
(fraction of posts) of the hand-set baseline's. No target pins the long run, so a fit that
moves it further does so through coefficients the data cannot tell, not through evidence;
it is reported, not shipped."""


def long_run_shift(long_run: pd.DataFrame) -> dict[str, float]:
    """Fitted minus hand-set vacancy rate in the last projected year, by sector (fraction).

    Args:
        long_run: ``longrun.long_run`` output with candidates ``fitted`` and ``hand-set``.
    """
    last = long_run[long_run["fy"] == long_run["fy"].max()]
    means = last.set_index(["candidate", "measure"])["mean"]
    return {
        sector: float(means[("fitted", m)] - means[("hand-set", m)])
        for sector, m in (("asc", "asc_vacancy_rate"), ("nhs", "nhs_vacancy_rate"))
    }


def ship(
    study: optuna.Study,
    evaluated: dict[str, Any],
    fit_seeds,
    targets: pd.DataFrame,
    path: Path = FITTED_JSON,
) -> str:
    """Write the fitted record if the fit beats the hand-set values clearly.

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
    shift = long_run_shift(evaluated["long_run"])
    moved = {k: v for k, v in shift.items() if abs(v) > LONG_RUN_MARGIN}
    if moved:
        said = ", ".join(f"{k.upper()} {100 * v:+.1f} points" for k, v in moved.items())
        return (
            f"not shipped: the fitted baseline's last-year vacancy rate moves from the "
            f"hand-set one by {said} (allowed: {100 * LONG_RUN_MARGIN:.0f}); no target pins "
            "the long run"
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
        "long_run_shift": shift,
    }
    path.write_text(json.dumps(record, indent=2) + "\n")
    return f"shipped to {path}: distance {d['fitted']:.2f} against {d['hand-set']:.2f} hand-set"
