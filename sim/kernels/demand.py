"""Phase 2, demand: funded posts follow care need (ASC), workforce plans (NHS) and the economy.

Outside employers' jobs grow with the economy, like any other posts.
"""

import numpy as np
from numba import njit, prange

from sim.kernels.parallel import PRANGE_ONLY


@njit(cache=True)
def whole_posts(target, posts_per_need, offset):
    """Funded posts from a fractional target: ``floor(target * posts_per_need + offset)``."""
    return np.int32(np.floor(target * posts_per_need + offset))


@njit(cache=True, parallel=PRANGE_ONLY)
def grow_posts(posts_target, round_offset, posts, filled, sector, growth_by_sector, posts_per_need):
    """Grow each site's funded posts by its sector's monthly growth factor.

    Args:
        posts_target: Fractional funded posts, shape (S, R); updated in place.
        round_offset: Rounding offsets in [0, 1), shape (S, R).
        posts: Integer funded posts, shape (S, R); set to ``floor(target + offset)``, but
            never below the staff in post (nobody is made redundant: posts a lever frees
            go as staff leave).
        filled: Filled posts, shape (S, R).
        sector: Site sector codes, shape (S,).
        growth_by_sector: Monthly growth factor by sector code, shape (3,).
        posts_per_need: Posts needed per unit of care relative to the start (technology can
            lower it below 1), shape (S,).
    """
    for s in prange(posts.shape[0]):
        for r in range(posts.shape[1]):
            posts_target[s, r] *= growth_by_sector[sector[s]]
            posts[s, r] = max(
                whole_posts(posts_target[s, r], posts_per_need[s], round_offset[s, r]),
                filled[s, r],
            )


@njit(cache=True)
def refresh_posts(posts_target, round_offset, posts, filled, posts_per_need, rows):
    """Whole funded posts of ``rows`` from their targets, as ``grow_posts`` sets them.

    For sites whose targets changed within a month (a closing provider's posts handed to
    them): ``floor(target * posts_per_need + offset)``, never below the staff in post.
    """
    for s in rows:
        for r in range(posts.shape[1]):
            posts[s, r] = max(
                whole_posts(posts_target[s, r], posts_per_need[s], round_offset[s, r]),
                filled[s, r],
            )


@njit(cache=True)
def unmet_care_hours(posts, filled, hours_per_post_week):
    """Care hours a month left undelivered by vacant posts (hours per month)."""
    vacant = 0
    for r in range(posts.shape[0]):
        vacant += max(posts[r] - filled[r], 0)
    return vacant * hours_per_post_week * 52.0 / 12.0
