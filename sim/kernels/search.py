"""Phase 5, job search and matching.

Who searches is drawn in parallel (each worker's draw depends only on its own key). The
matching is sequential in a random order drawn from the keyed generator: each searcher samples
a few open vacancies within commuting reach of home (areas weighted by their open vacancies),
adds the always-available outside job of the home area, scores them with ``job_value`` and a
Gumbel taste shock, and takes the best if it beats staying by more than the switching cost.
A vacancy taken is removed from the open list at once, so two searchers never fill one post.
"""

import numpy as np
from numba import njit, prange

from sim.geography import haversine_km
from sim.kernels.choice import (
    B_TASTE,
    eligible,
    job_value,
    non_employment_value,
    search_probability,
    switching_cost,
)
from sim.kernels.moves import move
from sim.kernels.pay import personal_pay
from sim.rng import (
    STREAM_CONTRACT,
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
    S_CONDITIONS,
    S_FILLED,
    S_HOURS,
    S_LA,
    S_PAY,
    S_PLACE,
    S_POSTS,
    S_SECTOR,
    S_SPONSOR,
    S_ZH_SHARE,
    W_COMMUTE,
    W_HOME_LA,
    W_HOME_PLACE,
    W_HOURS,
    W_PAY,
    W_QUAL,
    W_ROLE,
    W_SITE,
    W_SPONSOR,
    W_STATUS,
    W_ZH,
)


@njit(cache=True, parallel=True)
def decide_search(W, S, n, beta, nhs_pay_by_la, la_rural, seed, month, searching):
    """Draw who searches this month (``searching[i]`` = 1).

    Args:
        W: Worker arrays.
        S: Site arrays.
        n: Workers in use.
        beta: Behaviour vector.
        nhs_pay_by_la: NHS hourly rate by area and role, shape (L, R): the pay-parity
            comparator of care workers.
        la_rural: Rural flag by area.
        seed: Root seed.
        month: Month index.
        searching: Output flags, shape (>= n,), int8.
    """
    status, site, role = W[W_STATUS], W[W_SITE], W[W_ROLE]
    for i in prange(n):
        searching[i] = 0
        st = status[i]
        if st > NONEMP:
            continue
        gap = 0.0
        commute_h = 0.0
        if st == ASC and role[i] <= 2:
            gap = np.log(nhs_pay_by_la[S[S_LA][site[i]], role[i]]) - np.log(W[W_PAY][i])
        if st == ASC or st == NHS:
            rural = la_rural[W[W_HOME_LA][i]]
            commute_h = W[W_COMMUTE][i] / (45.0 if rural else 30.0)
        p = search_probability(beta, st, gap, W[W_ZH][i], commute_h)
        if uniform(seed, STREAM_SEARCH, month, i, 0) < p:
            searching[i] = 1


@njit(cache=True)
def build_vacancy_slots(S, n_la):
    """List every open post of care and NHS sites, grouped by area.

    Returns:
        (ptr, slot_site, slot_role, open_count): CSR offsets by area (L+1,), the site and role
        of each open post, and the number of still-open posts per area (L,).
    """
    sector, posts, filled, site_la = S[S_SECTOR], S[S_POSTS], S[S_FILLED], S[S_LA]
    count = np.zeros(n_la, np.int64)
    for s in range(posts.shape[0]):
        if sector[s] == OUTSIDE:
            continue
        for r in range(posts.shape[1]):
            count[site_la[s]] += max(posts[s, r] - filled[s, r], 0)
    ptr = np.zeros(n_la + 1, np.int64)
    ptr[1:] = np.cumsum(count)
    slot_site = np.empty(ptr[-1], np.int32)
    slot_role = np.empty(ptr[-1], np.int8)
    fill = ptr[:-1].copy()
    for s in range(posts.shape[0]):
        if sector[s] == OUTSIDE:
            continue
        for r in range(posts.shape[1]):
            for _ in range(max(posts[s, r] - filled[s, r], 0)):
                slot_site[fill[site_la[s]]] = s
                slot_role[fill[site_la[s]]] = r
                fill[site_la[s]] += 1
    return ptr, slot_site, slot_role, count


@njit(cache=True)
def _sample_area(reach_ptr, reach_idx, home_la, open_count, u):
    """Pick an area within reach with probability proportional to its open vacancies."""
    total = 0
    for k in range(reach_ptr[home_la], reach_ptr[home_la + 1]):
        total += open_count[reach_idx[k]]
    if total == 0:
        return -1
    target = u * total
    acc = 0.0
    for k in range(reach_ptr[home_la], reach_ptr[home_la + 1]):
        acc += open_count[reach_idx[k]]
        if target < acc:
            return reach_idx[k]
    return reach_idx[reach_ptr[home_la + 1] - 1]


