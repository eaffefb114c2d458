"""Phase 5, job search and matching.

Who searches is drawn in parallel (each worker's draw depends only on its own key). Each
searcher then samples, in parallel, a few outside-sector jobs and a few care and NHS
vacancies open at the start of the month within commuting reach of home (areas weighted by
their open jobs of each kind), and values them with ``job_value`` and a Gumbel taste shock
against staying. Matches are resolved sequentially in a random order drawn from the keyed
generator: each searcher takes its best option still open, so two searchers never fill one
post and a searcher beaten to a vacancy falls back on its next-best option.
"""

import numpy as np
from numba import njit, prange

from sim.kernels.choice import (
    B_MATCH_UTILITY,
    B_TASTE,
    eligible,
    job_value,
    match_belief,
    non_employment_value,
    switching_cost,
    worker_search_probability,
)
from sim.kernels.geometry import haversine_km
from sim.kernels.moves import move
from sim.kernels.parallel import PRANGE_ONLY
from sim.kernels.pay import personal_pay, site_non_wage, site_step_room
from sim.kernels.vacancies import (
    CARD_COMMUTE_WEIGHT,
    CARD_CONDITIONS,
    CARD_HOURS,
    CARD_LAT,
    CARD_LON,
    CARD_NON_WAGE,
    CARD_PAY,
    CARD_SECTOR,
    CARD_SPONSOR,
    CARD_ZH,
    draw_slot,
    reach_open_counts,
    site_cards,
)
from sim.rng import (
    STREAM_CONTRACT,
    STREAM_ORDER,
    STREAM_SEARCH,
    STREAM_TASTE,
    gumbel,
    key_hash,
    uniform,
)
from sim.state import (
    ASC,
    NHS,
    NONEMP,
    OUTSIDE,
    S_LA,
    S_SECTOR,
    S_TERMS,
    T_EXPERIENCE_STEP,
    T_QUALIFICATION_STEP,
    W_AGE,
    W_COMMUTE,
    W_HOME_LA,
    W_HOME_PLACE,
    W_HOURS,
    W_INTL,
    W_PAY,
    W_QUAL,
    W_ROLE,
    W_SITE,
    W_SPONSOR,
    W_STATUS,
    W_TENURE,
    W_ZH,
)


@njit(cache=True, parallel=PRANGE_ONLY)
def decide_search(
    W, S, n, beta, nhs_pay_by_la, nhs_non_wage, la_rural, nlw, seed, month, searching
):
    """Draw who searches this month (``searching[i]`` = 1).

    Args:
        W: Worker arrays.
        S: Site arrays.
        n: Workers in use.
        beta: Behaviour vector.
        nhs_pay_by_la: NHS hourly rate by area and role, shape (L, R): with
            ``nhs_non_wage``, the pay-parity comparator of care workers.
        nhs_non_wage: The NHS's total reward beyond basic pay, share of basic pay.
        la_rural: Rural flag by area.
        nlw: NLW in force, GBP per hour.
        seed: Root seed.
        month: Month index.
        searching: Output flags, shape (>= n,), int8.
    """
    status, site, role = W[W_STATUS], W[W_SITE], W[W_ROLE]
    for i in prange(n):
        searching[i] = 0
        if status[i] > NONEMP:
            continue
        s = site[i]
        nhs_rate = nhs_pay_by_la[S[S_LA][s], min(role[i], 2)] if s >= 0 else 1.0
        belief = 0.0  # the match only moves care and NHS staff's search
        if status[i] == ASC or status[i] == NHS:
            belief = match_belief(beta, seed, month, i, W[W_TENURE][i])
        p = worker_search_probability(
            beta,
            status[i],
            role[i],
            W[W_PAY][i],
            site_non_wage(S, s) if status[i] == ASC else 0.0,  # read for care staff only
            nhs_rate,
            nhs_non_wage,
            W[W_ZH][i],
            W[W_COMMUTE][i],
            la_rural[W[W_HOME_LA][i]],
            belief,
            W[W_AGE][i],
            nlw,
        )
        if uniform(seed, STREAM_SEARCH, month, i, 0) < p:
            searching[i] = 1


