"""Visa sponsorship: sponsor licences revoked, and the sponsored staff they displace."""

from numba import njit

from sim.kernels.moves import move
from sim.rng import STREAM_LICENCE, uniform
from sim.state import ASC, NONEMP, W_ROLE, W_SITE, W_SPONSOR


@njit(cache=True)
def draw_revocations(sponsor, sector, mask, p_month, seed, month, revoked):
    """Draw which licensed care sponsors in ``mask`` lose their licence this month.

    Args:
        sponsor: 1 where the site holds a sponsor licence, shape (S,).
        sector: Site sector codes.
        mask: Sites the revocations can hit, shape (S,).
        p_month: Probability a licence is revoked this month.
        seed: Root seed.
        month: Month index.
        revoked: Output, True where the licence is revoked, shape (S,).
    """
    for s in range(sponsor.shape[0]):
        revoked[s] = (
            sponsor[s] == 1
            and sector[s] == ASC
            and mask[s]
            and uniform(seed, STREAM_LICENCE, month, s, 0) < p_month
        )


@njit(cache=True)
def displace_sponsored(W, S, EV, n, revoked, nlw):
    """Sponsored staff of sites that lost their licence lose their job, in row order.

    They stay in England on their visa, out of work, and may only take a job with another
    licensed care sponsor before their time runs out (``separations``).

    Returns:
        Number of workers displaced.
    """
    count = 0
    for i in range(n):
        s = W[W_SITE][i]
        if s >= 0 and revoked[s] and W[W_SPONSOR][i] > 0:
            move(i, NONEMP, -1, W[W_ROLE][i], 0, 0.0, 0.0, 0.0, W, S, EV, nlw)
            count += 1
    return count


@njit(cache=True)
def sponsored_staff(W, n, revoked):
    """Number of sponsored workers employed at revoked sites (events to reserve)."""
    count = 0
    for i in range(n):
        s = W[W_SITE][i]
        if s >= 0 and revoked[s] and W[W_SPONSOR][i] > 0:
            count += 1
    return count
