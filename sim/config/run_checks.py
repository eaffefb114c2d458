"""Checks of the run-level fields that ``sim.config.validate`` delegates here.

Folder-safe run names, the entrants' age ranges in order and below the retirement age, the
shares of delayed discharges summing to at most 1, and one market figure per care setting:
relations no single field's declared range (``sim.config.param``) can express.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
MIN_CARE_AGENTS = 100  # 10 agents emptied the care sector and its tables failed; 50 ran
MAX_NAME = 100  # the run folder adds a hash and a seed; file systems allow 255 bytes

Check = Callable[[bool, str, Any, str], None]


def validate_run_fields(cfg, check: Check) -> None:
    """Check the run name, the entrants' age ranges and the shares of delayed discharges.

    Args:
        cfg: The ``SimConfig`` being validated.
        check: ``check(ok, name, value, allowed)`` as in ``sim.config``.
    """
    check(
        NAME.fullmatch(cfg.name) is not None and len(cfg.name) <= MAX_NAME,
        "name",
        cfg.name,
        f"a folder name of letters, digits, '_', '-' or '.', at most {MAX_NAME} characters",
    )
    check(
        cfg.scale * cfg.population.asc_filled_posts >= MIN_CARE_AGENTS,
        "population.asc_filled_posts",
        cfg.population.asc_filled_posts,
        f"at least {MIN_CARE_AGENTS} care-staff agents at scale {cfg.scale:g} "
        f"({MIN_CARE_AGENTS / cfg.scale:,.0f} or more), or a larger scale",
    )
    e = cfg.entry
    check(
        len(cfg.prices.deflator_growth_per_year) >= 1,
        "prices.deflator_growth_per_year",
        cfg.prices.deflator_growth_per_year,
        "at least one yearly value",
    )
    pressure = cfg.nhs_pressure
    check(
        pressure.bed_day_cost_low <= pressure.bed_day_cost_high,
        "nhs_pressure.bed_day_cost_low",
        pressure.bed_day_cost_low,
        f"at most nhs_pressure.bed_day_cost_high ({pressure.bed_day_cost_high:g})",
    )
    for name in (
        "employer_ni_rate",
        "employer_ni_threshold_per_year",
        "certificate_of_sponsorship_fee",
    ):
        values = getattr(cfg.oncosts, name)
        check(len(values) >= 1, f"oncosts.{name}", values, "at least one yearly value")
    for name in ("international_recruits_per_year", "non_british_share_of_entrants"):
        values = getattr(e, name)
        check(len(values) >= 1, f"entry.{name}", values, "at least one yearly value")
    for name in ("staff_cost_share", "self_funder_share", "self_funder_premium"):
        values = getattr(cfg.market, name)
        check(
            len(values) == 4,
            f"market.{name}",
            values,
            "4 values: residential, nursing, domiciliary, community",
        )
    oldest = cfg.separation.max_age_years
    for name in ("entrant_age_years", "outside_joiner_age_years", "international_age_years"):
        ages = getattr(e, name)
        ok = len(ages) == 2 and ages[0] <= ages[1] <= oldest
        check(
            ok,
            f"entry.{name}",
            ages,
            f"[youngest, oldest] with youngest <= oldest <= separation.max_age_years ({oldest:g})",
        )
    pressure = cfg.nhs_pressure
    waiting = pressure.share_waiting_home_care + pressure.share_waiting_care_home
    check(
        waiting <= 1.0,
        "nhs_pressure.share_waiting_home_care",
        pressure.share_waiting_home_care,
        f"shares of delayed patients summing to at most 1 (with care homes: {waiting:.2f})",
    )
