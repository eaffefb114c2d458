"""Phase 3, pay setting: care employers' premiums, site rates, policy levers, personal pay.

Care employers move their premium over the NLW with their vacancy rate; every site then sets
a rate per role (the NLW-based care scale, Agenda for Change in the NHS, NLW-based outside),
care rates pass through the policy levers, and each employed worker is paid their
employer's rate with experience and qualification steps. Restates ``sim.kernels.pay``.
"""

from __future__ import annotations

import math

from sim.state import (
    ASC,
    NHS,
    OUTSIDE,
    OWNER_LA,
    QUAL_LEVEL3,
    T_EXPERIENCE_STEP,
    T_QUALIFICATION_STEP,
)

MAX_TENURE_YEARS_PAID = 10.0  # Experience steps stop after this many years with an employer.


def premium_after(
    premium: float,
    posts: int,
    filled: int,
    headroom: float,
    response: float,
    target_vacancy_rate: float,
    boost: float,
) -> float:
    """A care employer's premium after one month of responding to its vacancy rate.

    ``premium + boost + response * (vacancy rate - target)``, kept within ``[0, headroom]``:
    an employer short of staff raises pay, one fully staffed lets the premium erode.

    Args:
        premium: Current premium over the NLW, share.
        posts: Funded posts (all roles).
        filled: Filled posts (all roles).
        headroom: Highest premium fee income allows, share.
        response: Premium change per month per unit of vacancy-rate gap.
        target_vacancy_rate: Vacancy rate at which the employer holds pay, share.
        boost: One-off premium increase this month (a fee uplift passed on), share.

    Returns:
        The new premium over the NLW, share.
    """
    if posts == 0:
        return min(premium + boost, headroom)
    gap = (posts - filled) / posts - target_vacancy_rate
    return min(max(premium + boost + response * gap, 0.0), headroom)


def site_rate(
    sector: int,
    owner: int,
    premium: float,
    in_london: bool,
    nlw: float,
    nhs_rate: float,
    role_ratio: float,
    la_owned_premium: float,
    london_supplement: float,
) -> float:
    """Hourly pay a site offers for one role before policy levers (GBP per hour).

    ASC: ``NLW * (1 + premium) * role ratio`` (council-run sites pay ``la_owned_premium``
    more). NHS: the Agenda for Change rate of the role, with the London supplement. Outside:
    ``NLW * (1 + premium)``. Never below the NLW.

    Args:
        sector: Site sector code.
        owner: Site ownership code (``OWNER_*``).
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


def levered_rate(
    rate: float, floor: float, parity_share: float, parity_rate: float, supplement: float
) -> float:
    """A care rate after policy levers (GBP per hour).

    The floor binds first (NLW, or a sector minimum), then ``parity_share`` of any gap to the
    NHS rate is closed, then the supplement is added.

    Args:
        rate: The employer's own rate, GBP per hour.
        floor: Lowest rate allowed, GBP per hour.
        parity_share: Share of the gap to ``parity_rate`` closed, 0-1.
        parity_rate: NHS rate of the equivalent role, GBP per hour.
        supplement: Share added on top (e.g. a rural supplement).
    """
    rate = max(rate, floor)
    rate += parity_share * max(parity_rate - rate, 0.0)
    return rate * (1.0 + supplement)


def step_room(sector: int, premium: float, headroom: float, base_rate: float) -> float:
    """Most a care employer's fees leave for personal pay steps above its rate, GBP per hour.

    Its fees would pay its rate at its headroom; the steps may take the difference from the
    rate at its premium. Unbounded for NHS scales and outside employers.
    """
    if sector != ASC:
        return math.inf
    return base_rate * max(headroom - premium, 0.0) / (1.0 + premium)


def site_step_room(sites, s: int, r: int) -> float:
    """``step_room`` of site ``s`` for role ``r`` (GBP per hour)."""
    return step_room(sites.sector[s], sites.premium[s], sites.headroom[s], sites.pay_base[s, r])


def site_non_wage(sites, s: int) -> float:
    """Site ``s``'s total reward beyond basic pay, share of basic pay (parts added in order)."""
    total = 0.0
    for part in sites.reward[s]:
        total += float(part)
    return total


