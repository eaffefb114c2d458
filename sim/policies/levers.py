"""Policy levers as dated, area-limited diffs over the baseline.

Each month ``lever_numbers`` starts from the baseline numbers the kernels read (pay floors,
supplements, fee headroom, posts per unit of need, switching costs, inflows...) and lets
every enabled lever change them, scaled by its phase-in and limited to its areas. Kernels
never see which policy is on: only these numbers. Each lever's module also reports what it
costs this month.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from sim.calendar import month_index
from sim.policies import (
    career_pathway,
    conditions,
    fair_pay,
    fee_uplift,
    international,
    nlw_path,
    one_workforce,
    pay_parity,
    registration,
    rural_coastal,
    technology,
    training,
)
from sim.state import (
    N_TERMS,
    R_PENSION,
    R_SICK_PAY,
    T_EXIT_SCALE,
    T_EXPERIENCE_STEP,
    T_QUALIFICATION_STEP,
    T_TRAINED_EXIT_SCALE,
)
from sim.world.reward import occupational_sick_pay

# Applied in this order (pay floors first, then parity and supplements on top).
LEVERS = {
    "fair_pay": fair_pay,
    "pay_parity": pay_parity,
    "rural_coastal": rural_coastal,
    "career_pathway": career_pathway,
    "registration": registration,
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
        supplement: Share added to care pay by role (rural and coastal attraction, career
            seniority steps), (S, R).
        supplement_parts: Each lever's part of ``supplement``: lever -> (S, R), to split
            the cost of the pay uplift between levers.
        funded_share: Share of each site's pay uplift paid by government (set when the
            month is accounted, from ``funded_shares``), (S,).
        funded_shares: Government-funded share of each pay lever's uplift: lever -> share.
        funded_gbp: What government pays each site this month for the pay levers (rate
            uplift, pay steps and reward parts at their funded shares), GBP at the run's
            scale, (S,) (set when the month is accounted).
        fees_gbp: What government pays each site this month in fee uplifts, GBP at the
            run's scale, (S,).
        step_extra: Each lever's addition to the experience and qualification pay steps:
            lever -> (S, 2).
        headroom_extra: Share above the NLW added to fee headroom, (S,).
        premium_boost: One-off rise of care employers' premium this month, share, (S,).
        posts_per_need: Posts needed per unit of care relative to the baseline, (S,).
        reward: Each site's total reward beyond basic pay after the levers, shares of basic
            pay, columns ``sim.state.R_*``, (S, N_REWARD).
        reward_parts: Each lever's rise of ``reward``: lever -> (S, N_REWARD), for its cost.
        zero_hours_scale: Multiplier of the zero-hours share of new contracts, (S,).
        commute_weight: Weight of commute time in the value of a job at the site, (S,).
        sector_switch: Switching cost between sectors (ASC, NHS, outside), utils, (3, 3).
        training_boost: Multiplier of Care Certificate and Level 2 completion, (S,).
        terms: Terms of work at each site (pay steps, switching-cost cut, entry cost, exit
            scales), columns ``sim.state.T_*``, (S, N_TERMS).
        licence_revoked: Sites whose visa sponsor licence is revoked this month, (S,).
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
    funded_gbp: np.ndarray
    fees_gbp: np.ndarray
    headroom_extra: np.ndarray
    premium_boost: np.ndarray
    posts_per_need: np.ndarray
    reward: np.ndarray
    zero_hours_scale: np.ndarray
    commute_weight: np.ndarray
    sector_switch: np.ndarray
    training_boost: np.ndarray
    terms: np.ndarray
    licence_revoked: np.ndarray
    supplement_parts: dict = field(default_factory=dict)
    reward_parts: dict = field(default_factory=dict)
    funded_shares: dict = field(default_factory=dict)
    step_extra: dict = field(default_factory=dict)
    cost_per_completion: float = 0.0
    international_per_year: float | None = None
    costs: dict = field(default_factory=dict)

    @classmethod
    def baseline(cls, model):
        """The numbers with no lever on, for ``model``'s sites this month."""
        cfg, sites = model.cfg, model.sites
        n_sites, n_roles = sites.posts.shape
        switch = np.full((3, 3), cfg.behaviour.switch_cost_sector)
        np.fill_diagonal(switch, 0.0)
        return cls(
            floor=np.full((n_sites, n_roles), model.nlw),
            parity_share=np.zeros(n_sites),
            parity_rate=np.zeros((n_sites, n_roles)),
            supplement=np.zeros((n_sites, n_roles)),
            funded_share=np.zeros(n_sites),
            funded_gbp=np.zeros(n_sites),
            fees_gbp=np.zeros(n_sites),
            headroom_extra=np.zeros(n_sites),
            premium_boost=np.zeros(n_sites),
            posts_per_need=np.ones(n_sites),
            reward=model.base_reward.copy(),
            zero_hours_scale=np.ones(n_sites),
            commute_weight=np.ones(n_sites),
            sector_switch=switch,
            training_boost=np.ones(n_sites),
            terms=model.base_terms.copy(),
            licence_revoked=np.zeros(n_sites, bool),
        )

    def add_cost(self, key: tuple[str, str, str], gbp: float) -> None:
        """Add to this month's cost of ``(lever, item, payer)``, GBP."""
        self.costs[key] = self.costs.get(key, 0.0) + gbp

    def raise_reward(self, lever: str, sites: np.ndarray, part: int, target: np.ndarray):
        """Raise part ``part`` of the total reward at ``sites`` to at least ``target``.

        Args:
            lever: The lever raising it (its rise is costed to it).
            sites: Boolean site mask, (S,).
            part: Column of ``reward`` (``sim.state.R_*``).
            target: The share of basic pay wanted at each site, (S,) or a scalar.
        """
        old = self.reward[:, part].copy()
        self.reward[sites, part] = np.maximum(old, target)[sites]
        rise = self.reward_parts.setdefault(lever, np.zeros_like(self.reward))
        rise[:, part] += self.reward[:, part] - old

    def lift_pension_and_sick_pay(
        self, lever: str, sites: np.ndarray, x: float, model, pension: float, sick_cover: float
    ) -> None:
        """Raise pension and sick pay at ``sites`` to floors, ``x`` of the way from their own.

        Args:
            lever: The lever's name (its rise is costed to it).
            sites: Boolean site mask, (S,).
            x: How far the lever is on (0-1).
            model: The model (its ``base_reward`` and reward parameters).
            pension: Employer pension floor, share of basic pay.
            sick_cover: Share of the Agenda for Change sick pay's value guaranteed (0-1).
        """
        sick_pay = sick_cover * occupational_sick_pay(model.cfg.reward)
        for part, wanted in ((R_PENSION, pension), (R_SICK_PAY, sick_pay)):
            own = model.base_reward[:, part]
            self.raise_reward(lever, sites, part, own + x * np.maximum(wanted - own, 0.0))

    def add_supplement(self, lever: str, sites: np.ndarray, share: float, roles=slice(None)):
        """Add ``share`` to the care pay of ``roles`` at ``sites`` on behalf of ``lever``."""
        part = self.supplement_parts.setdefault(lever, np.zeros_like(self.supplement))
        part[sites, roles] += share
        self.supplement[sites, roles] += share


