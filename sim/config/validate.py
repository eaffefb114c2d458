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


def _check(ok: bool, name: str, value: Any, allowed: str) -> None:
    if not ok:
        raise ConfigError(f"{name}={value!r} is not allowed: expected {allowed}")


def _shares(name: str, values: list[float], n: int) -> None:
    _check(len(values) == n, name, values, f"{n} shares")
    _check(all(v >= 0 for v in values), name, values, "non-negative shares")
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
    _check(0 < cfg.scale <= 1.0, "scale", cfg.scale, "0 < scale <= 1.0")
    _check(1 <= cfg.years <= 50, "years", cfg.years, "an integer from 1 to 50")
    _check(cfg.engine in ("numba", "mesa"), "engine", cfg.engine, "'numba' or 'mesa'")
    _check(
        cfg.engine == "numba" or cfg.handles == "all",
        "handles",
        cfg.handles,
        "'all' with engine=mesa (the reference engine activates every agent)",
    )
    _check(cfg.handles in ("all", "employers"), "handles", cfg.handles, "'all' or 'employers'")
    _check(cfg.seed >= 0, "seed", cfg.seed, "a non-negative integer")
    _check(cfg.root_seed >= 0, "root_seed", cfg.root_seed, "a non-negative integer")
    ok = cfg.replicate is None or cfg.replicate >= 0
    _check(ok, "replicate", cfg.replicate, "null or a non-negative integer")
    parts = cfg.start.split("-")
    ok = len(parts) == 2 and all(p.isdigit() for p in parts)
    _check(ok and parts[0] == "2024" and parts[1] == "04", "start", cfg.start, "'2024-04'")
    p = cfg.population
    _shares("population.setting_post_shares", p.setting_post_shares, 4)
    _shares("population.setting_establishment_shares", p.setting_establishment_shares, 4)
    _shares("population.asc_role_shares", p.asc_role_shares, 4)
    _shares("population.nhs_role_shares", p.nhs_role_shares, 4)
    for group in (p, cfg.pay, cfg.hours, cfg.separation, cfg.training, cfg.demand):
        for f in dataclasses.fields(group):
            value = getattr(group, f.name)
            values = value if isinstance(value, list) else [value]
            name = f"{type(group).__name__}.{f.name}"
            _check(all(v >= 0 for v in values), name, value, "a non-negative value")
    for name in ("asc_vacancy_rate", "nhs_vacancy_rate", "share_international", "la_owned_share"):
        _check(getattr(p, name) < 1, f"population.{name}", getattr(p, name), "a share below 1")
    _check(len(cfg.pay.nlw_path) >= 1, "pay.nlw_path", cfg.pay.nlw_path, "at least one rate")
    _check(len(cfg.pay.afc_hourly_2024) == 5, "pay.afc_hourly_2024", cfg.pay.afc_hourly_2024, "5")
    _check(len(cfg.pay.role_pay_ratio) == 4, "pay.role_pay_ratio", cfg.pay.role_pay_ratio, "4")
    q = cfg.training.nhs_support_min_qual
    _check(q <= 3, "training.nhs_support_min_qual", q, "a qualification code from 0 to 3")
    b = cfg.behaviour
    _check(b.offers_sampled >= 1, "behaviour.offers_sampled", b.offers_sampled, ">= 1")
    _check(b.taste_scale > 0, "behaviour.taste_scale", b.taste_scale, "> 0")
    _check(b.reach_km > 0, "behaviour.reach_km", b.reach_km, "> 0 km")
    for name in ("search_employed_base", "search_non_employed", "search_outside"):
        _check(0 <= getattr(b, name) <= 1, f"behaviour.{name}", getattr(b, name), "0..1")
    validate_run_fields(cfg, _check)
    validate_policies(cfg.policies, cfg.years, _check)


