"""Seed noise: how much each moment moves from seed to seed at the calibration scale.

Every ABC simulation runs one seed, so a candidate's moments carry this noise on top of the
published figures' own uncertainty; the target table's ``seed_sd`` column holds it and the
tolerance combines both (``sim.calibration.targets``).
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from sim.calibration.objective import Setup, simulate
from sim.calibration.targets import TARGETS_CSV, with_seed_sd


def measure(setup: Setup, replicates: int, values: dict[str, float] | None = None) -> pd.Series:
    """Seed-to-seed standard deviation of every moment (units of each target).

    Args:
        setup: Scale and experiments of the calibration (its seeds are replaced).
        replicates: Seeds run (1, 2, ..., ``replicates``); at least 3.
        values: Coefficient values (default: the config's).

    Returns:
        Sample standard deviation (ddof 1) by target name.
    """
    if replicates < 3:
        raise ValueError(f"replicates={replicates} is too few: expected at least 3")
    runs = simulate(dataclasses.replace(setup, seeds=tuple(range(1, replicates + 1))), values or {})
    return runs.std(ddof=1)


def write(setup: Setup, replicates: int, path=TARGETS_CSV) -> str:
    """Measure the seed noise and write it into the target table; return a summary line."""
    sd = measure(setup, replicates)
    with_seed_sd(path, sd)
    return (
        f"seed_sd of {len(sd)} moments measured from {replicates} seeds at scale {setup.scale} "
        f"and written to {path}"
    )