def base_terms(model) -> np.ndarray:
    """Each site's terms of work with no lever on (fixed for a run), (S, N_TERMS)."""
    sites = model.sites
    terms = np.zeros((sites.n, N_TERMS))
    terms[:, T_EXPERIENCE_STEP] = model.experience_by_sector[sites.sector]
    terms[:, T_QUALIFICATION_STEP] = model.cfg.pay.qualification_premium
    terms[:, T_EXIT_SCALE] = 1.0
    terms[:, T_TRAINED_EXIT_SCALE] = 1.0
    return terms


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


def waves(lever) -> list:
    """The lever as one or more waves: copies with their own start month and areas.

    With ``area_starts`` each area starts in its own month (a staggered roll-out); areas
    with the same start form one wave. Without it the lever is a single wave.
    """
    if not lever.area_starts:
        return [lever]
    starts: dict[str, list[str]] = {}
    for area, start in zip(lever.areas, lever.area_starts, strict=True):
        starts.setdefault(start, []).append(area)
    return [
        dataclasses.replace(lever, start=start, areas=areas, area_starts=[])
        for start, areas in sorted(starts.items())
    ]


def site_masks(model) -> dict[str, list[tuple]]:
    """Each enabled lever's waves with their site masks; fixed for a run, so built once."""
    policies = model.cfg.policies
    return {
        name: [(wave, site_mask(wave, model)) for wave in waves(getattr(policies, name))]
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
    numbers = LeverNumbers.baseline(model)
    for name, module in LEVERS.items():
        lever = getattr(cfg.policies, name)
        if not lever.enabled:
            continue
        for wave, mask in model.lever_masks[name]:
            x = intensity(wave, model.month)
            if x > 0.0:
                module.apply(wave, x, mask, model, numbers)
    return numbers
