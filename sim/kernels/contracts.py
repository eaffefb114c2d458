"""Contracts as employer policy: each employer keeps its share of staff on zero hours.

An employer's zero-hours share (``Sites.zero_hours_share``, set from the April 2024 stocks
and scaled by the conditions lever) is a policy it holds, not a draw that staff turnover can
erode. Zero-hours staff leave faster than others (they search more), so an employer replaces
them with zero-hours hires: the chance that its next contract is zero-hours is its shortfall
from the target after one more hire, ``share * (staff + 1) - zero_hours_staff``, clipped to
0..1. At the target this equals the share; below it, more; above it, less.
"""

import numpy as np
from numba import njit

from sim.state import S_FILLED, W_SITE, W_ZH


@njit(cache=True)
def zero_hours_offer_probability(share, zero_hours_staff, staff):
    """Chance that the next contract a site offers is zero-hours.

    Args:
        share: The site's target share of staff on zero-hours contracts, 0-1.
        zero_hours_staff: Its staff on zero-hours contracts now.
        staff: Its staff now (filled posts, all roles).
    """
    return min(max(share * (staff + 1) - zero_hours_staff, 0.0), 1.0)


@njit(cache=True)
def zero_hours_offer_probabilities(W, S, n, share):
    """``zero_hours_offer_probability`` of every site from the current staff, shape (S,).

    Args:
        W: Worker arrays.
        S: Site arrays (filled posts by role).
        n: Workers in use.
        share: Target zero-hours share of each site, shape (S,).
    """
    site, zh = W[W_SITE], W[W_ZH]
    on_zero_hours = np.zeros(share.size, np.int64)
    for i in range(n):
        if site[i] >= 0 and zh[i] == 1:
            on_zero_hours[site[i]] += 1
    filled = S[S_FILLED]
    out = np.empty(share.size)
    for s in range(share.size):
        staff = 0
        for r in range(filled.shape[1]):
            staff += filled[s, r]
        out[s] = zero_hours_offer_probability(share[s], on_zero_hours[s], staff)
    return out
