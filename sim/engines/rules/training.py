"""Phase 7, training and progression: qualifications, then promotion into senior posts.

Restates ``sim.kernels.training``.
"""

from __future__ import annotations

from sim.engines.rules.moves import move
from sim.rng import STREAM_PROMOTION, STREAM_TRAINING, uniform
from sim.state import ASC, NHS, QUAL_LEVEL2, QUAL_LEVEL3, ROLE_CARE_WORKER, ROLE_SENIOR


def step_probability(p: float, boost: float) -> float:
    """Monthly probability of the next qualification step, raised by funding (capped at 1).

    Args:
        p: Baseline monthly probability of the step.
        boost: Multiplier from funded training (1 when unfunded).
    """
    return min(p * boost, 1.0)


def may_train(status: int, role: int, qual: int) -> bool:
    """Whether a worker can gain a qualification: employed in care or the NHS, below Level 3.

    Args:
        status: Worker status code.
        role: Role code of the current job (only care and NHS support workers train).
        qual: Qualification code.
    """
    return (status == ASC or status == NHS) and role == ROLE_CARE_WORKER and qual < QUAL_LEVEL3


def may_be_promoted(status: int, site: int, role: int, qual: int) -> bool:
    """Whether a worker can take a senior post at the employer: a Level 3 support worker.

    Args:
        status: Worker status code (employed in care or the NHS).
        site: Site row of the employer (-1 when not employed).
        role: Role code of the current job (care or NHS support worker).
        qual: Qualification code (Level 3 or above).
    """
    return role == ROLE_CARE_WORKER and qual >= QUAL_LEVEL3 and site >= 0 and status <= NHS


# ---- the steps of phase 7 ------------------------------------------------------------------
def train(worker, ctx) -> None:
    """An employed care or support worker may gain the next qualification.

    Funding (``ctx.boost`` by site) raises the Care Certificate and Level 2 steps; a step
    completed with funding adds one to ``ctx.funded``.

    Args:
        worker: A worker handle; its qualification may rise one step.
        ctx: The phase's context: ``seed``, ``month``, ``p_step`` (monthly probability of
            the step from each qualification below Level 3), ``boost``, ``funded``.
    """
    w, i = worker.model.workers, worker.row
    if not may_train(w.status[i], w.role[i], w.qual[i]):
        return
    q = w.qual[i]
    b = ctx.boost[w.site[i]] if q < QUAL_LEVEL2 else 1.0
    if uniform(ctx.seed, STREAM_TRAINING, ctx.month, i, 0) < step_probability(ctx.p_step[q], b):
        w.qual[i] = q + 1
        ctx.funded += int(b > 1.0)


def promote(worker, ctx) -> None:
    """A Level 3 care or support worker may take an open senior post at the employer.

    Args:
        worker: A worker handle; promoted in place (same site, contract, pay and commute).
        ctx: The phase's context: ``seed``, ``month``, ``p_promote`` (monthly probability),
            ``nlw``.
    """
    m, i = worker.model, worker.row
    w, sites = m.workers, m.sites
    s = w.site[i]
    if not may_be_promoted(w.status[i], s, w.role[i], w.qual[i]):
        return
    if sites.posts[s, ROLE_SENIOR] <= sites.filled[s, ROLE_SENIOR]:  # no open senior post
        return
    if uniform(ctx.seed, STREAM_PROMOTION, ctx.month, i, 0) < ctx.p_promote:
        move(
            m,
            i,
            w.status[i],
            s,
            ROLE_SENIOR,
            w.zero_hours[i],
            w.hours_per_week[i],
            w.pay_per_hour[i],
            w.commute_km[i],
            ctx.nlw,
        )
