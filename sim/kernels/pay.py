"""Phase 3, pay setting: national scales, employers' offers within fee income, legal floors."""

import numpy as np
from numba import njit, prange

from sim.kernels.parallel import PRANGE_ONLY
from sim.state import (
    ASC,
    NHS,
    OUTSIDE,
    OWNER_LA,
    S_HEADROOM,
    S_PAY,
    S_PAY_BASE,
    S_PREMIUM,
    S_REWARD,
    S_SECTOR,
    S_TERMS,
    T_EXPERIENCE_STEP,
    T_QUALIFICATION_STEP,
)


@njit(cache=True)
def premium_after(premium, posts, filled, headroom, response, target_vacancy_rate, boost):
    """A care employer's premium after one month of responding to its vacancy rate.

    ``premium + response * (vacancy rate - target)``, kept within ``[0, headroom]``: an
    employer short of staff raises pay, one fully staffed lets the premium erode.

    Args:
        premium: Current premium over the NLW, share.
        posts: Funded posts (all roles).
        filled: Filled posts (all roles).
        headroom: Highest premium fee income allows, share.
        response: Premium change per month per unit of vacancy-rate gap.
        target_vacancy_rate: Vacancy rate at which the employer holds pay.
        boost: One-off premium increase this month (a fee uplift passed on), share.
    """
    if posts == 0:
        return min(premium + boost, headroom)
    gap = (posts - filled) / posts - target_vacancy_rate
    return min(max(premium + boost + response * gap, 0.0), headroom)


@njit(cache=True)
def site_rate(
    sector,
    owner,
    premium,
    in_london,
    nlw,
    nhs_rate,
    role_ratio,
    la_owned_premium,
    london_supplement,
):
    """Hourly pay a site offers for one role (GBP per hour).

    ASC: ``NLW * (1 + premium) * role ratio`` (council-run sites pay ``la_owned_premium``
    more). NHS: the Agenda for Change rate of the role, with the
    London supplement. Outside: ``NLW * (1 + premium)``. Never below the NLW.

    Args:
        sector: Site sector code.
        owner: Site ownership code.
        premium: Care employer's premium over the NLW, share.
        in_london: Whether the site is in London.
        nlw: National Living Wage, GBP per hour.
        nhs_rate: Agenda for Change rate of the role, GBP per hour.
        role_ratio: ASC pay of the role relative to the care worker rate.
        la_owned_premium: Extra pay of council-run care sites, share.
        london_supplement: NHS high-cost area supplement in London, share.
    """
    if sector == NHS:
        rate = nhs_rate * ((1.0 + london_supplement) if in_london else 1.0)
    elif sector == ASC:
        rate = nlw * (1.0 + premium) * role_ratio
        if owner == OWNER_LA:
            rate *= 1.0 + la_owned_premium
    else:
        rate = nlw * (1.0 + premium)
    return max(rate, nlw)


@njit(cache=True)
def levered_rate(rate, floor, parity_share, parity_rate, supplement):
    """A care rate after policy levers (GBP per hour).

    The floor binds first (NLW, or a sector minimum), then ``parity_share`` of any gap to the
    NHS rate is closed, then the supplement is added.

    Args:
        rate: The employer's own rate, GBP per hour.
        floor: Lowest rate allowed, GBP per hour.
        parity_share: Share of the gap to ``parity_rate`` closed (0-1).
        parity_rate: NHS rate of the equivalent role, GBP per hour.
        supplement: Share added on top (e.g. a rural supplement).
    """
    rate = max(rate, floor)
    rate += parity_share * max(parity_rate - rate, 0.0)
    return rate * (1.0 + supplement)


@njit(cache=True, parallel=PRANGE_ONLY)
def adjust_premiums(premium, headroom, posts, filled, sector, response, target_vacancy_rate, boost):
    """Apply ``premium_after`` to every care employer (``premium`` updated in place).

    Args:
        premium: Premium over the NLW, share, shape (S,).
        headroom: Highest premium fee income allows, share, shape (S,).
        posts: Funded posts, shape (S, R).
        filled: Filled posts, shape (S, R).
        sector: Site sector codes.
        response: Premium change per month per unit of vacancy-rate gap.
        target_vacancy_rate: Vacancy rate at which employers hold pay.
        boost: One-off premium increase this month by site, share, shape (S,).
    """
    for s in prange(premium.shape[0]):
        if sector[s] == ASC:
            premium[s] = premium_after(
                premium[s],
                posts[s].sum(),
                filled[s].sum(),
                headroom[s],
                response,
                target_vacancy_rate,
                boost[s],
            )


