"""Contracts as employer policy: each employer keeps its share of staff on zero hours.

The chance that a site's next contract is zero-hours is its shortfall from its target share
after one more hire, ``share * (staff + 1) - zero_hours_staff``, clipped to 0..1, from the
staff it has when the phase begins. Restates ``sim.kernels.contracts``.
"""

from __future__ import annotations

import numpy as np


def zero_hours_offer_probability(share: float, zero_hours_staff: int, staff: int) -> float:
    """Chance that the next contract a site offers is zero-hours (0-1)."""
    return min(max(share * (staff + 1) - zero_hours_staff, 0.0), 1.0)


def zero_hours_offer_probabilities(model) -> np.ndarray:
    """``zero_hours_offer_probability`` of every site of ``model``, shape (S,)."""
    w, sites, n = model.workers, model.sites, model.n
    on_zero_hours_contract = (w.site[:n] >= 0) & (w.zero_hours[:n] == 1)
    on_zero_hours = np.bincount(w.site[:n][on_zero_hours_contract], minlength=sites.n)
    staff = sites.filled.sum(axis=1)
    return np.array(
        [
            zero_hours_offer_probability(sites.zero_hours_share[s], on_zero_hours[s], staff[s])
            for s in range(sites.n)
        ]
    )
