"""The worker's decision rule (docs/ODD.md section 10), written once as scalar functions.

A job's value is ``utility_log_earnings * log(weekly total reward) + utility_conditions *
conditions + utility_commute_hour * commute hours + utility_zero_hours * zero-hours +
vocation`` plus a Gumbel taste shock; moving costs the sector and employer switching costs.
Total reward is basic pay times ``1 + utility_non_wage_weight * non-wage share`` (pension,
sick pay, enhancements and leave, ``sim.world.reward``).
"""

import numpy as np
from numba import njit

from sim.kernels.geometry import commute_minutes
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

# Indices into the behaviour coefficient vector passed to kernels.
# (The sector switching cost is not here: kernels read it as a matrix that levers change.)
B_LOG_EARNINGS, B_CONDITIONS, B_COMMUTE_HOUR, B_ZERO_HOURS, B_VOCATION = 0, 1, 2, 3, 4
B_SWITCH_EMPLOYER, B_NON_EMPLOYMENT, B_TASTE = 5, 6, 7
B_SEARCH_BASE, B_SEARCH_GAP, B_SEARCH_ZH, B_SEARCH_COMMUTE = 8, 9, 10, 11
B_SEARCH_NONEMP, B_SEARCH_OUTSIDE = 12, 13
B_MATCH_UTILITY, B_SEARCH_MATCH, B_MATCH_LEARNING, B_SEARCH_YOUTH = 14, 15, 16, 17
B_NON_WAGE, B_SEARCH_NLW_PREMIUM, B_ASC_NON_BRITISH = 18, 19, 20
N_BEHAVIOUR = 21
YOUTH_UNTIL_YEARS = 30.0  # the youth term of the search log-odds is zero from this age


def behaviour_vector(b) -> np.ndarray:
    """Pack a ``BehaviourConfig`` into the float64 vector kernels read (``B_*`` indices)."""
    v = np.zeros(N_BEHAVIOUR)
    v[B_LOG_EARNINGS] = b.utility_log_earnings
    v[B_CONDITIONS] = b.utility_conditions
    v[B_COMMUTE_HOUR] = b.utility_commute_hour
    v[B_ZERO_HOURS] = b.utility_zero_hours
    v[B_VOCATION] = b.utility_care_vocation
    v[B_SWITCH_EMPLOYER] = b.switch_cost_employer
    v[B_NON_EMPLOYMENT] = b.utility_non_employment
    v[B_TASTE] = b.taste_scale
    v[B_SEARCH_BASE] = b.search_employed_base
    v[B_SEARCH_GAP] = b.search_parity_gap
    v[B_SEARCH_ZH] = b.search_zero_hours
    v[B_SEARCH_COMMUTE] = b.search_commute_hour
    v[B_SEARCH_NONEMP] = b.search_non_employed
    v[B_SEARCH_OUTSIDE] = b.search_outside
    v[B_MATCH_UTILITY] = b.utility_match_quality
    v[B_SEARCH_MATCH] = b.search_match_quality
    v[B_MATCH_LEARNING] = b.match_learning_months
    v[B_SEARCH_YOUTH] = b.search_youth_per_year
    v[B_NON_WAGE] = b.utility_non_wage_weight
    v[B_SEARCH_NLW_PREMIUM] = b.search_nlw_premium
    v[B_ASC_NON_BRITISH] = b.utility_asc_non_british
    return v


@njit(cache=True)
def valued_reward(beta, pay_per_hour, non_wage):
    """Total reward per hour as the worker values it, GBP.

    Args:
        beta: Behaviour vector.
        pay_per_hour: Basic hourly pay, GBP.
        non_wage: Total reward beyond basic pay, share of basic pay (``sim.world.reward``).
    """
    return pay_per_hour * (1.0 + beta[B_NON_WAGE] * non_wage)


@njit(cache=True)
def match_belief(beta, seed, month, i, tenure_months):
    """What worker ``i`` has learned of its match with its employer, in sd units.

    Each job's match quality q ~ N(0, 1) is drawn when it starts (keyed on the start month,
    ``month - tenure_months``) and is unknown at first; every month in the job is a signal
    of it, so the worker's belief is the posterior mean ``q * t / (t + learning months)``
    (Jovanovic 1979): 0 on the first day, q after long service. Bad matches are found out
    and left, so quits fall with tenure among those who stay.
    """
    q = normal(seed, STREAM_MATCH, month - tenure_months, i, 0)
    return q * tenure_months / (tenure_months + beta[B_MATCH_LEARNING])


@njit(cache=True)
def job_value(
    beta,
    pay_per_hour,
    non_wage,
    hours_per_week,
    conditions,
    commute_km,
    rural,
    zero_hours,
    sector,
    commute_weight,
    non_british=0,
):
    """Deterministic part of a job's utility (utils).

    Args:
        beta: Behaviour vector (``B_*``).
        pay_per_hour: Basic pay, GBP per hour.
        non_wage: Total reward beyond basic pay, share of basic pay.
        hours_per_week: Contracted hours per week.
        conditions: Conditions index 0-1.
        commute_km: Home-to-work distance, km.
        rural: True if the commute is in a rural area (slower).
        zero_hours: 1 for a zero-hours contract.
        sector: ASC, NHS or OUTSIDE.
        commute_weight: Share of commute time that counts (below 1 when travel is paid).
        non_british: 1 for a worker who is not a British national (an ASC job is worth
            ``B_ASC_NON_BRITISH`` more to them).
    """
    u = beta[B_LOG_EARNINGS] * np.log(valued_reward(beta, pay_per_hour, non_wage) * hours_per_week)
    u += beta[B_CONDITIONS] * conditions
    u += beta[B_COMMUTE_HOUR] * commute_weight * commute_minutes(commute_km, rural) / 60.0
    u += beta[B_ZERO_HOURS] * zero_hours
    if sector == ASC or sector == NHS:
        u += beta[B_VOCATION]
    if sector == ASC and non_british == 1:
        u += beta[B_ASC_NON_BRITISH]
    return u