@njit(cache=True)
def search_order(searching, n, seed, month):
    """Searchers and the random order they act in, which depends only on (seed, month, row).

    Returns:
        (who, perm): searcher rows in ascending order, and the permutation of ``who`` giving
        the order of action (searcher ``who[perm[0]]`` acts first).
    """
    who = np.flatnonzero(searching[:n])
    keys = np.empty(who.size, np.int64)
    for k in range(who.size):
        keys[k] = np.int64(key_hash(seed, STREAM_ORDER, month, who[k], 0) >> np.uint64(1))
    return who, np.argsort(keys)


# Columns of a searcher's offer table.
OFFER_VALUE, OFFER_PAY, OFFER_HOURS, OFFER_KM = 0, 1, 2, 3
N_OFFER_FLOAT = 4
OFFER_SLOT, OFFER_SITE, OFFER_ROLE, OFFER_ZH = 0, 1, 2, 3
N_OFFER_INT = 4


@njit(cache=True, parallel=PRANGE_ONLY)
def draw_offers(
    W,
    S,
    who,
    beta,
    sector_switch,
    place_lat,
    place_lon,
    la_rural,
    reach_ptr,
    reach_idx,
    slots,
    outside_slots,
    zh_offer,
    n_outside_offers,
    n_offers,
    nhs_support_min_qual,
    zh_hours,
    outside_hours,
    nlw,
    seed,
    month,
):
    """Each searcher samples and values its options, in parallel.

    Options ``0..n_outside_offers-1`` are outside-sector jobs (not for outside workers or
    sponsored recruits), the rest care and NHS vacancies; each kind is drawn from the jobs of
    that kind open at the start of the month, from areas within reach in proportion to their
    open jobs. An option enters the table only
    if it beats staying (``job_value`` or ``non_employment_value``, each with a Gumbel taste
    shock, less the switching cost).

    Args:
        W: Worker arrays.
        S: Site arrays.
        who: Searcher rows.
        beta: Behaviour vector.
        sector_switch: Cost of moving between sectors, utils, shape (3, 3).
        place_lat: Place latitudes, degrees.
        place_lon: Place longitudes, degrees.
        la_rural: Rural flag by area.
        reach_ptr: CSR offsets of the areas within commuting reach of each area.
        reach_idx: CSR area indices of those areas.
        slots: ``build_vacancy_slots`` of care and NHS posts (ptr, slot_site, slot_role,
            open_count).
        outside_slots: ``build_vacancy_slots`` of outside jobs; their slot numbers follow the
            care and NHS slots' in the offer table.
        zh_offer: Each site's chance of offering a zero-hours contract this month, shape
            (S,) (``sim.kernels.contracts``).
        n_outside_offers: Outside jobs sampled per searcher.
        n_offers: Care and NHS vacancies sampled per searcher.
        nhs_support_min_qual: Qualification NHS support posts need of applicants from outside
            the NHS (a ``QUAL_*`` code).
        zh_hours: Hours a week of a zero-hours contract.
        outside_hours: Hours a week that value non-employment's earnings term.
        nlw: NLW in force, GBP per hour.
        seed: Root seed.
        month: Month index.

    Returns:
        (floats, ints): offer tables of shape (searchers, n_outside_offers + n_offers, ...);
        columns ``OFFER_*``; an empty option has slot -2.
    """
    ptr, slot_site, slot_role, open_count = slots
    out_ptr, out_site, _, out_open = outside_slots
    reach_open = reach_open_counts(reach_ptr, reach_idx, open_count)
    out_reach_open = reach_open_counts(reach_ptr, reach_idx, out_open)
    n_care_slots = slot_site.size
    n_options = n_outside_offers + n_offers
    cards = site_cards(S, place_lat, place_lon, zh_offer)
    floats = np.zeros((who.size, n_options, N_OFFER_FLOAT))
    ints = np.full((who.size, n_options, N_OFFER_INT), -2, np.int64)
    taste = beta[B_TASTE]
    for q in prange(who.size):
        i = who[q]
        st, s0, hl, hp = W[W_STATUS][i], W[W_SITE][i], W[W_HOME_LA][i], W[W_HOME_PLACE][i]
        qual, role = W[W_QUAL][i], W[W_ROLE][i]
        rural = la_rural[hl]
        tied = W[W_SPONSOR][i] > 0
        if st == NONEMP:
            stay = non_employment_value(beta, nlw, outside_hours)
        else:
            stay = job_value(
                beta,
                W[W_PAY][i],
                cards[s0, CARD_NON_WAGE],
                W[W_HOURS][i],
                cards[s0, CARD_CONDITIONS],
                W[W_COMMUTE][i],
                rural,
                W[W_ZH][i],
                st,
                cards[s0, CARD_COMMUTE_WEIGHT],
                W[W_INTL][i],
            )
            stay += beta[B_MATCH_UTILITY] * match_belief(beta, seed, month, i, W[W_TENURE][i])
        stay += taste * gumbel(seed, STREAM_TASTE, month, i, 0)
        first = n_outside_offers if st == OUTSIDE or tied else 0  # no outside options
        for k in range(first, n_options):
            if k < n_outside_offers:
                j = draw_slot(
                    out_ptr, out_site, out_open, reach_ptr, reach_idx, out_reach_open,
                    hl, s0, seed, month, i, k,
                )  # fmt: skip
                if j < 0:
                    continue
                s, r = out_site[j], 0
                j += n_care_slots
            else:
                j = draw_slot(
                    ptr, slot_site, open_count, reach_ptr, reach_idx, reach_open,
                    hl, s0, seed, month, i, k,
                )  # fmt: skip
                if j < 0:
                    break
                s, r = slot_site[j], slot_role[j]
            sector = np.int64(cards[s, CARD_SECTOR])
            if s == s0 or not eligible(r, qual, role, st, sector, nhs_support_min_qual):
                continue
            if tied and (sector != ASC or cards[s, CARD_SPONSOR] == 0):
                continue
            zh = 1 if uniform(seed, STREAM_CONTRACT, month, i, k) < cards[s, CARD_ZH] else 0
            hours = zh_hours if zh == 1 else cards[s, CARD_HOURS]
            terms = S[S_TERMS][s]
            pay = personal_pay(
                cards[s, CARD_PAY + r],
                0,
                qual,
                terms[T_EXPERIENCE_STEP],
                terms[T_QUALIFICATION_STEP],
                site_step_room(S, s, r),
            )
            km = haversine_km(place_lat[hp], place_lon[hp], cards[s, CARD_LAT], cards[s, CARD_LON])
            value = job_value(
                beta,
                pay,
                cards[s, CARD_NON_WAGE],
                hours,
                cards[s, CARD_CONDITIONS],
                km,
                rural,
                zh,
                sector,
                cards[s, CARD_COMMUTE_WEIGHT],
                W[W_INTL][i],
            )
            value -= switching_cost(beta, sector_switch, S[S_TERMS], st, s0, sector, s)
            value += taste * gumbel(seed, STREAM_TASTE, month, i, 1 + k)
            if value > stay:
                floats[q, k, OFFER_VALUE] = value
                floats[q, k, OFFER_PAY] = pay
                floats[q, k, OFFER_HOURS] = hours
                floats[q, k, OFFER_KM] = km
                ints[q, k, OFFER_SLOT] = j
                ints[q, k, OFFER_SITE] = s
                ints[q, k, OFFER_ROLE] = r
                ints[q, k, OFFER_ZH] = zh
    return floats, ints


