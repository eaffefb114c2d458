"""Checks of the run-level fields that ``sim.config.validate`` delegates here.

Folder-safe run names, entrants and their age ranges, contracted hours and the shares of
delayed discharges: relations the types cannot express.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

HOURS_IN_A_WEEK = 168.0
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")

Check = Callable[[bool, str, Any, str], None]


def validate_run_fields(cfg, check: Check) -> None:
    """Check name, entry, hours and NHS-pressure fields; ``check`` raises the ConfigError.

    Args:
        cfg: The ``SimConfig`` being validated.
        check: ``check(ok, name, value, allowed)`` as in ``sim.config``.
    """
    check(
        NAME.fullmatch(cfg.name) is not None,
        "name",
        cfg.name,
        "a folder name of letters, digits, '_', '-' or '.'",
    )
    e = cfg.entry
    for group, prefix in ((e, "entry"), (cfg.nhs_pressure, "nhs_pressure")):
        for f in dataclasses.fields(group):
            value = getattr(group, f.name)
            values = value if isinstance(value, list) else [value]
            check(all(v >= 0 for v in values), f"{prefix}.{f.name}", value, "non-negative values")
    check(
        len(e.international_recruits_per_year) >= 1,
        "entry.international_recruits_per_year",
        e.international_recruits_per_year,
        "at least one yearly inflow",
    )
    for name in ("entrant_age_years", "international_age_years"):
        ages = getattr(e, name)
        ok = len(ages) == 2 and 14 <= ages[0] <= ages[1] <= 75
        check(ok, f"entry.{name}", ages, "[youngest, oldest] with 14 <= youngest <= oldest <= 75")
    for f in dataclasses.fields(cfg.hours):
        hours = getattr(cfg.hours, f.name)
        check(0 < hours <= HOURS_IN_A_WEEK, f"hours.{f.name}", hours, "0 < hours <= 168 a week")
    pressure = cfg.nhs_pressure
    waiting = pressure.share_waiting_home_care + pressure.share_waiting_care_home
    check(
        waiting <= 1.0,
        "nhs_pressure.share_waiting_home_care",
        pressure.share_waiting_home_care,
        f"shares of delayed patients summing to at most 1 (with care homes: {waiting:.2f})",
    )
