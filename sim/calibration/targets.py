"""The calibration targets: published figures expressed as the model's outputs.

``sim/data/calibration_targets.csv`` is built from ``shared/data/targets.csv`` and
``shared/data/series.csv`` (the facts with their sources). Each row gives the figure in
model units (shares as fractions, pay in GBP per hour, counts as England people), whether
the fit uses it, its uncertainty and what the model output is. The uncertainty has two
parts, combined in quadrature into the ``tolerance`` the distance divides by:

- ``observation_sd``: the published figure's own uncertainty (sampling error where
  published, else a judged figure; ``uncertainty`` says which and why);
- ``seed_sd``: the model's seed-to-seed noise in the moment at the calibration scale,
  measured from replicates (``carework calibrate --measure-seed-noise N``), because each
  ABC simulation runs one seed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

TARGETS_CSV = Path(__file__).resolve().parent.parent / "data" / "calibration_targets.csv"
COLUMNS = (
    "name",
    "value",
    "unit",
    "period",
    "fitted",
    "observation_sd",
    "uncertainty",
    "seed_sd",
    "weight",
    "model_output",
    "source",
)


def load_targets(path: Path | str = TARGETS_CSV) -> pd.DataFrame:
    """Read the target table, indexed by target name.

    Returns:
        The file's columns (``fitted`` as bool) and ``tolerance``: ``sqrt(observation_sd**2
        + seed_sd**2)`` in the units of ``value``.

    Raises:
        ValueError: a missing column, a non-positive observation_sd, a negative seed_sd or
            weight.
    """
    df = pd.read_csv(path)
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: columns {missing} are missing; expected {list(COLUMNS)}")
    df["fitted"] = df["fitted"].map({"yes": True, "no": False})
    if df["fitted"].isna().any():
        raise ValueError(f"{path}: fitted must be 'yes' or 'no'")
    bad = df[(df["observation_sd"] <= 0) | (df["seed_sd"] < 0) | (df["weight"] < 0)]
    if len(bad):
        raise ValueError(
            f"{path}: target {bad['name'].iloc[0]} needs observation_sd > 0, seed_sd >= 0, "
            "weight >= 0"
        )
    df["tolerance"] = np.hypot(df["observation_sd"], df["seed_sd"])
    return df.set_index("name")


def fitted_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """The rows the fit uses (``fitted`` and a positive weight)."""
    return targets[targets["fitted"] & (targets["weight"] > 0)]


def with_seed_sd(path: Path | str, seed_sd: pd.Series) -> None:
    """Write measured seed noise into the table's ``seed_sd`` column (rows not measured: 0).

    Args:
        path: The target table.
        seed_sd: Seed-to-seed standard deviation by target name (units of ``value``).
    """
    df = pd.read_csv(path)
    df["seed_sd"] = df["name"].map(seed_sd).fillna(0.0).astype(float).round(6)
    df.to_csv(path, index=False)
