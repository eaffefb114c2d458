"""Technology investment as a portfolio, turned into care hours released.

Each kind of technology in the strategy's return-on-investment table gets its share of the
investment; its provider return per GBP, valued at ``cost_per_hour_released``, gives the
care hours a year it releases, and that share of the affected sites' care hours is taken off
the posts they need. What follows (vacancies, unmet hours, delayed discharges, wage bills)
is simulated; the table's own returns are reported beside it by ``sim.output`` and never
booked as negative costs. In a staggered roll-out the investment is shared between waves by
their number of care sites.
"""

import numpy as np

from sim.config.policies import TECHNOLOGY_KINDS
from sim.policies.wagebill import WEEKS_PER_MONTH
from sim.state import ASC


def apply(lever, x, mask, model, numbers) -> None:
    """Lower posts needed per unit of care; book the investment by kind."""
    s = model.sites
    sites = mask & (s.sector == ASC)
    hours_per_month = (s.posts_target[sites].sum(axis=1) * s.hours_per_week[sites]).sum()
    hours_per_month *= WEEKS_PER_MONTH / model.cfg.scale
    waves = model.lever_masks["technology"]
    covered = np.logical_or.reduce([m for _, m in waves]) & (s.sector == ASC)
    wave_share = np.count_nonzero(sites) / max(np.count_nonzero(covered), 1)
    invested = lever.investment_per_year / 12.0 * x * wave_share
    released = 0.0
    for kind, share, ret in zip(
        TECHNOLOGY_KINDS, lever.portfolio, lever.provider_return_per_gbp, strict=True
    ):
        if share > 0:
            released += invested * share * ret / lever.cost_per_hour_released
            numbers.add_cost(("technology", f"investment: {kind}", "government"), invested * share)
    share = min(released / hours_per_month, 0.5) if hours_per_month > 0 else 0.0
    numbers.posts_per_need[sites] = np.minimum(numbers.posts_per_need[sites], 1.0 - share)
