"""Validation of a whole config, before any work starts.

Each field's own range or choices come from its declaration (``sim.config.param``);
this module adds the relations between fields that no single declaration can express
(shares summing to 1, age ranges in order, the reference engine needing every agent).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sim.config.param import allowed_text, within
from sim.config.policy_checks import validate_policies
from sim.config.run_checks import validate_run_fields
from sim.config.schema import SimConfig
from sim.errors import ConfigError
from sim.state import N_ROLES


def _check(ok: bool, name: str, value: Any, allowed: str) -> None:
    if not ok:
        raise ConfigError(f"{name}={value!r} is not allowed: expected {allowed}")


def _shares(name: str, values: list[float], n: int) -> None:
    _check(len(values) == n, name, values, f"{n} shares")
    _check(abs(sum(values) - 1.0) < 1e-6, name, values, "shares summing to 1")


def check_declared(node: Any, prefix: str = "") -> None:
    """Check every field of ``node`` (and its groups) against its declared range or choices.

    Raises:
        ConfigError: naming the first field outside what its declaration allows.
    """
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if dataclasses.is_dataclass(value):
            check_declared(value, f"{prefix}{f.name}.")
        else:
            _check(within(f, value), prefix + f.name, value, allowed_text(f))


def validate(cfg: SimConfig) -> None:
    """Check every declared range, then the relations the declarations cannot express.

    Raises:
        ConfigError: naming the field, its value and what is allowed.
    """
    check_declared(cfg)
    _check(
        cfg.engine == "numba" or cfg.handles == "all",
        "handles",
        cfg.handles,
        "'all' with engine=mesa (the reference engine activates every agent)",
    )
    p = cfg.population
    _shares("population.setting_post_shares", p.setting_post_shares, 4)
    _shares("population.setting_establishment_shares", p.setting_establishment_shares, 4)
    _shares("population.asc_role_shares", p.asc_role_shares, N_ROLES)
    _shares("population.nhs_role_shares", p.nhs_role_shares, N_ROLES)
    _check(len(cfg.pay.nlw_path) >= 1, "pay.nlw_path", cfg.pay.nlw_path, "at least one rate")
    afc = cfg.pay.afc_hourly_2024
    _check(
        len(afc) == 6, "pay.afc_hourly_2024", afc, "6 rates (Bands 2, 3, 4, 5, other, professional)"
    )
    ratios = cfg.pay.role_pay_ratio
    _check(
        len(ratios) == N_ROLES,
        "pay.role_pay_ratio",
        ratios,
        f"{N_ROLES} ratios (care, senior, nurse, other, professional)",
    )
    validate_run_fields(cfg, _check)
    validate_policies(cfg.policies, cfg.years, cfg.pay, _check)
