"""Technology investment, turned into care hours released and into returns.

Providers' return per GBP invested (the strategy's ROI table) valued at
``cost_per_hour_released`` gives the care hours a year technology saves; that share of the
affected sites' care hours is taken off the posts they need. In a staggered roll-out the
investment is shared between waves by their number of care sites.
"""

import numpy as np

from sim.policies.wagebill import WEEKS_PER_MONTH
from sim.state import ASC


def apply(lever, x, mask, model, numbers) -> None:
    """Lower posts needed per unit of care; count investment and returns."""
    s = model.sites
    sites = mask & (s.sector == ASC)
    hours_per_month = (s.posts_target[sites].sum(axis=1) * s.hours_per_week[sites]).sum()
    hours_per_month *= WEEKS_PER_MONTH / model.cfg.scale
    waves = model.lever_masks["technology"]
    covered = np.logical_or.reduce([m for _, m in waves]) & (s.sector == ASC)
    wave_share = np.count_nonzero(sites) / max(np.count_nonzero(covered), 1)
    invested = lever.investment_per_year / 12.0 * x * wave_share
    released = invested * lever.provider_return_per_gbp / lever.cost_per_hour_released
    share = min(released / hours_per_month, 0.5) if hours_per_month > 0 else 0.0
    numbers.posts_per_need[sites] = np.minimum(numbers.posts_per_need[sites], 1.0 - share)
    numbers.add_cost(("technology", "investment", "government"), invested)
    provider_return = -invested * lever.provider_return_per_gbp
    numbers.add_cost(("technology", "provider return", "providers"), provider_return)
    numbers.add_cost(("technology", "NHS return", "nhs"), -invested * lever.nhs_return_per_gbp)
