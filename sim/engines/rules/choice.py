"""The worker's decision rule (docs/ODD.md section 10): who may take a post, and what it is worth.

A job's value is ``utility_log_earnings * log(weekly total reward) + utility_conditions *
conditions + utility_commute_hour * commute hours + utility_zero_hours * zero-hours +
vocation`` (utils) plus a Gumbel taste shock; moving costs the employer, sector and
care-entry switching costs.
Restates ``sim.kernels.choice`` operation for operation (the same floating-point order).
"""

from __future__ import annotations

import math

from sim.engines.rules.geometry import commute_minutes
from sim.kernels.choice import (  # indices into the behaviour vector (plain integers)
    B_ASC_NON_BRITISH,
    B_COMMUTE_HOUR,
    B_CONDITIONS,
    B_LOG_EARNINGS,
    B_MATCH_LEARNING,
    B_NON_EMPLOYMENT,
    B_NON_WAGE,
    B_SEARCH_BASE,
    B_SEARCH_COMMUTE,
    B_SEARCH_GAP,
    B_SEARCH_MATCH,
    B_SEARCH_NLW_PREMIUM,
    B_SEARCH_NONEMP,
    B_SEARCH_OUTSIDE,
    B_SEARCH_YOUTH,
    B_SEARCH_ZH,
    B_SWITCH_EMPLOYER,
    B_VOCATION,
    B_ZERO_HOURS,
    YOUTH_UNTIL_YEARS,
)
from sim.rng import STREAM_MATCH, normal
from sim.state import (
    ASC,
    NHS,
    NONEMP,
    OUTSIDE,
    QUAL_LEVEL3,
    QUAL_NURSE,
    ROLE_NURSE,
    ROLE_OTHER,
    ROLE_PROFESSIONAL,
    ROLE_SENIOR,
    T_ENTRY_COST,
    T_SWITCH_CUT,
)


def _log(x: float) -> float:
    """Natural logarithm with numpy's edge cases: -inf at 0 and nan below, never an error."""
    if x > 0.0:
        return math.log(x)
    return -math.inf if x == 0.0 else math.nan


