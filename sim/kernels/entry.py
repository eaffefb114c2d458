"""Phase 6, entry: new people join the labour market.

Young people and returners join the non-employed pool; international care recruits arrive
with a job at a sponsoring care employer; newly qualified and international NHS
professionals are hired straight into NHS posts; people from the wider population take the
outside-sector jobs the modelled workers leave open.
"""

import numpy as np
from numba import njit

from sim.kernels.moves import move
from sim.kernels.pay import personal_pay, site_step_room
from sim.rng import STREAM_CONTRACT, STREAM_ENTRY, below, uniform
from sim.state import (
    NEW,
    NONEMP,
    QUAL_CARE_CERTIFICATE,
    QUAL_LEVEL3,
    QUAL_NONE,
    QUAL_NURSE,
    ROLE_CARE_WORKER,
    ROLE_NURSE,
    S_HOURS,
    S_PAY,
    S_PLACE,
    S_SECTOR,
    S_SPONSOR,
    W_AGE,
    W_HOME_LA,
    W_HOME_PLACE,
    W_INTL,
    W_QUAL,
    W_SITE,
    W_SPONSOR,
    W_STATUS,
)


@njit(cache=True)
def add_young_entrants(
    W,
    S,
    EV,
    first,
    count,
    place_cum_pop,
    place_la,
    age_lo_months,
    age_hi_months,
    nlw,
    seed,
    month,
    non_british_share=0.0,
):
    """Create ``count`` entrants at rows ``first..`` in the non-employed pool.

    Homes are drawn in proportion to place population (``place_cum_pop`` is the cumulative
    population share); ages are uniform on ``[age_lo_months, age_hi_months)``; each is not a
    British national (``international``) with probability ``non_british_share``.
    """
    for k in range(count):
        i = first + k
        place = np.searchsorted(place_cum_pop, uniform(seed, STREAM_ENTRY, month, i, 0))
        place = min(place, place_cum_pop.size - 1)
        W[W_HOME_PLACE][i] = place
        W[W_HOME_LA][i] = place_la[place]
        W[W_AGE][i] = age_lo_months + below(
            seed, STREAM_ENTRY, month, i, 1, age_hi_months - age_lo_months
        )
        W[W_QUAL][i] = QUAL_NONE
        W[W_INTL][i] = 1 if uniform(seed, STREAM_ENTRY, month, i, 4) < non_british_share else 0
        W[W_SITE][i] = -1
        W[W_STATUS][i] = NEW
        move(i, NONEMP, -1, 0, 0, 0.0, 0.0, 0.0, W, S, EV, nlw)


@njit(cache=True)
def open_posts(S, listed, sector, sponsor_only, roles):
    """One entry (site, role) per post of a sector in the given roles open to applicants.

    Args:
        S: Site arrays.
        listed: Posts open to applicants by site and role
            (``sim.kernels.vacancies.listed_open_posts``: the same posts as in this month's
            search).
        sector: Sector code of the employers.
        sponsor_only: Keep only sites holding a visa sponsor licence.
        roles: Role flags, shape (R,), 1 where the role is open to these entrants.
    """
    total = 0
    for s in range(listed.shape[0]):
        if S[S_SECTOR][s] == sector and (S[S_SPONSOR][s] == 1 or not sponsor_only):
            for r in range(listed.shape[1]):
                total += listed[s, r] * roles[r]
    slot_site = np.empty(total, np.int32)
    slot_role = np.empty(total, np.int8)
    j = 0
    for s in range(listed.shape[0]):
        if S[S_SECTOR][s] == sector and (S[S_SPONSOR][s] == 1 or not sponsor_only):
            for r in range(listed.shape[1]):
                for _ in range(listed[s, r] * roles[r]):
                    slot_site[j] = s
                    slot_role[j] = r
                    j += 1
    return slot_site, slot_role


@njit(cache=True)
def hire_entrants(
    W,
    S,
    EV,
    first,
    count,
    slot_site,
    slot_role,
    zh_offer,
    from_status,
    international,
    sponsorship_months,
    place_la,
    age_lo_months,
    age_hi_months,
    exp_per_year,
    qual_premium,
    zh_hours,
    nlw,
    seed,
    month,
    qual=-1,
):
    """Hire up to ``count`` new people straight into open posts.

    Recruits (from abroad or from training) take a post drawn uniformly from
    ``slot_site``/``slot_role``; the contract is zero-hours with the site's chance
    ``zh_offer[s]`` (``sim.kernels.contracts``, from the staff when the phase began).

    Each is not a British national (``international``) with probability ``international``
    (1 for recruits from abroad). Entrants live at their employer's place; they hold the
    qualification ``qual`` or, when it is -1, a Care Certificate for care-worker posts, a
    registration for nurse posts, and Level 3 otherwise. Entrants without an open post do
    not arrive.

    Returns:
        Number hired (rows ``first .. first + hired - 1``).
    """
    n_open = slot_site.size
    hired = 0
    for _ in range(count):
        if n_open == 0:
            break
        i = first + hired
        j = below(seed, STREAM_ENTRY, month, i, 2, n_open)
        s, r = slot_site[j], slot_role[j]
        slot_site[j], slot_role[j] = slot_site[n_open - 1], slot_role[n_open - 1]
        n_open -= 1
        place = S[S_PLACE][s]
        W[W_HOME_PLACE][i] = place
        W[W_HOME_LA][i] = place_la[place]
        W[W_AGE][i] = age_lo_months + below(
            seed, STREAM_ENTRY, month, i, 3, age_hi_months - age_lo_months
        )
        if qual >= 0:
            W[W_QUAL][i] = qual
        elif r == ROLE_NURSE:
            W[W_QUAL][i] = QUAL_NURSE
        else:
            W[W_QUAL][i] = QUAL_CARE_CERTIFICATE if r == ROLE_CARE_WORKER else QUAL_LEVEL3
        W[W_INTL][i] = 1 if uniform(seed, STREAM_ENTRY, month, i, 4) < international else 0
        W[W_SPONSOR][i] = sponsorship_months
        W[W_SITE][i] = -1
        W[W_STATUS][i] = from_status
        zh = 1 if uniform(seed, STREAM_CONTRACT, month, i, 99) < zh_offer[s] else 0
        hours = zh_hours if zh == 1 else S[S_HOURS][s]
        room = site_step_room(S, s, r)
        pay = personal_pay(S[S_PAY][s, r], 0, W[W_QUAL][i], exp_per_year, qual_premium, room)
        move(i, S[S_SECTOR][s], s, r, zh, hours, pay, 0.0, W, S, EV, nlw)
        hired += 1
    return hired