@njit(cache=True)
def search_order(searching, n, seed, month):
    """Searchers in a random order that depends only on (seed, month, worker)."""
    who = np.flatnonzero(searching[:n])
    keys = np.empty(who.size, np.int64)
    for k in range(who.size):
        keys[k] = np.int64(key_hash(seed, STREAM_ORDER, month, who[k], 0) >> np.uint64(1))
    return who[np.argsort(keys)]


@njit(cache=True)
def match(
    W,
    S,
    EV,
    order,
    beta,
    place_lat,
    place_lon,
    la_rural,
    outside_site_of_la,
    reach_ptr,
    reach_idx,
    n_la,
    n_offers,
    exp_by_sector,
    qual_premium,
    zh_hours,
    outside_hours,
    nlw,
    seed,
    month,
):
    """Let each searcher, in ``order``, take the best of the offers it samples.

    Args:
        W: Worker arrays (updated).
        S: Site arrays (filled posts updated).
        EV: Event buffer (appended to).
        order: Searcher rows in the order they act.
        beta: Behaviour vector.
        place_lat: Place latitudes, degrees.
        place_lon: Place longitudes, degrees.
        la_rural: Rural flag by area.
        outside_site_of_la: Site row of each area's outside employer.
        reach_ptr: CSR offsets of the areas within commuting reach of each area.
        reach_idx: CSR area indices of those areas.
        n_la: Number of areas.
        n_offers: Vacancies sampled per searcher.
        exp_by_sector: Pay step per year of tenure by sector.
        qual_premium: Pay step per qualification level.
        zh_hours: Hours a week of a zero-hours contract.
        outside_hours: Hours a week that value non-employment's earnings term.
        nlw: NLW in force, GBP per hour.
        seed: Root seed.
        month: Month index.

    Returns:
        Number of moves made.
    """
    ptr, slot_site, slot_role, open_count = build_vacancy_slots(S, n_la)
    status, site, role, qual = W[W_STATUS], W[W_SITE], W[W_ROLE], W[W_QUAL]
    home_place, home_la = W[W_HOME_PLACE], W[W_HOME_LA]
    sector, spay, splace = S[S_SECTOR], S[S_PAY], S[S_PLACE]
    taste = beta[B_TASTE]
    moves = 0
    for i in order:
        st, s0, hl, hp = status[i], site[i], home_la[i], home_place[i]
        rural = la_rural[hl]
        tied = W[W_SPONSOR][i] > 0
        if st == NONEMP:
            best = non_employment_value(beta, nlw, outside_hours)
        else:
            best = job_value(
                beta,
                W[W_PAY][i],
                W[W_HOURS][i],
                S[S_CONDITIONS][s0],
                W[W_COMMUTE][i],
                rural,
                W[W_ZH][i],
                st,
            )
        best += taste * gumbel(seed, STREAM_TASTE, month, i, 0)
        best_site, best_role, best_slot, best_area = -1, 0, -1, -1
        best_zh, best_hours, best_pay, best_km = 0, 0.0, 0.0, 0.0
        for k in range(n_offers + 1):
            if k == 0:
                if st == OUTSIDE or tied:
                    continue
                s, r, area, j = outside_site_of_la[hl], 0, -1, -1
            else:
                area = _sample_area(
                    reach_ptr,
                    reach_idx,
                    hl,
                    open_count,
                    uniform(seed, STREAM_OFFER, month, i, 2 * k),
                )
                if area < 0:
                    break
                j = ptr[area] + below(seed, STREAM_OFFER, month, i, 2 * k + 1, open_count[area])
                s, r = slot_site[j], slot_role[j]
                if s == s0 or not eligible(r, qual[i], role[i], st):
                    continue
                if tied and (sector[s] != ASC or S[S_SPONSOR][s] == 0):
                    continue
            zh = 1 if uniform(seed, STREAM_CONTRACT, month, i, k) < S[S_ZH_SHARE][s] else 0
            hours = zh_hours if zh == 1 else S[S_HOURS][s]
            pay = personal_pay(spay[s, r], 0, qual[i], exp_by_sector[sector[s]], qual_premium)
            km = haversine_km(
                place_lat[hp], place_lon[hp], place_lat[splace[s]], place_lon[splace[s]]
            )
            u = job_value(beta, pay, hours, S[S_CONDITIONS][s], km, rural, zh, sector[s])
            u -= switching_cost(beta, st, s0, sector[s], s)
            u += taste * gumbel(seed, STREAM_TASTE, month, i, 1 + k)
            if u > best:
                best, best_site, best_role, best_slot, best_area = u, s, r, j, area
                best_zh, best_hours, best_pay, best_km = zh, hours, pay, km
        if best_site < 0:
            continue
        if best_slot >= 0:
            last = ptr[best_area] + open_count[best_area] - 1
            slot_site[best_slot] = slot_site[last]
            slot_role[best_slot] = slot_role[last]
            open_count[best_area] -= 1
        move(
            i,
            sector[best_site],
            best_site,
            best_role,
            best_zh,
            best_hours,
            best_pay,
            best_km,
            W,
            S,
            EV,
            nlw,
        )
        moves += 1
    return moves