def _exp(x: float) -> float:
    """Exponential that overflows to inf, as numpy's does, instead of raising."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def eligible(
    role_wanted: int,
    qual: int,
    role_now: int,
    status: int,
    to_sector: int,
    nhs_support_min_qual: int,
) -> bool:
    """Whether a worker may take a post of ``role_wanted`` in ``to_sector``.

    Senior and Band 4 posts need Level 3; nurse posts need registration; 'other' posts are
    open to those already in such a role or coming from outside care and the NHS; other
    registered professionals' posts only to those already registered in such a profession
    (they enter from training through the NHS pipeline, ``sim.engines.entry``); NHS support
    posts need ``nhs_support_min_qual`` of applicants from outside the NHS.

    Args:
        role_wanted: Role code of the post (``ROLE_*``).
        qual: Worker's qualification code (``QUAL_*``).
        role_now: Role code of the worker's current (or last) job.
        status: Worker's status code (``ASC``, ``NHS``, ``OUTSIDE``, ``NONEMP``).
        to_sector: Sector code of the post.
        nhs_support_min_qual: Lowest ``QUAL_*`` code for NHS support posts from outside.
    """
    if role_wanted == ROLE_SENIOR:
        return qual >= QUAL_LEVEL3
    if role_wanted == ROLE_NURSE:
        return qual == QUAL_NURSE
    if role_wanted == ROLE_OTHER:
        return role_now == ROLE_OTHER or status == OUTSIDE or status == NONEMP
    if role_wanted == ROLE_PROFESSIONAL:
        return role_now == ROLE_PROFESSIONAL
    if to_sector == NHS and status != NHS:
        return qual >= nhs_support_min_qual
    return True


def valued_reward(beta, pay_per_hour: float, non_wage: float) -> float:
    """Total reward per hour as the worker values it, GBP.

    Args:
        beta: Behaviour vector (``B_*`` indices).
        pay_per_hour: Basic hourly pay, GBP.
        non_wage: Total reward beyond basic pay, share of basic pay (``sim.world.reward``).
    """
    return pay_per_hour * (1.0 + beta[B_NON_WAGE] * non_wage)


def job_value(
    beta,
    pay_per_hour: float,
    non_wage: float,
    hours_per_week: float,
    conditions: float,
    commute_km: float,
    rural: bool,
    zero_hours: int,
    sector: int,
    commute_weight: float,
    non_british: int = 0,
) -> float:
    """Deterministic part of a job's utility (utils).

    Args:
        beta: Behaviour vector (``B_*`` indices), utils per unit of each term.
        pay_per_hour: Basic hourly pay, GBP per hour.
        non_wage: Total reward beyond basic pay, share of basic pay.
        hours_per_week: Contracted hours per week.
        conditions: Conditions index, 0-1.
        commute_km: Home-to-work distance, km.
        rural: Whether the commute is in a rural area (faster roads).
        zero_hours: 1 for a zero-hours contract.
        sector: Sector code of the job (``ASC``, ``NHS`` or ``OUTSIDE``).
        commute_weight: Share of commute time that counts (below 1 when travel is paid).
        non_british: 1 for a worker who is not a British national (an ASC job is worth
            ``B_ASC_NON_BRITISH`` more to them).
    """
    u = beta[B_LOG_EARNINGS] * _log(valued_reward(beta, pay_per_hour, non_wage) * hours_per_week)
    u += beta[B_CONDITIONS] * conditions
    u += beta[B_COMMUTE_HOUR] * commute_weight * commute_minutes(commute_km, rural) / 60.0
    u += beta[B_ZERO_HOURS] * zero_hours
    if sector == ASC or sector == NHS:
        u += beta[B_VOCATION]
    if sector == ASC and non_british == 1:
        u += beta[B_ASC_NON_BRITISH]
    return u


def non_employment_value(beta, nlw_per_hour: float, outside_hours_per_week: float) -> float:
    """Utility of staying out of work, relative to an NLW job's earnings term (utils).

    Args:
        beta: Behaviour vector (``B_*`` indices).
        nlw_per_hour: National Living Wage, GBP per hour.
        outside_hours_per_week: Hours a week that value the earnings term.
    """
    return (
        beta[B_LOG_EARNINGS] * _log(nlw_per_hour * outside_hours_per_week) + beta[B_NON_EMPLOYMENT]
    )


def switching_cost(
    beta, sector_switch, site_terms, from_status: int, from_site: int, to_sector: int, to_site: int
) -> float:
    """Cost of a move (utils): changing employer and sector, and joining care.

    A move between care and the NHS costs ``sector_switch`` less the larger switching-cost
    cut of the two sites (joint training and secondments where either takes part); anyone
    not already in care pays the care site's entry cost (registration), even from
    non-employment.

    Args:
        beta: Behaviour vector (``B_*`` indices).
        sector_switch: Cost of moving from one sector to another, utils, shape (3, 3).
        site_terms: Site terms (``T_*`` columns), shape (S, N_TERMS).
        from_status: Current status code.
        from_site: Current site row (-1 when not employed).
        to_sector: Sector code of the new job.
        to_site: Site row of the new job.
    """
    cost = 0.0
    if from_status != NONEMP:
        if to_site != from_site:
            cost += beta[B_SWITCH_EMPLOYER]
        if to_sector != from_status:
            c = sector_switch[from_status, to_sector]
            if (from_status == ASC and to_sector == NHS) or (
                from_status == NHS and to_sector == ASC
            ):
                cut = max(site_terms[from_site, T_SWITCH_CUT], site_terms[to_site, T_SWITCH_CUT])
                c = max(c - cut, 0.0)
            cost += c
    if to_sector == ASC and from_status != ASC:
        cost += site_terms[to_site, T_ENTRY_COST]
    return cost


def match_belief(beta, seed: int, month: int, i: int, tenure_months: int) -> float:
    """What worker ``i`` has learned of its match with its employer, in sd units.

    The job's match quality q ~ N(0, 1) is drawn on a key of its start month
    (``month - tenure_months``); the belief is the posterior mean ``q * t / (t + learning
    months)`` after t months of signals (Jovanovic 1979).
    """
    q = normal(seed, STREAM_MATCH, month - tenure_months, i, 0)
    return q * tenure_months / (tenure_months + beta[B_MATCH_LEARNING])


def search_probability(
    beta,
    status: int,
    parity_gap_log: float,
    zero_hours: int,
    commute_hours: float,
    belief: float = 0.0,
    age_years: float = 99.0,
    nlw_premium_log: float = 0.0,
) -> float:
    """Probability of searching this month (0-1).

    Employed care and NHS workers search more when their total reward is below the NHS
    band's they could reach, on a zero-hours contract, with a long commute, when they have
    learned their match is poor, when young, and when paid close to the NLW (a logit around
    the base rate). Outside and non-employed workers search at fixed rates.

    Args:
        beta: Behaviour vector (``B_*`` indices).
        status: Worker status code.
        parity_gap_log: log NHS total reward - log own (valued, ``valued_reward``; counted
            when positive).
        zero_hours: 1 on a zero-hours contract.
        commute_hours: One-way commute, hours.
        belief: Learned match quality, sd units (``match_belief``).
        age_years: Age, years.
        nlw_premium_log: log own basic pay - log NLW (``nlw_premium``; counted when positive).
    """
    if status == NONEMP:
        return beta[B_SEARCH_NONEMP]
    if status == OUTSIDE:
        return beta[B_SEARCH_OUTSIDE]
    p0 = beta[B_SEARCH_BASE]
    x = _log(p0 / (1.0 - p0))
    x += beta[B_SEARCH_GAP] * max(parity_gap_log, 0.0)
    x += beta[B_SEARCH_ZH] * zero_hours + beta[B_SEARCH_COMMUTE] * commute_hours
    x -= beta[B_SEARCH_MATCH] * belief
    x += beta[B_SEARCH_YOUTH] * max(YOUTH_UNTIL_YEARS - age_years, 0.0)
    x -= beta[B_SEARCH_NLW_PREMIUM] * max(nlw_premium_log, 0.0)
    return 1.0 / (1.0 + _exp(-x))


def nlw_premium(status: int, role: int, pay_per_hour: float, nlw: float) -> float:
    """Log points of basic pay above the NLW that weigh on a worker's search.

    Counted for care workers and senior care workers in care and the NHS (NHS support staff
    hold those codes); 0 for everyone else.
    """
    if (status == ASC or status == NHS) and role <= ROLE_SENIOR:
        return _log(pay_per_hour / nlw)
    return 0.0


def worker_search_probability(
    beta,
    status: int,
    role: int,
    pay_per_hour: float,
    non_wage: float,
    nhs_rate: float,
    nhs_non_wage: float,
    zero_hours: int,
    commute_km: float,
    rural: bool,
    belief: float,
    age_months: int,
    nlw: float,
) -> float:
    """This month's search probability of one worker, from its own state (0-1).

    Args:
        beta: Behaviour vector (``B_*`` indices).
        status: Worker status code.
        role: Role code of the current job.
        pay_per_hour: Own hourly pay, GBP per hour.
        non_wage: Own employer's total reward beyond basic pay, share of basic pay.
        nhs_rate: NHS hourly rate of the equivalent role in the workplace's area, GBP.
        nhs_non_wage: The NHS's total reward beyond basic pay, share of basic pay.
        zero_hours: 1 on a zero-hours contract.
        commute_km: Home-to-work distance, km.
        rural: Whether the home area is rural.
        belief: Learned match quality, sd units (``match_belief``).
        age_months: Age in months.
        nlw: NLW in force, GBP per hour.
    """
    gap = 0.0
    commute_h = 0.0
    if status == ASC and role <= ROLE_NURSE:
        gap = _log(valued_reward(beta, nhs_rate, nhs_non_wage)) - _log(
            valued_reward(beta, pay_per_hour, non_wage)
        )
    if status == ASC or status == NHS:
        commute_h = commute_minutes(commute_km, rural) / 60.0
    premium = nlw_premium(status, role, pay_per_hour, nlw)
    return search_probability(
        beta, status, gap, zero_hours, commute_h, belief, age_months / 12.0, premium
    )