@njit(cache=True, parallel=PRANGE_ONLY)
def set_site_pay(
    pay,
    pay_base,
    sector,
    owner,
    premium,
    la_region,
    site_la,
    london,
    nlw,
    nhs_rates,
    role_ratio,
    la_owned_premium,
    london_supplement,
    floor,
    parity_share,
    parity_rate,
    supplement,
):
    """Fill every site's rate by role, before (``pay_base``) and after policy levers (``pay``).

    Args:
        pay: Output rates with levers, GBP per hour, shape (S, R).
        pay_base: Output rates without levers, GBP per hour, shape (S, R).
        sector: Site sector codes, shape (S,).
        owner: Site ownership codes, shape (S,).
        premium: Pay premium over the NLW, share, shape (S,).
        la_region: Region index of each area.
        site_la: Area of each site.
        london: Region index of London.
        nlw: National Living Wage, GBP per hour.
        nhs_rates: Agenda for Change rate by role, shape (R,).
        role_ratio: ASC pay by role relative to the care worker rate, shape (R,).
        la_owned_premium: Extra pay of council-run care sites, share.
        london_supplement: NHS high-cost area supplement in London, share.
        floor: Lowest rate a care employer may pay by role, GBP per hour, shape (S, R).
        parity_share: Share of the gap to the NHS rate closed, shape (S,).
        parity_rate: NHS rate of the equivalent role, GBP per hour, shape (S, R).
        supplement: Share added to care pay by role, shape (S, R).
    """
    for s in prange(pay.shape[0]):
        in_london = la_region[site_la[s]] == london
        for r in range(pay.shape[1]):
            base = site_rate(
                sector[s],
                owner[s],
                premium[s],
                in_london,
                nlw,
                nhs_rates[r],
                role_ratio[r],
                la_owned_premium,
                london_supplement,
            )
            pay_base[s, r] = base
            if sector[s] == ASC:
                pay[s, r] = levered_rate(
                    base, floor[s, r], parity_share[s], parity_rate[s, r], supplement[s, r]
                )
            else:
                pay[s, r] = base


@njit(cache=True)
def step_room(sector, premium, headroom, base_rate):
    """Most a care employer's fees leave for personal pay steps above its rate, GBP per hour.

    The employer pays its rate at its premium; its fees would pay the rate at its headroom,
    so the steps can take the difference and no more: an employer with no headroom pays
    everyone its rate. Unbounded for NHS scales and outside employers.

    Args:
        sector: Site sector code.
        premium: The employer's premium over the NLW, share.
        headroom: The highest premium its fees pay for, share.
        base_rate: Its rate for the role before policy levers, GBP per hour.
    """
    if sector != ASC:
        return np.inf
    return base_rate * max(headroom - premium, 0.0) / (1.0 + premium)


@njit(cache=True)
def personal_pay(
    site_pay, tenure_months, qual, experience_per_year, qualification_premium, room=np.inf
):
    """A worker's hourly pay at a site-role rate, with experience and qualification steps.

    Args:
        site_pay: The site's rate for the role, GBP per hour.
        tenure_months: Months with the employer (capped at 10 years).
        qual: Qualification code (steps counted up to Level 3).
        experience_per_year: Pay step per year of tenure, share.
        qualification_premium: Pay step per qualification level, share.
        room: Most the steps may add, GBP per hour (``step_room``).
    """
    years = min(tenure_months / 12.0, 10.0)
    steps = site_pay * (experience_per_year * years + qualification_premium * min(qual, 3))
    return site_pay + min(steps, room)


@njit(cache=True)
def site_step_room(S, s, r):
    """``step_room`` of site ``s`` for role ``r``, read from the site arrays (GBP per hour)."""
    return step_room(S[S_SECTOR][s], S[S_PREMIUM][s], S[S_HEADROOM][s], S[S_PAY_BASE][s, r])


@njit(cache=True)
def site_non_wage(S, s):
    """Site ``s``'s total reward beyond basic pay, share of basic pay.

    The ``Sites.reward`` parts (pension, sick pay, enhancements, leave) added in column order.
    """
    total = 0.0
    for p in range(S[S_REWARD].shape[1]):
        total += S[S_REWARD][s, p]
    return total


@njit(cache=True)
def nhs_pay_point(nhs_pay_points, role, tenure_months):
    """An NHS worker's pay relative to the role's entry rate after its completed years in post."""
    years = min(tenure_months // 12, nhs_pay_points.shape[1] - 1)
    return nhs_pay_points[role, years]


@njit(cache=True, parallel=PRANGE_ONLY)
def update_worker_pay(pay_per_hour, site, role, tenure_months, qual, status, n, S, nhs_points):
    """Set every employed worker's pay from their site's rate and pay steps (GBP per hour).

    NHS staff move up the Agenda for Change pay points with years in post (``nhs_points``);
    care employers' steps are bounded by what their fees leave (``step_room``).

    Args:
        pay_per_hour: Output, GBP per hour (0 when not employed), shape (>= n,).
        site: Employing site of each worker (-1 when not employed).
        role: Role code of each worker.
        tenure_months: Months with the employer.
        qual: Qualification code.
        status: Status code.
        n: Workers in use.
        S: Site arrays (rates by role, terms for the steps, premium, headroom).
        nhs_points: NHS pay by completed year in post relative to the entry rate, shape
            (R, years + 1) (``sim.world.pay_scales.nhs_pay_by_year_in_post``).
    """
    site_pay, site_terms, sector = S[S_PAY], S[S_TERMS], S[S_SECTOR]
    for i in prange(n):
        s = site[i]
        if s < 0 or status[i] > OUTSIDE:  # not employed
            pay_per_hour[i] = 0.0
            continue
        r = role[i]
        rate = site_pay[s, r]
        if sector[s] == NHS:
            rate *= nhs_pay_point(nhs_points, r, tenure_months[i])
        pay_per_hour[i] = personal_pay(
            rate,
            tenure_months[i],
            qual[i],
            site_terms[s, T_EXPERIENCE_STEP],
            site_terms[s, T_QUALIFICATION_STEP],
            site_step_room(S, s, r),
        )
