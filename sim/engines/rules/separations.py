"""Phase 4, separations: ageing, retirement, exits from work, and returns abroad.

Each month every worker in England's labour market ages a month and faces competing risks in
a fixed order: retirement, a return abroad (international recruits), then an exit from work
(or, for the non-employed, leaving the labour market). Restates ``sim.kernels.separations``.
"""

from __future__ import annotations

from sim.engines.rules.moves import move
from sim.kernels.separations import (  # indices into the hazard vector (plain integers)
    H_ABROAD,
    H_ASC_EXIT,
    H_MAX_AGE_MONTHS,
    H_NHS_EXIT,
    H_NONEMP_INACTIVE,
    H_OUTSIDE_EXIT,
    H_RETIRE_60,
    H_RETIRE_65,
    H_RETIRE_70,
    H_SPONSORED_NONEMP_LEAVE,
)
from sim.rng import STREAM_SEPARATION, uniform
from sim.state import (
    ABROAD,
    ASC,
    NHS,
    NONEMP,
    OUTSIDE,
    QUAL_CARE_CERTIFICATE,
    RETIRED,
    T_EXIT_SCALE,
    T_TRAINED_EXIT_SCALE,
)

NO_SEPARATION = -1  # The destination drawn by a worker who stays.


def retirement_probability(hazards, age_months: int) -> float:
    """Monthly probability of retiring at an age (certain at the maximum age).

    Args:
        hazards: Separation hazard vector (``H_*`` indices), probabilities per month.
        age_months: Age, months.
    """
    if age_months >= hazards[H_MAX_AGE_MONTHS]:
        return 1.0
    if age_months >= 70 * 12:
        return hazards[H_RETIRE_70]
    if age_months >= 65 * 12:
        return hazards[H_RETIRE_65]
    if age_months >= 60 * 12:
        return hazards[H_RETIRE_60]
    return 0.0


def exit_scale(site_terms, site: int, qual: int) -> float:
    """Multiplier of the exit hazard of a worker at ``site`` (1 when not employed).

    Args:
        site_terms: Site terms (``T_*`` columns), shape (S, N_TERMS).
        site: The worker's site row, -1 when not employed.
        qual: The worker's qualification code; from a Care Certificate up, the site's
            ``T_TRAINED_EXIT_SCALE`` applies as well.
    """
    if site < 0:
        return 1.0
    scale = site_terms[site, T_EXIT_SCALE]
    if qual >= QUAL_CARE_CERTIFICATE:
        scale *= site_terms[site, T_TRAINED_EXIT_SCALE]
    return scale


def separation_destination(
    hazards,
    status: int,
    international: int,
    sponsor_months: int,
    age_months: int,
    exit_scale: float,
    u1: float,
    u2: float,
) -> int:
    """Where a worker goes this month, or ``NO_SEPARATION`` (competing risks, in order).

    Retirement first; then, for international recruits, a return abroad; then an exit from
    work at the hazard times ``exit_scale`` (a sponsored worker who leaves the job must leave
    the country: ABROAD); for the non-employed, leaving the labour market (RETIRED), or, for
    one still on a sponsored visa (displaced when a sponsor lost its licence), leaving the
    country unless a new sponsor is found in time.

    Args:
        hazards: Separation hazard vector (``H_*`` indices), probabilities per month.
        status: Worker status code.
        international: 1 for an international recruit.
        sponsor_months: Months of visa sponsorship left (0 = not tied).
        age_months: Age, months.
        exit_scale: Multiplier of the exit hazard (``exit_scale``).
        u1: Uniform draw deciding retirement.
        u2: Uniform draw deciding the other risks (used up risk by risk).

    Returns:
        The destination status code, or ``NO_SEPARATION``.
    """
    if u1 < retirement_probability(hazards, age_months):
        return RETIRED
    may_return_abroad = international == 1 and status != NONEMP
    if may_return_abroad and u2 < hazards[H_ABROAD]:
        return ABROAD
    u2 -= hazards[H_ABROAD] if may_return_abroad else 0.0
    if status == ASC:
        p = hazards[H_ASC_EXIT]
    elif status == NHS:
        p = hazards[H_NHS_EXIT]
    elif status == OUTSIDE:
        p = hazards[H_OUTSIDE_EXIT]
    elif sponsor_months > 0:
        return ABROAD if u2 < hazards[H_SPONSORED_NONEMP_LEAVE] else NO_SEPARATION
    else:
        return RETIRED if 0.0 <= u2 < hazards[H_NONEMP_INACTIVE] else NO_SEPARATION
    if 0.0 <= u2 < p * exit_scale:
        return ABROAD if sponsor_months > 0 else NONEMP
    return NO_SEPARATION


# ---- the steps of phase 4 ------------------------------------------------------------------
def age_and_decide(worker, ctx) -> None:
    """A worker ages a month and draws this month's separation (``worker.dest``).

    Args:
        worker: A worker handle; age, tenure and sponsorship months of its row are updated,
            and ``worker.dest`` set to a status code or ``NO_SEPARATION``.
        ctx: The phase's context: ``seed``, ``month``, ``hazards``.
    """
    w, i, sites = worker.model.workers, worker.row, worker.model.sites
    worker.dest = NO_SEPARATION
    if w.status[i] > NONEMP:  # abroad or retired: gone
        return
    w.age_months[i] += 1
    w.tenure_months[i] += 1
    if w.sponsor_months[i] > 0:
        w.sponsor_months[i] -= 1
    worker.dest = separation_destination(
        ctx.hazards,
        w.status[i],
        w.international[i],
        w.sponsor_months[i],
        w.age_months[i],
        exit_scale(sites.terms, w.site[i], w.qual[i]),
        uniform(ctx.seed, STREAM_SEPARATION, ctx.month, i, 0),
        uniform(ctx.seed, STREAM_SEPARATION, ctx.month, i, 1),
    )


def separate(worker, ctx) -> None:
    """A worker who drew a separation leaves the job (or the country, or the labour market).

    Args:
        worker: A worker handle with this month's ``dest``.
        ctx: The phase's context: ``nlw``.
    """
    if worker.dest != NO_SEPARATION:
        m, i = worker.model, worker.row
        role = m.workers.role[i]  # kept as the last role
        move(m, i, worker.dest, -1, role, 0, 0.0, 0.0, 0.0, ctx.nlw)
