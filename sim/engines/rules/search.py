"""Phase 5, job search and matching.

Each worker in the labour market draws whether to search. A searcher samples a few
outside-sector jobs and a few care and NHS vacancies open at the start of the month within
commuting reach of home (areas weighted by their open jobs of each kind), and keeps the
options that beat staying, each valued with ``job_value`` and a Gumbel taste shock, less the cost of
moving. Searchers then act one by one in a keyed random order, each taking its best option
still open, so two searchers never fill one post. Restates ``sim.kernels.search``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from sim.engines.rules.choice import (
    eligible,
    job_value,
    match_belief,
    non_employment_value,
    switching_cost,
    worker_search_probability,
)
from sim.engines.rules.geometry import haversine_km
from sim.engines.rules.moves import move
from sim.engines.rules.pay import personal_pay, site_non_wage, site_step_room
from sim.kernels.choice import B_MATCH_UTILITY  # an index into the behaviour vector
from sim.kernels.vacancies import (  # plain numbers
    LISTING_ROLE_STRIDE,
    OWN_SITE_REDRAWS,
    REDRAW_DRAWS,
)
from sim.rng import (
    STREAM_CONTRACT,
    STREAM_LISTING,
    STREAM_OFFER,
    STREAM_ORDER,
    STREAM_SEARCH,
    STREAM_TASTE,
    below,
    gumbel,
    key_hash,
    uniform,
)
from sim.state import (
    ASC,
    NHS,
    NONEMP,
    OUTSIDE,
    ROLE_CARE_WORKER,
    ROLE_NURSE,
    T_EXPERIENCE_STEP,
    T_QUALIFICATION_STEP,
)


def is_listed(p_listed: float, seed: int, month: int, s: int, r: int, k: int) -> bool:
    """Whether the ``k``-th open post of role ``r`` at site ``s`` is open to applicants.

    Each month with probability ``p_listed`` (one over the sector's mean time to hire),
    drawn on a key of (month, site, role, k).
    """
    draw = r * LISTING_ROLE_STRIDE + k
    return p_listed >= 1.0 or uniform(seed, STREAM_LISTING, month, s, draw) < p_listed


def listed_open_posts(sites, p_listed, seed: int, month: int) -> np.ndarray:
    """The open posts open to applicants this month, by site and role (``is_listed``).

    Args:
        sites: The site arrays (``sim.state.Sites``).
        p_listed: Chance an open post is open to applicants this month, by sector, shape (3,).
        seed: Root seed.
        month: Month index.

    Returns:
        Posts open to applicants, shape (S, R).
    """
    listed = np.zeros(sites.posts.shape, np.int64)
    for s in range(sites.n):
        p = p_listed[sites.sector[s]]
        for r in range(sites.posts.shape[1]):
            vacant = max(sites.posts[s, r] - sites.filled[s, r], 0)
            listed[s, r] = sum(is_listed(p, seed, month, s, r, k) for k in range(vacant))
    return listed


def build_vacancy_slots(sites, listed: np.ndarray, n_la: int, outside: bool):
    """List the open posts of care and NHS sites (or of outside employers), grouped by area.

    Args:
        sites: The site arrays (``sim.state.Sites``).
        listed: Posts open to applicants by site and role (``listed_open_posts``).
        n_la: Number of areas.
        outside: List the outside sector's open jobs instead of care and NHS posts.

    Returns:
        (ptr, slot_site, slot_role, open_count): offsets of each area's slots, shape (L+1,);
        the site row and role code of each listed post; the listed posts per area, shape (L,).
    """
    by_area: list[list[tuple[int, int]]] = [[] for _ in range(n_la)]
    for s in range(sites.n):
        if (sites.sector[s] == OUTSIDE) != outside:
            continue
        for r in range(sites.posts.shape[1]):
            by_area[sites.la[s]].extend([(s, r)] * int(listed[s, r]))
    open_count = np.array([len(slots) for slots in by_area], np.int64)
    ptr = np.zeros(n_la + 1, np.int64)
    ptr[1:] = np.cumsum(open_count)
    slots = [slot for area_slots in by_area for slot in area_slots]
    slot_site = np.array([s for s, _ in slots], np.int32)
    slot_role = np.array([r for _, r in slots], np.int8)
    return ptr, slot_site, slot_role, open_count


def reach_open_counts(reach_ptr, reach_idx, open_count):
    """Open vacancies within commuting reach of each area, shape (L,).

    Args:
        reach_ptr: Offsets of the areas within reach of each area, shape (L+1,).
        reach_idx: Those areas' indices.
        open_count: Open posts per area, shape (L,).
    """
    n_la = len(reach_ptr) - 1
    totals = np.zeros(n_la, np.int64)
    for a in range(n_la):
        for k in range(reach_ptr[a], reach_ptr[a + 1]):
            totals[a] += open_count[reach_idx[k]]
    return totals


def sample_area(reach_ptr, reach_idx, home_la: int, open_count, reach_open, u: float) -> int:
    """Pick an area within reach with probability proportional to its open vacancies.

    Args:
        reach_ptr: Offsets of the areas within reach of each area, shape (L+1,).
        reach_idx: Those areas' indices.
        home_la: The searcher's home area.
        open_count: Open posts per area, shape (L,).
        reach_open: Open posts within reach of each area (``reach_open_counts``).
        u: Uniform draw in (0, 1).

    Returns:
        The area index, or -1 when nothing is open within reach.
    """
    total = reach_open[home_la]
    if total == 0:
        return -1
    target = u * total
    acc = 0.0
    for k in range(reach_ptr[home_la], reach_ptr[home_la + 1]):
        acc += open_count[reach_idx[k]]
        if target < acc:
            return reach_idx[k]
    return reach_idx[reach_ptr[home_la + 1] - 1]


def draw_slot(ptr, slot_site, open_count, reach_open, i: int, k: int, ctx) -> int:
    """The open post option ``k`` of searcher ``i`` finds, at an employer other than its own.

    An area within reach is drawn in proportion to its open posts, then a post in it; a post
    at the searcher's own employer is drawn again, up to ``OWN_SITE_REDRAWS`` times (so the
    share of wasted draws does not grow as the scale, and the employers within reach, shrink).

    Args:
        ptr: Offsets of each area's open posts, shape (L+1,).
        slot_site: Site row of each open post.
        open_count: Open posts per area, shape (L,).
        reach_open: Open posts within reach of each area.
        i: Worker row.
        k: Option number.
        ctx: The phase's context (``seed``, ``month``, ``reach_ptr``, ``reach_idx``) and the
            model, through the worker's home area and employer.

    Returns:
        The slot, or -1 when nothing is open within reach; the last draw if every redraw
        landed at the own employer.
    """
    w = ctx.workers
    j = -1
    for attempt in range(OWN_SITE_REDRAWS + 1):
        d = 2 * k if attempt == 0 else REDRAW_DRAWS + 2 * (OWN_SITE_REDRAWS * k + attempt)
        u = uniform(ctx.seed, STREAM_OFFER, ctx.month, i, d)
        area = sample_area(ctx.reach_ptr, ctx.reach_idx, w.home_la[i], open_count, reach_open, u)
        if area < 0:
            return -1
        j = ptr[area] + below(ctx.seed, STREAM_OFFER, ctx.month, i, d + 1, open_count[area])
        if slot_site[j] != w.site[i]:
            return j
    return j


class Offer(NamedTuple):
    """An option a searcher would take over staying."""

    value: float  # utils, net of switching costs, with the taste shock
    slot: int  # vacancy slot (outside jobs' follow the care and NHS posts')
    site: int  # site row
    role: int  # role code
    zero_hours: int  # 1 for a zero-hours contract
    hours: float  # contracted hours a week
    pay: float  # GBP per hour
    km: float  # home-to-work distance, km


# ---- the steps of phase 5 ------------------------------------------------------------------
def decide_search(worker, ctx) -> None:
    """A worker draws whether to search this month (``worker.searching``).

    A searcher also draws its place in the order of action (``worker.order_key``).

    Args:
        worker: A worker handle.
        ctx: The phase's context: ``seed``, ``month``, ``beta``, ``nhs_pay_by_la`` and
            ``nhs_non_wage`` (the NHS rate by area and role and the NHS's total reward beyond
            it: the pay-parity comparator), ``la_rural``, ``nlw``.
    """
    m, i = worker.model, worker.row
    w = m.workers
    worker.searching = False
    if w.status[i] > NONEMP:  # abroad or retired
        return
    s = w.site[i]
    nhs_rate = ctx.nhs_pay_by_la[m.sites.la[s], min(w.role[i], ROLE_NURSE)] if s >= 0 else 1.0
    belief = 0.0  # the match only moves care and NHS staff's search
    if w.status[i] == ASC or w.status[i] == NHS:
        belief = match_belief(ctx.beta, ctx.seed, ctx.month, i, w.tenure_months[i])
    p = worker_search_probability(
        ctx.beta,
        w.status[i],
        w.role[i],
        w.pay_per_hour[i],
        site_non_wage(m.sites, s) if w.status[i] == ASC else 0.0,  # read for care staff only
        nhs_rate,
        ctx.nhs_non_wage,
        w.zero_hours[i],
        w.commute_km[i],
        ctx.la_rural[w.home_la[i]],
        belief,
        w.age_months[i],
        ctx.nlw,
    )
    worker.searching = uniform(ctx.seed, STREAM_SEARCH, ctx.month, i, 0) < p
    if worker.searching:
        worker.order_key = int(key_hash(ctx.seed, STREAM_ORDER, ctx.month, i, 0) >> 1)


def draw_offers(worker, ctx) -> None:
    """A searcher samples its options and keeps those that beat staying (``worker.offers``).

    Options ``0..n_outside_offers-1`` are outside-sector jobs (not for outside workers or
    sponsored recruits), the rest care and NHS vacancies; each is drawn from the jobs of its
    kind open at the start of the month, from an area within reach in proportion to them.

    Args:
        worker: A worker handle.
        ctx: The phase's context: the random key (``seed``, ``month``), ``beta``, ``taste``,
            ``nlw``, ``la_rural``, the vacancies (``ptr``, ``slot_site``, ``slot_role``,
            ``open_count``, ``reach_open``), the outside jobs (``out_ptr``, ``out_site``,
            ``out_open``, ``out_reach_open``, numbered after the care and NHS slots),
            ``reach_ptr``, ``reach_idx``, ``n_outside_offers``, ``n_offers``,
            ``nhs_support_min_qual``, ``sector_switch``,
            ``zh_hours``, ``outside_hours``.
    """
    m, i = worker.model, worker.row
    w, sites = m.workers, m.sites
    tied = w.sponsor_months[i] > 0
    stay = _stay_value(m, i, ctx) + ctx.taste * gumbel(ctx.seed, STREAM_TASTE, ctx.month, i, 0)
    worker.offers = []
    no_outside = w.status[i] == OUTSIDE or tied  # outside workers, sponsored recruits
    for k in range(ctx.n_outside_offers if no_outside else 0, ctx.n_outside_offers + ctx.n_offers):
        if k < ctx.n_outside_offers:  # an outside-sector job
            j = draw_slot(ctx.out_ptr, ctx.out_site, ctx.out_open, ctx.out_reach_open, i, k, ctx)
            if j < 0:  # no outside job open within reach
                continue
            s, r = ctx.out_site[j], ROLE_CARE_WORKER
            j += len(ctx.slot_site)
        else:
            j = draw_slot(ctx.ptr, ctx.slot_site, ctx.open_count, ctx.reach_open, i, k, ctx)
            if j < 0:  # nothing open within reach
                break
            s, r = ctx.slot_site[j], ctx.slot_role[j]
        if s == w.site[i] or not eligible(
            r, w.qual[i], w.role[i], w.status[i], sites.sector[s], ctx.nhs_support_min_qual
        ):
            continue
        if tied and (sites.sector[s] != ASC or sites.sponsor[s] == 0):  # needs a sponsor
            continue
        offer = _value_offer(m, i, k, j, s, r, ctx)
        if offer.value > stay:
            worker.offers.append(offer)


def _stay_value(m, i: int, ctx) -> float:
    """Value of worker ``i`` staying as it is, before the taste shock (utils)."""
    w, sites = m.workers, m.sites
    if w.status[i] == NONEMP:
        return non_employment_value(ctx.beta, ctx.nlw, ctx.outside_hours)
    s = w.site[i]
    value = job_value(
        ctx.beta,
        w.pay_per_hour[i],
        site_non_wage(sites, s),
        w.hours_per_week[i],
        sites.conditions[s],
        w.commute_km[i],
        ctx.la_rural[w.home_la[i]],
        w.zero_hours[i],
        w.status[i],
        sites.commute_weight[s],
        w.international[i],
    )
    belief = match_belief(ctx.beta, ctx.seed, ctx.month, i, w.tenure_months[i])
    return value + ctx.beta[B_MATCH_UTILITY] * belief


def _value_offer(m, i: int, k: int, j: int, s: int, r: int, ctx) -> Offer:
    """Worker ``i``'s option ``k`` (slot ``j``: site ``s``, role ``r``), valued."""
    w, sites, geo = m.workers, m.sites, m.geo
    u = uniform(ctx.seed, STREAM_CONTRACT, ctx.month, i, k)
    zh = 1 if u < ctx.zh_offer[s] else 0  # the site's contract policy (contracts)
    hours = ctx.zh_hours if zh == 1 else sites.hours_per_week[s]
    sector = sites.sector[s]
    pay = personal_pay(  # a new starter: no tenure yet
        sites.pay_per_hour[s, r],
        0,
        w.qual[i],
        sites.terms[s, T_EXPERIENCE_STEP],
        sites.terms[s, T_QUALIFICATION_STEP],
        site_step_room(sites, s, r),
    )
    home, work = w.home_place[i], sites.place[s]
    km = haversine_km(
        geo.place_lat_deg[home],
        geo.place_lon_deg[home],
        geo.place_lat_deg[work],
        geo.place_lon_deg[work],
    )
    value = job_value(
        ctx.beta,
        pay,
        site_non_wage(sites, s),
        hours,
        sites.conditions[s],
        km,
        ctx.la_rural[w.home_la[i]],
        zh,
        sector,
        sites.commute_weight[s],
        w.international[i],
    )
    value -= switching_cost(
        ctx.beta, ctx.sector_switch, sites.terms, w.status[i], w.site[i], sector, s
    )
    value += ctx.taste * gumbel(ctx.seed, STREAM_TASTE, ctx.month, i, 1 + k)
    return Offer(value, j, s, r, zh, hours, pay, km)


def take_best_offer(worker, ctx) -> None:
    """A searcher, in turn, moves to its best option whose vacancy is still open.

    Ties keep the earlier option. The vacancy taken is marked in ``ctx.taken``.

    Args:
        worker: A worker handle with this month's ``offers``.
        ctx: The phase's context: ``taken`` (flags by vacancy slot), ``nlw``.
    """
    still_open = [o for o in worker.offers if not ctx.taken[o.slot]]
    if not still_open:
        return
    best = still_open[0]
    for offer in still_open[1:]:
        if offer.value > best.value:
            best = offer
    ctx.taken[best.slot] = True
    m = worker.model
    sector = m.sites.sector[best.site]
    move(
        m,
        worker.row,
        sector,
        best.site,
        best.role,
        best.zero_hours,
        best.hours,
        best.pay,
        best.km,
        ctx.nlw,
    )
