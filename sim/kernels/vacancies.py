"""Where searchers find jobs: the open posts by area, the areas within reach, site cards.

An open post is open to applicants in a month with its sector's listing probability (one over
the mean time to hire, ``is_listed``): a vacancy takes months to fill even where applicants
abound. Vacancies are listed at the start of matching, grouped by the area of the employer; a
searcher draws an area within commuting reach in proportion to its open posts, then a post
in it, drawing again when the post is at its own employer (``draw_slot``): otherwise the
share of wasted draws would be the own employer's share of the open posts within reach,
which grows as the scale (and so the number of employers within reach) shrinks. Site cards
gather what a searcher reads of a site into one row.
"""

import numpy as np
from numba import njit

from sim.kernels.pay import site_non_wage
from sim.rng import STREAM_LISTING, STREAM_OFFER, below, uniform
from sim.state import (
    N_ROLES,
    OUTSIDE,
    S_COMMUTE_WEIGHT,
    S_CONDITIONS,
    S_FILLED,
    S_HOURS,
    S_LA,
    S_PAY,
    S_PLACE,
    S_POSTS,
    S_SECTOR,
    S_SPONSOR,
)

# The listing draw of the k-th open post of role r at a site is draw r * LISTING_ROLE_STRIDE + k.
LISTING_ROLE_STRIDE = 1 << 24


@njit(cache=True)
def is_listed(p_listed, seed, month, s, r, k):
    """Whether the ``k``-th open post of role ``r`` at site ``s`` is open to applicants.

    Each month an open post is open to applicants (searchers, and recruits hired straight
    into posts) with probability ``p_listed``, its sector's one over the mean time to hire,
    so a vacancy waits a geometric number of months, ``1 / p_listed`` on average. The draw is
    keyed on (month, site, role, k), so every phase of a month sees the same posts open.
    """
    if p_listed >= 1.0:
        return True
    return uniform(seed, STREAM_LISTING, month, s, r * LISTING_ROLE_STRIDE + k) < p_listed


@njit(cache=True)
def listed_open_posts(S, p_listed, seed, month):
    """The open posts open to applicants this month, by site and role (``is_listed``).

    Computed once a phase, then shared by every list of slots built from it.

    Args:
        S: Site arrays.
        p_listed: Chance an open post is open to applicants this month, by sector, shape (3,).
        seed: Root seed.
        month: Month index.

    Returns:
        Posts open to applicants, shape (S, R), int64.
    """
    sector, posts, filled = S[S_SECTOR], S[S_POSTS], S[S_FILLED]
    listed = np.zeros(posts.shape, np.int64)
    for s in range(posts.shape[0]):
        p = p_listed[sector[s]]
        for r in range(posts.shape[1]):
            vacant = max(posts[s, r] - filled[s, r], 0)
            if p >= 1.0:
                listed[s, r] = vacant
                continue
            for k in range(vacant):
                listed[s, r] += is_listed(p, seed, month, s, r, k)
    return listed


@njit(cache=True)
def build_vacancy_slots(S, listed, n_la, outside):
    """List the open posts of care and NHS sites (or of outside employers), grouped by area.

    Args:
        S: Site arrays.
        listed: Posts open to applicants by site and role (``listed_open_posts``).
        n_la: Number of areas.
        outside: List the outside sector's open jobs instead of care and NHS posts.

    Returns:
        (ptr, slot_site, slot_role, open_count): CSR offsets by area (L+1,), the site and role
        of each post open to applicants, and the number of them per area (L,).
    """
    sector, site_la = S[S_SECTOR], S[S_LA]
    count = np.zeros(n_la, np.int64)
    for s in range(listed.shape[0]):
        if (sector[s] == OUTSIDE) == outside:
            count[site_la[s]] += listed[s].sum()
    ptr = np.zeros(n_la + 1, np.int64)
    ptr[1:] = np.cumsum(count)
    slot_site = np.empty(ptr[-1], np.int32)
    slot_role = np.empty(ptr[-1], np.int8)
    fill = ptr[:-1].copy()
    for s in range(listed.shape[0]):
        if (sector[s] == OUTSIDE) != outside:
            continue
        for r in range(listed.shape[1]):
            for _ in range(listed[s, r]):
                slot_site[fill[site_la[s]]] = s
                slot_role[fill[site_la[s]]] = r
                fill[site_la[s]] += 1
    return ptr, slot_site, slot_role, count


