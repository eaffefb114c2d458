"""The care wage bill of a set of sites, for levers whose cost scales with it."""

from __future__ import annotations

import numpy as np

from sim.state import ASC

WEEKS_PER_MONTH = 52.0 / 12.0


def care_wage_bill(model, mask: np.ndarray) -> float:
    """Monthly wage bill of the care sites in ``mask``, GBP, re-scaled to England.

    Uses each site's posted rate and contracted hours (an approximation: it ignores
    personal pay steps and zero-hours contracts).
    """
    s = model.sites
    sel = mask & (s.sector == ASC)
    weekly = (s.filled[sel] * s.pay_per_hour[sel]).sum(axis=1) * s.hours_per_week[sel]
    return float(weekly.sum() * WEEKS_PER_MONTH / model.cfg.scale)
