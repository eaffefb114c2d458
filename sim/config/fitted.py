"""Calibrated defaults: the shipped ensemble's representative member, or a shipped best fit.

The ``fitted`` class decorator (placed under ``@dataclass`` on a config group) replaces that
group's declared defaults with the calibrated values and their source. The values come from
the shipped ensemble (``sim/data/ensemble.csv``, its representative member;
``sim.config.ensemble``) when there is one, else from a shipped best fit
(``sim/data/fitted_defaults.json``, written by ``carework calibrate --ship``). With neither,
the declared (hand-set) defaults stand; each replaced field keeps its hand-set value in its
metadata (``hand_set``). Only the standard library is used: ``sim.config`` imports this
module.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, Field, field
from pathlib import Path
from typing import Any

from sim.config.ensemble import ENSEMBLE_CSV, ENSEMBLE_JSON, load_ensemble

FITTED_JSON = Path(__file__).resolve().parents[1] / "data" / "fitted_defaults.json"


def load_fitted(path: Path = FITTED_JSON) -> dict[str, Any] | None:
    """The shipped best-fit record, or None if no fit has been shipped."""
    if not path.exists():
        return None
    return json.loads(path.read_text())


def fitted_source(record: dict[str, Any]) -> str:
    """The source string of a best-fit default."""
    seeds = ",".join(str(s) for s in record["seeds"])
    return (
        f"calibrated {record['date']} by carework calibrate (study {record['study']}, "
        f"trial {record['trial']}; scale {record['scale']}, seeds {seeds}; weighted distance "
        f"{record['distance']:.2f} against {record['hand_set_distance']:.2f} hand-set)"
    )


def shipped_values(
    path: Path = FITTED_JSON, ensemble_csv: Path = ENSEMBLE_CSV, ensemble_json: Path = ENSEMBLE_JSON
) -> tuple[dict[str, float], str] | None:
    """The calibrated defaults and their source: the ensemble's representative, else the fit."""
    ensemble = load_ensemble(ensemble_csv, ensemble_json)
    if ensemble is not None:
        k = ensemble.representative
        return ensemble.members[k], ensemble.source(k)
    record = load_fitted(path)
    if record is None:
        return None
    return record["values"], fitted_source(record)


def fitted(
    group: str,
    path: Path = FITTED_JSON,
    ensemble_csv: Path = ENSEMBLE_CSV,
    ensemble_json: Path = ENSEMBLE_JSON,
):
    """Class decorator: use the shipped calibrated values as the defaults of a config group.

    Args:
        group: The group's field name in ``SimConfig`` (e.g. ``"behaviour"``); values named
            ``<group>.<field>`` apply.
        path: The shipped best-fit record.
        ensemble_csv: The shipped ensemble's members.
        ensemble_json: The shipped ensemble's record.

    Raises:
        KeyError: a calibrated value names a field the group does not declare.
    """

    def apply(cls):
        shipped = shipped_values(path, ensemble_csv, ensemble_json)
        if shipped is None:
            return cls
        values, source = shipped
        for name, value in values.items():
            prefix, _, name_in_group = name.partition(".")
            if prefix != group:
                continue
            old = cls.__dict__.get(name_in_group)
            if not isinstance(old, Field) or old.default is MISSING:
                raise KeyError(f"fitted value {name} names no scalar field of {cls.__name__}")
            is_int = cls.__annotations__.get(name_in_group) in (int, "int")
            typed = round(value) if is_int else float(value)
            meta = {**old.metadata, "source": source, "hand_set": old.default}
            setattr(cls, name_in_group, field(default=typed, metadata=meta))
        return cls

    return apply
