"""Phase 7, training and progression: qualifications, then promotion into senior posts."""

from numba import njit, prange

from sim.kernels.moves import move
from sim.kernels.parallel import PRANGE_ONLY
from sim.rng import STREAM_PROMOTION, STREAM_TRAINING, uniform
from sim.state import (
    ASC,
    NHS,
    QUAL_LEVEL2,
    QUAL_LEVEL3,
    ROLE_CARE_WORKER,
    ROLE_SENIOR,
    S_FILLED,
    S_POSTS,
    W_COMMUTE,
    W_HOURS,
    W_PAY,
    W_QUAL,
    W_ROLE,
    W_SITE,
    W_STATUS,
    W_ZH,
)


@njit(cache=True, parallel=PRANGE_ONLY)
def train(W, n, p_step, boost, seed, month, funded):
    """Employed care and NHS support workers gain the next qualification.

    Args:
        W: Worker arrays (qualification updated).
        n: Workers in use.
        p_step: Monthly probability of the next step from none, Care Certificate and Level 2,
            shape (3,).
        boost: Multiplier of the Care Certificate and Level 2 steps by site (funded
            training), shape (S,).
        seed: Root seed.
        month: Month index.
        funded: Output flags, 1 where a worker completed a boosted (funded) step, (>= n,).
    """
    # Unpacking a fourth array of W here made numba 0.68's parallel loop skip every update;
    # W[W_SITE] is read inline instead (tests/test_engines.py would catch a regression).
    status, qual, role = W[W_STATUS], W[W_QUAL], W[W_ROLE]
    for i in prange(n):
        funded[i] = 0
        if (
            (status[i] == ASC or status[i] == NHS)
            and role[i] == ROLE_CARE_WORKER
            and qual[i] < QUAL_LEVEL3
        ):
            q = qual[i]
            b = boost[W[W_SITE][i]] if q < QUAL_LEVEL2 else 1.0
            if uniform(seed, STREAM_TRAINING, month, i, 0) < step_probability(p_step[q], b):
                qual[i] = q + 1
                funded[i] = 1 if b > 1.0 else 0


@njit(cache=True)
def step_probability(p, boost):
    """Monthly probability of the next qualification step, raised by funding (capped at 1)."""
    return min(p * boost, 1.0)


@njit(cache=True)
def promote(W, S, EV, n, p_promote, nlw, seed, month):
    """Level 3 care and support workers move into an open senior post at their employer.

    Returns:
        Number of promotions.
    """
    status, site, role, qual = W[W_STATUS], W[W_SITE], W[W_ROLE], W[W_QUAL]
    posts, filled = S[S_POSTS], S[S_FILLED]
    count = 0
    for i in range(n):
        if role[i] != ROLE_CARE_WORKER or qual[i] < QUAL_LEVEL3 or site[i] < 0 or status[i] > NHS:
            continue
        s = site[i]
        if posts[s, ROLE_SENIOR] <= filled[s, ROLE_SENIOR]:
            continue
        if uniform(seed, STREAM_PROMOTION, month, i, 0) < p_promote:
            move(
                i,
                status[i],
                s,
                ROLE_SENIOR,
                W[W_ZH][i],
                W[W_HOURS][i],
                W[W_PAY][i],
                W[W_COMMUTE][i],
                W,
                S,
                EV,
                nlw,
            )
            count += 1
    return count
