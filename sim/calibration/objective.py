"""Running the model over seeds and scoring it against the targets.

Each evaluation runs the model once per seed with the candidate coefficients, plus once per
seed with the 10% pay-rise experiment for the separation response; the moments are averaged
over seeds (the same seeds for every candidate: common random numbers) and the distance is
``sum(weight * ((simulated - target) / tolerance) ** 2)`` over the fitted targets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.calibration.moments import PAY_RISE_OVERRIDES, pay_response, run_moments, treated_areas
from sim.calibration.space import with_values
from sim.config import SimConfig, load_config, validate

PAY_RESPONSE = "separation_response_to_pay"


@dataclass(frozen=True)
class Setup:
    """How each candidate is simulated.

    Attributes:
        scale: Agents per real person (a reduced scale, e.g. 0.02).
        years: Horizon in years (moments use the first financial year).
        seeds: Root seeds; every candidate is run with all of them.
        pay_experiment: Also run the pay-rise experiment (for the separation response).
        overrides: Further config overrides applied to every run.
    """

    scale: float
    years: int
    seeds: tuple[int, ...]
    pay_experiment: bool = True
    overrides: tuple[str, ...] = ()

    def configs(self) -> tuple[SimConfig, SimConfig | None]:
        """The base config and, if used, the pay-rise config (before the candidate values)."""
        common = [
            f"scale={self.scale}",
            f"years={self.years}",
            "progress=false",
            "figure=false",
            "handles=employers",
            *self.overrides,
        ]
        raised = load_config([*common, *PAY_RISE_OVERRIDES]) if self.pay_experiment else None
        return load_config(common), raised


def run_tables(cfg: SimConfig):
    """Run a config to its horizon; return the model and its tables."""
    from sim.model import CareWorkforceModel

    model = CareWorkforceModel(cfg)
    model.run(progress=False)
    return model, model.tables()


def candidate_config(cfg: SimConfig, values: dict[str, float], seed: int) -> SimConfig:
    """``cfg`` with the candidate's values and ``seed``, validated."""
    out = dataclasses.replace(with_values(cfg, values), seed=seed)
    validate(out)
    return out


def simulate(setup: Setup, values: dict[str, float], configs: tuple | None = None) -> pd.DataFrame:
    """The moments of every seed for one candidate.

    Args:
        setup: Scale, horizon, seeds and experiment switch.
        values: Coefficient values by config path (others keep the config's defaults).
        configs: ``setup.configs()`` if already built (saves composing them again).

    Returns:
        One row per seed, one column per moment (target names).
    """
    base, raised = configs or setup.configs()
    rows = []
    for seed in setup.seeds:
        model, tables = run_tables(candidate_config(base, values, seed))
        band3 = model.cfg.pay.afc_hourly_2024[1]  # December 2024: before any AfC award
        row = run_moments(tables, band3)
        if raised is not None:
            _, raised_tables = run_tables(candidate_config(raised, values, seed))
            row[PAY_RESPONSE] = pay_response(tables, raised_tables, treated_areas(model))
        rows.append(row)
    return pd.DataFrame(rows, index=pd.Index(setup.seeds, name="seed"))


def distance(moments: pd.Series, targets: pd.DataFrame) -> float:
    """Weighted distance of mean moments to the fitted targets (dimensionless, >= 0).

    Args:
        moments: Mean simulated value by target name.
        targets: The fitted rows of the target table (``value``, ``tolerance``, ``weight``).

    Returns:
        ``sum(weight * ((moment - value) / tolerance) ** 2)``; infinite if a moment is
        missing or not finite.
    """
    sim = moments.reindex(targets.index).to_numpy(float)
    if not np.all(np.isfinite(sim)):
        return float("inf")
    z = (sim - targets["value"].to_numpy(float)) / targets["tolerance"].to_numpy(float)
    return float(np.sum(targets["weight"].to_numpy(float) * z**2))


def seeds_from(text: Sequence[int] | str) -> tuple[int, ...]:
    """Seeds from a sequence or a comma-separated string, e.g. ``"1,2,3"``."""
    if isinstance(text, str):
        return tuple(int(s) for s in text.split(",") if s.strip())
    return tuple(int(s) for s in text)
