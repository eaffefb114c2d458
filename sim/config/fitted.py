"""Calibrated defaults: the fit's values, shipped in ``sim/data/fitted_defaults.json``.

``carework calibrate --ship`` writes the file; the ``fitted`` class decorator (placed
under ``@dataclass`` on a config group) replaces that group's declared defaults with the
fitted values and their source (calibration date, seeds, scale, distance). Without the file
the declared (hand-set) defaults stand. Only the standard library is used: ``sim.config``
imports this module.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, Field, field
from pathlib import Path
from typing import Any

FITTED_JSON = Path(__file__).resolve().parents[1] / "data" / "fitted_defaults.json"


def load_fitted(path: Path = FITTED_JSON) -> dict[str, Any] | None:
    """The shipped calibration record, or None if no fit has been shipped."""
    if not path.exists():
        return None
    return json.loads(path.read_text())


def fitted_source(record: dict[str, Any]) -> str:
    """The source string of a fitted default."""
    seeds = ",".join(str(s) for s in record["seeds"])
    return (
        f"calibrated {record['date']} by carework calibrate (study {record['study']}, "
        f"trial {record['trial']}; scale {record['scale']}, seeds {seeds}; weighted distance "
        f"{record['distance']:.2f} against {record['hand_set_distance']:.2f} hand-set)"
    )


def fitted(group: str, path: Path = FITTED_JSON):
    """Class decorator: use the shipped fitted values as the defaults of a config group.

    Args:
        group: The group's field name in ``SimConfig`` (e.g. ``"behaviour"``); values named
            ``<group>.<field>`` in the record apply.
        path: The record file.

    Raises:
        KeyError: a fitted value names a field the group does not declare.
    """

    def apply(cls):
        record = load_fitted(path)
        if record is None:
            return cls
        source = fitted_source(record)
        for name, value in record["values"].items():
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