@njit(cache=True)
def best_open_offer(floats, ints, q, taken):
    """Index of searcher ``q``'s best option whose vacancy is still open, or -1.

    Ties keep the earlier option.
    """
    best, best_value = -1, 0.0
    for k in range(ints.shape[1]):
        j = ints[q, k, OFFER_SLOT]
        if j == -2 or (j >= 0 and taken[j]):
            continue
        if best < 0 or floats[q, k, OFFER_VALUE] > best_value:
            best, best_value = k, floats[q, k, OFFER_VALUE]
    return best


@njit(cache=True)
def resolve_offers(W, S, EV, who, perm, floats, ints, n_slots, nlw):
    """Searchers act in ``perm`` order, each taking its best option still open.

    Returns:
        Number of moves made.
    """
    taken = np.zeros(n_slots, np.bool_)
    moves = 0
    for q in perm:
        k = best_open_offer(floats, ints, q, taken)
        if k < 0:
            continue
        j, s = ints[q, k, OFFER_SLOT], ints[q, k, OFFER_SITE]
        if j >= 0:
            taken[j] = True
        move(
            who[q],
            S[S_SECTOR][s],
            s,
            ints[q, k, OFFER_ROLE],
            ints[q, k, OFFER_ZH],
            floats[q, k, OFFER_HOURS],
            floats[q, k, OFFER_PAY],
            floats[q, k, OFFER_KM],
            W,
            S,
            EV,
            nlw,
        )
        moves += 1
    return moves
