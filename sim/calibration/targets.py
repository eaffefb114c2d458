"""The calibration targets: published 2023/24 figures expressed as the model's outputs.

``sim/data/calibration_targets.csv`` is built from ``shared/data/targets.csv`` (the facts
with their sources). Each row gives the figure in model units (shares as fractions, pay in
GBP per hour), whether the fit uses it, the tolerance a simulated value must stay within
(same units; the distance divides by it), its weight, what the model output is and the
source.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

TARGETS_CSV = Path(__file__).resolve().parent.parent / "data" / "calibration_targets.csv"
COLUMNS = (
    "name",
    "value",
    "unit",
    "period",
    "fitted",
    "tolerance",
    "weight",
    "model_output",
    "source",
)


def load_targets(path: Path | str = TARGETS_CSV) -> pd.DataFrame:
    """Read the target table, indexed by target name.

    Returns:
        Columns ``value``, ``unit``, ``period``, ``fitted`` (bool), ``tolerance`` (> 0, units
        of ``value``), ``weight`` (>= 0), ``model_output``, ``source``.

    Raises:
        ValueError: a missing column, a non-positive tolerance or a negative weight.
    """
    df = pd.read_csv(path)
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: columns {missing} are missing; expected {list(COLUMNS)}")
    df["fitted"] = df["fitted"].map({"yes": True, "no": False})
    if df["fitted"].isna().any():
        raise ValueError(f"{path}: fitted must be 'yes' or 'no'")
    bad = df[(df["tolerance"] <= 0) | (df["weight"] < 0)]
    if len(bad):
        raise ValueError(f"{path}: target {bad['name'].iloc[0]} needs tolerance > 0, weight >= 0")
    return df.set_index("name")


def fitted_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """The rows the fit uses (``fitted`` and a positive weight)."""
    return targets[targets["fitted"] & (targets["weight"] > 0)]