@njit(cache=True)
def non_employment_value(beta, nlw_per_hour, outside_hours_per_week):
    """Utility of staying out of work, relative to an NLW job's earnings term (utils)."""
    return (
        beta[B_LOG_EARNINGS] * np.log(nlw_per_hour * outside_hours_per_week)
        + beta[B_NON_EMPLOYMENT]
    )


@njit(cache=True)
def switching_cost(beta, sector_switch, site_terms, from_status, from_site, to_sector, to_site):
    """Cost of a move (utils): changing employer and sector, and joining care.

    A move between care and the NHS costs ``sector_switch`` less the larger switching-cost
    cut of the two sites (joint training and secondments where either takes part); anyone
    not already in care pays the care site's entry cost (registration), even from
    non-employment.

    Args:
        beta: Behaviour vector.
        sector_switch: Cost of moving from one sector to another, utils, shape (3, 3).
        site_terms: Site terms (``T_*`` columns), shape (S, N_TERMS).
        from_status: Current status code.
        from_site: Current site (-1 when not employed).
        to_sector: Sector of the new job.
        to_site: Site of the new job.
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


@njit(cache=True)
def eligible(role_wanted, qual, role_now, status, to_sector, nhs_support_min_qual):
    """Whether a worker may take a post of ``role_wanted`` in ``to_sector``.

    Senior and Band 4 posts need Level 3; nurse posts need registration; 'other' posts are
    open to those already in such a role or coming from outside care and the NHS; other
    registered professionals' posts only to those already registered in such a profession
    (they enter from training through the NHS pipeline, ``sim.engines.entry``); NHS support
    posts need ``nhs_support_min_qual`` of applicants from outside the NHS.
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


@njit(cache=True)
def search_probability(
    beta,
    status,
    parity_gap_log,
    zero_hours,
    commute_hours,
    belief=0.0,
    age_years=99.0,
    nlw_premium_log=0.0,
):
    """Probability of searching this month.

    Employed care and NHS workers search more when their total reward is below the NHS
    band's they could reach (``parity_gap_log`` = log NHS reward - log own reward, valued
    with ``valued_reward``, counted when positive), on a
    zero-hours contract, with a long commute, when they have learned their match is poor
    (``belief`` below 0, ``match_belief``), when young (each year below
    ``YOUTH_UNTIL_YEARS``), and less the further their basic pay is above the NLW
    (``nlw_premium_log`` = log own pay - log NLW, counted when positive; 0 for roles the
    premium does not move, ``nlw_premium``). Outside and non-employed workers search at
    fixed rates.
    """
    if status == NONEMP:
        return beta[B_SEARCH_NONEMP]
    if status == OUTSIDE:
        return beta[B_SEARCH_OUTSIDE]
    p0 = beta[B_SEARCH_BASE]
    x = np.log(p0 / (1.0 - p0))
    x += beta[B_SEARCH_GAP] * max(parity_gap_log, 0.0)
    x += beta[B_SEARCH_ZH] * zero_hours + beta[B_SEARCH_COMMUTE] * commute_hours
    x -= beta[B_SEARCH_MATCH] * belief
    x += beta[B_SEARCH_YOUTH] * max(YOUTH_UNTIL_YEARS - age_years, 0.0)
    x -= beta[B_SEARCH_NLW_PREMIUM] * max(nlw_premium_log, 0.0)
    return 1.0 / (1.0 + np.exp(-x))


@njit(cache=True)
def nlw_premium(status, role, pay_per_hour, nlw):
    """Log points of basic pay above the NLW that weigh on a worker's search.

    Counted for care workers and senior care workers in care and the NHS (NHS support
    staff hold those codes), whose alternative is an NLW job elsewhere; registered and
    other staff, outside workers and the non-employed get 0.
    """
    if (status == ASC or status == NHS) and role <= ROLE_SENIOR:
        return np.log(pay_per_hour / nlw)
    return 0.0


@njit(cache=True)
def worker_search_probability(
    beta,
    status,
    role,
    pay_per_hour,
    non_wage,
    nhs_rate,
    nhs_non_wage,
    zero_hours,
    commute_km,
    rural,
    belief,
    age_months,
    nlw,
):
    """This month's search probability of one worker, from its own state.

    Args:
        beta: Behaviour vector.
        status: Worker status code.
        role: Role code of the current job.
        pay_per_hour: Own hourly pay, GBP.
        non_wage: Own employer's total reward beyond basic pay, share of basic pay.
        nhs_rate: NHS hourly rate of the equivalent role in the workplace's area, GBP.
        nhs_non_wage: The NHS's total reward beyond basic pay, share of basic pay.
        zero_hours: 1 on a zero-hours contract.
        commute_km: Home-to-work distance, km.
        rural: Whether the home area is rural.
        belief: What the worker has learned of its match, sd units (``match_belief``).
        age_months: Age in months.
        nlw: NLW in force, GBP per hour.
    """
    gap = 0.0
    commute_h = 0.0
    if status == ASC and role <= 2:
        gap = np.log(valued_reward(beta, nhs_rate, nhs_non_wage)) - np.log(
            valued_reward(beta, pay_per_hour, non_wage)
        )
    if status == ASC or status == NHS:
        commute_h = commute_minutes(commute_km, rural) / 60.0
    premium = nlw_premium(status, role, pay_per_hour, nlw)
    return search_probability(
        beta, status, gap, zero_hours, commute_h, belief, age_months / 12.0, premium
    )