# Columns of the site cards used in matching (one row per site, all a candidate needs).
# ``CARD_PAY + r`` is the pay of role r.
CARD_PAY, CARD_CONDITIONS, CARD_ZH, CARD_HOURS = 0, N_ROLES, N_ROLES + 1, N_ROLES + 2
CARD_LAT, CARD_LON, CARD_SECTOR, CARD_SPONSOR = N_ROLES + 3, N_ROLES + 4, N_ROLES + 5, N_ROLES + 6
CARD_COMMUTE_WEIGHT, CARD_NON_WAGE, N_CARD = N_ROLES + 7, N_ROLES + 8, N_ROLES + 9


@njit(cache=True)
def site_cards(S, place_lat, place_lon, zh_offer):
    """Copy what a searcher reads of each site into one row (a cache line or two).

    Matching visits sites in random order; reading one row instead of nine arrays keeps it
    fast at full scale. Values are exact copies (``CARD_ZH`` is the site's chance of offering
    a zero-hours contract, ``zh_offer``), so results are unchanged.
    """
    cards = np.empty((S[S_SECTOR].size, N_CARD))
    for s in range(cards.shape[0]):
        for r in range(N_ROLES):
            cards[s, CARD_PAY + r] = S[S_PAY][s, r]
        cards[s, CARD_CONDITIONS] = S[S_CONDITIONS][s]
        cards[s, CARD_ZH] = zh_offer[s]
        cards[s, CARD_HOURS] = S[S_HOURS][s]
        cards[s, CARD_LAT] = place_lat[S[S_PLACE][s]]
        cards[s, CARD_LON] = place_lon[S[S_PLACE][s]]
        cards[s, CARD_SECTOR] = S[S_SECTOR][s]
        cards[s, CARD_SPONSOR] = S[S_SPONSOR][s]
        cards[s, CARD_COMMUTE_WEIGHT] = S[S_COMMUTE_WEIGHT][s]
        cards[s, CARD_NON_WAGE] = site_non_wage(S, s)
    return cards


@njit(cache=True)
def reach_open_counts(reach_ptr, reach_idx, open_count):
    """Open vacancies within reach of each area, shape (L,)."""
    n_la = reach_ptr.size - 1
    totals = np.zeros(n_la, np.int64)
    for a in range(n_la):
        for k in range(reach_ptr[a], reach_ptr[a + 1]):
            totals[a] += open_count[reach_idx[k]]
    return totals


@njit(cache=True)
def sample_area(reach_ptr, reach_idx, home_la, open_count, reach_open, u):
    """Pick an area within reach with probability proportional to its open vacancies.

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


# A draw that lands on the searcher's own employer is redrawn up to this many times; redraws
# use draw numbers from REDRAW_DRAWS on, clear of the first draws' (2k, 2k + 1).
OWN_SITE_REDRAWS = 8
REDRAW_DRAWS = 1000


@njit(cache=True)
def draw_slot(
    ptr,
    slot_site,
    open_count,
    reach_ptr,
    reach_idx,
    reach_open,
    home_la,
    own_site,
    seed,
    month,
    i,
    k,
):
    """The open post option ``k`` of searcher ``i`` finds, at an employer other than its own.

    Args:
        ptr: CSR offsets of the open posts by area (``build_vacancy_slots``), shape (L+1,).
        slot_site: Site row of each open post.
        open_count: Open posts per area, shape (L,).
        reach_ptr: CSR offsets of the areas within commuting reach of each area.
        reach_idx: CSR area indices of those areas.
        reach_open: Open posts within reach of each area (``reach_open_counts``).
        home_la: The searcher's home area.
        own_site: Its employer's row (-1 when not employed).
        seed: Root seed.
        month: Month index.
        i: Worker row.
        k: Option number.

    Returns:
        The slot, or -1 when nothing is open within reach. After ``OWN_SITE_REDRAWS`` redraws
        that all land on the own employer, that slot is returned (the caller skips it).
    """
    j = -1
    for attempt in range(OWN_SITE_REDRAWS + 1):
        d = 2 * k if attempt == 0 else REDRAW_DRAWS + 2 * (OWN_SITE_REDRAWS * k + attempt)
        u = uniform(seed, STREAM_OFFER, month, i, d)
        area = sample_area(reach_ptr, reach_idx, home_la, open_count, reach_open, u)
        if area < 0:
            return -1
        j = ptr[area] + below(seed, STREAM_OFFER, month, i, d + 1, open_count[area])
        if slot_site[j] != own_site:
            return j
    return j
