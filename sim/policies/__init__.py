"""Policy levers as dated, area-limited diffs over the baseline.

Each month ``lever_numbers`` starts from the baseline numbers the kernels read (pay floors,
supplements, fee headroom, posts per unit of need, switching costs, inflows...) and lets
every enabled lever change them, scaled by its phase-in and limited to its areas. Kernels
never see which policy is on: only these numbers. Each lever's module also reports what it
costs this month.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.calendar import month_index
from sim.policies import (
    conditions,
    fair_pay,
    fee_uplift,
    international,
    nlw_path,
    one_workforce,
    pay_parity,
    rural_coastal,
    technology,
    training,
)

# Applied in this order (pay floors first, then parity and supplements on top).
LEVERS = {
    "fair_pay": fair_pay,
    "pay_parity": pay_parity,
    "rural_coastal": rural_coastal,
    "fee_uplift": fee_uplift,
    "international": international,
    "one_workforce": one_workforce,
    "technology": technology,
    "conditions": conditions,
    "training": training,
}


@dataclass
class LeverNumbers:
    """What the kernels read this month, per site (S) and role (R) where it varies.

    Attributes:
        floor: Lowest hourly rate a care employer may pay by role, GBP, (S, R).
        parity_share: Share of the gap to the NHS rate closed, (S,).
        parity_rate: NHS rate of the equivalent role in the site's area, GBP, (S, R).
        supplement: Share added to care pay (rural and coastal attraction), (S,).
        funded_share: Share of pay uplifts paid by government, (S,).
        headroom_extra: Share above the NLW added to fee headroom, (S,).
        premium_boost: One-off rise of care employers' premium this month, share, (S,).
        posts_per_need: Posts needed per unit of care relative to the baseline, (S,).
        conditions_extra: Conditions index points added, (S,).
        zero_hours_scale: Multiplier of the zero-hours share of new contracts, (S,).
        commute_weight: Weight of commute time in the value of a job at the site, (S,).
        sector_switch: Switching cost between sectors (ASC, NHS, outside), utils, (3, 3).
        training_boost: Multiplier of Care Certificate and Level 2 completion, (S,).
        cost_per_completion: Funding per boosted completion, GBP.
        international_per_year: International care recruits per year (England), or None
            for the baseline path.
        costs: Non-pay costs and returns this month: (lever, item, payer) -> GBP.
    """

    floor: np.ndarray
    parity_share: np.ndarray
    parity_rate: np.ndarray
    supplement: np.ndarray
    funded_share: np.ndarray
    headroom_extra: np.ndarray
    premium_boost: np.ndarray
    posts_per_need: np.ndarray
    conditions_extra: np.ndarray
    zero_hours_scale: np.ndarray
    commute_weight: np.ndarray
    sector_switch: np.ndarray
    training_boost: np.ndarray
    cost_per_completion: float = 0.0
    international_per_year: float | None = None
    costs: dict = field(default_factory=dict)

    @classmethod
    def baseline(cls, n_sites: int, n_roles: int, nlw: float, sector_switch_cost: float):
        """The numbers with no lever on."""
        switch = np.full((3, 3), sector_switch_cost)
        np.fill_diagonal(switch, 0.0)
        return cls(
            floor=np.full((n_sites, n_roles), nlw),
            parity_share=np.zeros(n_sites),
            parity_rate=np.zeros((n_sites, n_roles)),
            supplement=np.zeros(n_sites),
            funded_share=np.zeros(n_sites),
            headroom_extra=np.zeros(n_sites),
            premium_boost=np.zeros(n_sites),
            posts_per_need=np.ones(n_sites),
            conditions_extra=np.zeros(n_sites),
            zero_hours_scale=np.ones(n_sites),
            commute_weight=np.ones(n_sites),
            sector_switch=switch,
            training_boost=np.ones(n_sites),
        )


def intensity(lever, month: int) -> float:
    """How far a lever is on in a month: 0 before its start, rising linearly to 1."""
    start = month_index(lever.start)
    if month < start:
        return 0.0
    if lever.phase_in_months <= 0:
        return 1.0
    return min(1.0, (month - start + 1) / lever.phase_in_months)


def site_mask(lever, model) -> np.ndarray:
    """Sites in the lever's areas (all sites when it names none)."""
    if not lever.areas:
        return np.ones(model.sites.n, bool)
    geo = model.geo
    ics = geo.ics_name[geo.la_ics[model.sites.la]]
    region = geo.region_name[geo.la_region[model.sites.la]]
    return np.isin(ics, lever.areas) | np.isin(region, lever.areas)


def site_masks(model) -> dict[str, np.ndarray]:
    """Each enabled lever's site mask; areas are fixed for a run, so this is built once."""
    policies = model.cfg.policies
    return {
        name: site_mask(getattr(policies, name), model)
        for name in LEVERS
        if getattr(policies, name).enabled
    }


def nlw_multiplier(policies, month: int) -> float:
    """Multiplier of the baseline NLW from the NLW-path lever (1 when it is off)."""
    lever = policies.nlw_path
    return nlw_path.nlw_factor(lever, intensity(lever, month)) if lever.enabled else 1.0


def lever_numbers(model) -> LeverNumbers:
    """This month's numbers after every enabled lever."""
    cfg = model.cfg
    numbers = LeverNumbers.baseline(
        model.sites.n, model.sites.posts.shape[1], model.nlw, cfg.behaviour.switch_cost_sector
    )
    for name, module in LEVERS.items():
        lever = getattr(cfg.policies, name)
        if not lever.enabled:
            continue
        x = intensity(lever, model.month)
        if x > 0.0:
            module.apply(lever, x, model.lever_masks[name], model, numbers)
    return numbers