def personal_pay(
    site_pay: float,
    tenure_months: int,
    qual: int,
    experience_per_year: float,
    qualification_premium: float,
    room: float = math.inf,
) -> float:
    """A worker's hourly pay at a site-role rate, with experience and qualification steps.

    Args:
        site_pay: The site's rate for the role, GBP per hour.
        tenure_months: Months with the employer (steps stop at ``MAX_TENURE_YEARS_PAID``).
        qual: Qualification code (steps counted up to Level 3).
        experience_per_year: Pay step per year of tenure, share.
        qualification_premium: Pay step per qualification level, share.
        room: Most the steps may add, GBP per hour (``step_room``).

    Returns:
        Hourly pay, GBP per hour.
    """
    years = min(tenure_months / 12.0, MAX_TENURE_YEARS_PAID)
    levels = min(qual, QUAL_LEVEL3)
    steps = site_pay * (experience_per_year * years + qualification_premium * levels)
    return site_pay + min(steps, room)


# ---- the steps of phase 3 ------------------------------------------------------------------
def set_site_pay(site, ctx) -> None:
    """An employer sets its offers: a care employer adjusts its premium, then every rate is set.

    Args:
        site: A site handle (``sim.agents``); its row of ``model.sites`` is updated
            (``premium``, ``pay_base`` without levers and ``pay_per_hour`` with them).
        ctx: The phase's context: ``adjust_premiums``, ``levers``, ``pay_response``,
            ``target_vacancy_rate``, ``nlw``, ``nhs_rates``, ``role_ratio``,
            ``la_owned_premium``, ``london_supplement``.
    """
    m, s, lv = site.model, site.row, ctx.levers
    sites = m.sites
    if sites.sector[s] == ASC and ctx.adjust_premiums:
        sites.premium[s] = premium_after(
            sites.premium[s],
            sites.posts[s].sum(),
            sites.filled[s].sum(),
            sites.headroom[s],
            ctx.pay_response,
            ctx.target_vacancy_rate,
            lv.premium_boost[s],
        )
    in_london = m.geo.la_region[sites.la[s]] == m.london
    for r in range(sites.pay_per_hour.shape[1]):
        base = site_rate(
            sites.sector[s],
            sites.owner[s],
            sites.premium[s],
            in_london,
            ctx.nlw,
            ctx.nhs_rates[r],
            ctx.role_ratio[r],
            ctx.la_owned_premium,
            ctx.london_supplement,
        )
        sites.pay_base[s, r] = base
        if sites.sector[s] == ASC:
            base = levered_rate(
                base, lv.floor[s, r], lv.parity_share[s], lv.parity_rate[s, r], lv.supplement[s, r]
            )
        sites.pay_per_hour[s, r] = base


def update_worker_pay(worker, ctx) -> None:
    """An employed worker takes the employer's current rate, with tenure and qualification steps.

    Args:
        worker: A worker handle; its ``pay_per_hour`` (GBP per hour, 0 when not employed) is set.
        ctx: The phase's context: ``nhs_pay_points`` (NHS pay by completed year in post
            relative to the entry rate, shape (R, years + 1)); the rates are in
            ``model.sites``.
    """
    w, i, sites = worker.model.workers, worker.row, worker.model.sites
    s = w.site[i]
    if s < 0 or w.status[i] > OUTSIDE:  # not employed
        w.pay_per_hour[i] = 0.0
        return
    r = w.role[i]
    rate = sites.pay_per_hour[s, r]
    if sites.sector[s] == NHS:  # up the Agenda for Change pay points with years in post
        years = min(w.tenure_months[i] // 12, ctx.nhs_pay_points.shape[1] - 1)
        rate *= ctx.nhs_pay_points[r, years]
    w.pay_per_hour[i] = personal_pay(
        rate,
        w.tenure_months[i],
        w.qual[i],
        sites.terms[s, T_EXPERIENCE_STEP],
        sites.terms[s, T_QUALIFICATION_STEP],
        site_step_room(sites, s, r),
    )
