"""Phase 2, demand: funded posts follow care need (ASC), workforce plans (NHS) and the economy.

Restates ``sim.kernels.demand``.
"""

from __future__ import annotations

import math


def whole_posts(target: float, posts_per_need: float, offset: float) -> int:
    """Funded posts from a fractional target: ``floor(target * posts_per_need + offset)``.

    Args:
        target: Fractional funded posts demand sets.
        posts_per_need: Posts needed per unit of care relative to the start (technology can
            lower it below 1).
        offset: The site-role's fixed rounding offset in [0, 1).
    """
    return math.floor(target * posts_per_need + offset)


# ---- the step of phase 2 -------------------------------------------------------------------
def grow_posts(site, ctx) -> None:
    """An employer's funded posts grow with its sector's demand.

    Posts never fall below the staff in post: nobody is made redundant, posts a lever frees
    go as staff leave.

    Args:
        site: A site handle; ``posts_target`` and ``posts`` of its row are updated.
        ctx: The phase's context: ``growth`` (monthly growth factor by sector code) and
            ``posts_per_need`` (by site).
    """
    sites, s = site.model.sites, site.row
    for r in range(sites.posts.shape[1]):
        sites.posts_target[s, r] *= ctx.growth[sites.sector[s]]
        sites.posts[s, r] = max(
            whole_posts(sites.posts_target[s, r], ctx.posts_per_need[s], sites.round_offset[s, r]),
            sites.filled[s, r],
        )
