"""The shipped calibration ensemble: coefficient vectors consistent with the published data.

``sim/data/ensemble.csv`` holds one row per member (its calibrated coefficients by config
path and its ``weight``) and ``sim/data/ensemble.json`` the calibration's method, date,
data, settings and ``representative``: the member single runs use by default (its values
become the declared defaults, ``sim.config.fitted``). ``ensemble=k`` runs member ``k``
instead; experiments run over several members (``members=M``). ``carework calibrate
--method abc --ship`` writes both files. Only the standard library is used: ``sim.config``
imports this module.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sim.errors import ConfigError

DATA = Path(__file__).resolve().parents[1] / "data"
ENSEMBLE_CSV = DATA / "ensemble.csv"
ENSEMBLE_JSON = DATA / "ensemble.json"


@dataclass(frozen=True)
class Ensemble:
    """A weighted set of calibrated coefficient vectors.

    Attributes:
        members: Coefficient values by config path, one dict per member.
        weights: Member weights (sum 1).
        meta: The calibration record (``ensemble.json``).
    """

    members: list[dict[str, float]]
    weights: list[float]
    meta: dict[str, Any]

    @property
    def representative(self) -> int:
        """Index of the member single runs use by default."""
        return int(self.meta["representative"])

    def source(self, k: int) -> str:
        """The source string of member ``k``'s values."""
        m = self.meta
        which = " (the representative member)" if k == self.representative else ""
        return (
            f"calibrated {m['date']} by {m['method']}: member {k}{which} of {len(self.members)}"
            f" (scale {m['scale']}, epsilon {m['epsilon']:.2f}; sim/data/ensemble.json)"
        )


@lru_cache(maxsize=8)
def load_ensemble(csv_path: Path = ENSEMBLE_CSV, json_path: Path = ENSEMBLE_JSON):
    """The shipped ensemble, or None if none is shipped.

    Read once per pair of files: the config groups' defaults, every run's provenance and
    every config with ``ensemble=k`` share it (callers only read it).
    """
    if not (csv_path.exists() and json_path.exists()):
        return None
    with csv_path.open(newline="") as fh:
        rows = [{k: float(v) for k, v in row.items()} for row in csv.DictReader(fh)]
    weights = [row.pop("weight") for row in rows]
    return Ensemble(rows, weights, json.loads(json_path.read_text()))


def pick_members(ensemble: Ensemble | None, wanted: int, seed: int) -> list[int]:
    """Members a many-run study uses: ``wanted`` drawn by weight without replacement.

    Drawn with probability following their weights (Efraimidis-Spirakis keys, seeded, so a
    re-run picks the same members) and then weighed equally; all members when ``wanted``
    is at least their number; none (the defaults, the representative) with no ensemble or
    ``wanted`` of 1.
    """
    if ensemble is None or wanted <= 1:
        return []
    n = len(ensemble.members)
    if wanted >= n:
        return list(range(n))
    rng = random.Random(seed)
    keys = [
        (rng.random() ** (1.0 / w) if w > 0 else -1.0, k) for k, w in enumerate(ensemble.weights)
    ]
    return sorted(k for _, k in sorted(keys, reverse=True)[:wanted])


def ensemble_member(cfg: Any, ensemble: Ensemble | None = None) -> int:
    """The member a run's calibrated coefficients come from (-1: no ensemble shipped)."""
    if cfg.ensemble is not None:
        return int(cfg.ensemble)
    ensemble = ensemble or load_ensemble()
    return -1 if ensemble is None else ensemble.representative


def apply_member(cfg: Any, k: int, ensemble: Ensemble | None) -> Any:
    """``cfg`` with member ``k``'s calibrated coefficients.

    The defaults hold the representative member's values, so a calibrated coefficient that
    differs from its default was set by the user; with ``ensemble=k`` it would be replaced
    unseen, so it is refused.

    Raises:
        ConfigError: no ensemble shipped, ``k`` out of range, or a calibrated coefficient
            also set by hand.
    """
    if ensemble is None:
        raise ConfigError(f"ensemble={k!r} is not allowed: no ensemble is shipped (null only)")
    n = len(ensemble.members)
    if not 0 <= k < n:
        raise ConfigError(f"ensemble={k!r} is not allowed: expected null or 0 to {n - 1}")
    representative = ensemble.members[ensemble.representative]
    groups: dict[str, dict[str, Any]] = {}
    for name, value in ensemble.members[k].items():
        group, field = name.split(".")
        current = getattr(getattr(cfg, group), field)
        default = representative[name]
        if isinstance(current, int):
            value, default = round(value), round(default)
        if abs(current - default) > 1e-12 * max(1.0, abs(default)):
            raise ConfigError(
                f"{name}={current!r} is not allowed with ensemble={k}: the member sets it; "
                "drop one of the two"
            )
        groups.setdefault(group, {})[field] = value
    changes = {g: dataclasses.replace(getattr(cfg, g), **f) for g, f in groups.items()}
    return dataclasses.replace(cfg, **changes)
