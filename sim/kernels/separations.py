"""Phase 4, separations: ageing, retirement, exits from work, and returns abroad."""

import numpy as np
from numba import njit, prange

from sim.kernels.moves import move
from sim.kernels.parallel import PRANGE_ONLY
from sim.rng import STREAM_SEPARATION, uniform
from sim.state import (
    ABROAD,
    ASC,
    NHS,
    NONEMP,
    OUTSIDE,
    RETIRED,
    T_EXIT_SCALE,
    T_TRAINED_EXIT_SCALE,
    W_AGE,
    W_INTL,
    W_QUAL,
    W_ROLE,
    W_SITE,
    W_SPONSOR,
    W_STATUS,
    W_TENURE,
)

# Indices into the separation hazard vector (probabilities per month).
H_ASC_EXIT, H_NHS_EXIT, H_OUTSIDE_EXIT, H_NONEMP_INACTIVE, H_ABROAD = 0, 1, 2, 3, 4
H_RETIRE_60, H_RETIRE_65, H_RETIRE_70, H_MAX_AGE_MONTHS = 5, 6, 7, 8
H_SPONSORED_NONEMP_LEAVE = 9
N_HAZARDS = 10


def hazard_vector(sep) -> np.ndarray:
    """Pack a ``SeparationConfig`` into the vector ``decide_separations`` reads."""
    v = np.zeros(N_HAZARDS)
    v[H_ASC_EXIT] = sep.exit_to_non_employment
    v[H_NHS_EXIT] = sep.nhs_exit_to_non_employment
    v[H_OUTSIDE_EXIT] = sep.exit_outside_to_non_employment
    v[H_NONEMP_INACTIVE] = sep.non_employed_to_inactive
    v[H_ABROAD] = sep.return_abroad_international
    v[H_RETIRE_60] = sep.retirement_hazard_60
    v[H_RETIRE_65] = sep.retirement_hazard_65
    v[H_RETIRE_70] = sep.retirement_hazard_70
    v[H_MAX_AGE_MONTHS] = sep.max_age_years * 12.0
    v[H_SPONSORED_NONEMP_LEAVE] = min(1.0 / sep.sponsored_job_search_months, 1.0)
    return v


@njit(cache=True)
def retirement_probability(hazards, age_months):
    """Monthly probability of retiring at an age (certain at the maximum age)."""
    if age_months >= hazards[H_MAX_AGE_MONTHS]:
        return 1.0
    if age_months >= 70 * 12:
        return hazards[H_RETIRE_70]
    if age_months >= 65 * 12:
        return hazards[H_RETIRE_65]
    if age_months >= 60 * 12:
        return hazards[H_RETIRE_60]
    return 0.0


@njit(cache=True)
def separation_destination(
    hazards, status, international, sponsor_months, age_months, exit_scale, u1, u2
):
    """Where a worker goes this month, or -1 to stay (competing risks, in order).

    Retirement first; then, for international recruits, a return abroad; then an exit from
    work at the hazard times ``exit_scale`` (a sponsored worker who leaves the job must leave
    the country: ABROAD); for the non-employed, leaving the labour market (RETIRED), or, for
    one still on a sponsored visa (displaced when a sponsor lost its licence), leaving the
    country unless a new sponsor is found in time.
    """
    if u1 < retirement_probability(hazards, age_months):
        return RETIRED
    if international == 1 and status != NONEMP and u2 < hazards[H_ABROAD]:
        return ABROAD
    u2 -= hazards[H_ABROAD] if international == 1 and status != NONEMP else 0.0
    if status == ASC:
        p = hazards[H_ASC_EXIT]
    elif status == NHS:
        p = hazards[H_NHS_EXIT]
    elif status == OUTSIDE:
        p = hazards[H_OUTSIDE_EXIT]
    elif sponsor_months > 0:
        return ABROAD if u2 < hazards[H_SPONSORED_NONEMP_LEAVE] else -1
    else:
        return RETIRED if 0.0 <= u2 < hazards[H_NONEMP_INACTIVE] else -1
    if 0.0 <= u2 < p * exit_scale:
        return ABROAD if sponsor_months > 0 else NONEMP
    return -1


@njit(cache=True)
def exit_scale(site_terms, site, qual):
    """Multiplier of the exit hazard of a worker at ``site`` (1 when not employed)."""
    if site < 0:
        return 1.0
    scale = site_terms[site, T_EXIT_SCALE]
    if qual >= 1:
        scale *= site_terms[site, T_TRAINED_EXIT_SCALE]
    return scale


@njit(cache=True, parallel=PRANGE_ONLY)
def age_and_decide(W, n, hazards, site_terms, seed, month, dest):
    """Age everyone a month and draw each worker's separation (``dest``, -1 = none).

    The exit hazard of an employed worker is scaled by the site's ``T_EXIT_SCALE`` and, for
    one with a Care Certificate or above, its ``T_TRAINED_EXIT_SCALE`` (``exit_scale``).

    Returns:
        Number of separations drawn.
    """
    status, age, tenure, sponsor = W[W_STATUS], W[W_AGE], W[W_TENURE], W[W_SPONSOR]
    count = 0
    for i in prange(n):
        dest[i] = -1
        if status[i] > NONEMP:
            continue
        age[i] += 1
        tenure[i] += 1
        if sponsor[i] > 0:
            sponsor[i] -= 1
        u1 = uniform(seed, STREAM_SEPARATION, month, i, 0)
        u2 = uniform(seed, STREAM_SEPARATION, month, i, 1)
        dest[i] = separation_destination(
            hazards,
            status[i],
            W[W_INTL][i],
            sponsor[i],
            age[i],
            exit_scale(site_terms, W[W_SITE][i], W[W_QUAL][i]),
            u1,
            u2,
        )
        if dest[i] >= 0:
            count += 1
    return count


@njit(cache=True)
def apply_separations(W, S, EV, n, dest, nlw):
    """Carry out the drawn separations in row order, logging each as an event."""
    for i in np.flatnonzero(dest[:n] >= 0):
        move(i, dest[i], -1, W[W_ROLE][i], 0, 0.0, 0.0, 0.0, W, S, EV, nlw)
