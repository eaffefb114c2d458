"""Each site's wage bill, for levers whose cost scales with it."""

from __future__ import annotations

import numpy as np

WEEKS_PER_MONTH = 52.0 / 12.0


def site_wage_bills(model) -> np.ndarray:
    """Each site's monthly wage bill, GBP at the run's scale, shape (S,).

    Uses each site's posted rate and contracted hours (an approximation: it ignores
    personal pay steps and zero-hours contracts).
    """
    s = model.sites
    return (s.filled * s.pay_per_hour).sum(axis=1) * s.hours_per_week * WEEKS_PER_MONTH
