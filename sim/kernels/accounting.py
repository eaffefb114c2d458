"""Phase 8, accounting: every stock and flow of the month as dense count arrays.

The model turns these arrays into tidy tables; nothing here knows about pandas or files.
"""

import numpy as np
from numba import njit, prange

from sim.kernels.parallel import PRANGE_ONLY
from sim.state import (
    ABROAD,
    ASC,
    EV_AGE_MONTHS,
    EV_COMMUTE_KM,
    EV_FROM_LA,
    EV_FROM_ROLE,
    EV_FROM_SITE,
    EV_FROM_STATUS,
    EV_INTERNATIONAL,
    EV_PAY_RATIO_NLW,
    EV_TENURE_MONTHS,
    EV_TO_ROLE,
    EV_TO_SITE,
    EV_TO_STATUS,
    EV_ZERO_HOURS,
    N_OWNERS,
    N_REWARD,
    N_ROLES,
    N_SETTINGS,
    N_STATUS,
    OWNER_INDEPENDENT,
    OWNER_OUTSIDE,
    R_ENHANCEMENTS,
    R_SICK_PAY,
    ROLE_CARE_WORKER,
    S_FILLED,
    S_LA,
    S_OWNER,
    S_PAY,
    S_PAY_BASE,
    S_POSTS,
    S_REWARD,
    S_SETTING,
    W_AGE,
    W_COMMUTE,
    W_HOURS,
    W_INTL,
    W_PAY,
    W_ROLE,
    W_SITE,
    W_STATUS,
    W_TENURE,
    W_ZH,
)

# Columns of the per-cell integer tally.
C_POSTS, C_FILLED, C_ZERO_HOURS, C_INTERNATIONAL, C_STARTERS, C_LEAVERS = 0, 1, 2, 3, 4, 5
N_CELL = 6

# Worker groups of the turnover breakdown, as Skills for Care publishes it.
GROUP_DIMENSIONS = ("age", "tenure", "commute", "pay_vs_nlw", "contract", "origin")
GROUP_BANDS = (
    ("<25", "25-34", "35-44", "45-54", "55-64", "65+"),
    ("<1y", "1-2y", "2-5y", "5-10y", "10y+"),
    ("<2km", "2-5km", "5-10km", "10-20km", "20km+"),
    ("within 10p", "10p-5%", "5-10%", "10-20%", "20%+"),
    ("guaranteed hours", "zero hours"),
    ("domestic", "international"),
)
MAX_BANDS = 6


@njit(cache=True)
def _band(x, edges):
    for k in range(edges.size):
        if x < edges[k]:
            return k
    return edges.size


_AGE_EDGES = np.array([25.0, 35.0, 45.0, 55.0, 65.0]) * 12
_TENURE_EDGES = np.array([1.0, 2.0, 5.0, 10.0]) * 12
_COMMUTE_EDGES = np.array([2.0, 5.0, 10.0, 20.0])
_PAY_EDGES = np.array([-np.inf, 1.05, 1.10, 1.20])  # band 0 (within 10p) is tested first


@njit(cache=True)
def group_bands(age_months, tenure_months, commute_km, pay_ratio, zero_hours, intl, nlw, out):
    """Band index of a care worker in each of the six group dimensions (into ``out``)."""
    out[0] = _band(age_months, _AGE_EDGES)
    out[1] = _band(tenure_months, _TENURE_EDGES)
    out[2] = _band(commute_km, _COMMUTE_EDGES)
    out[3] = _band(pay_ratio, _PAY_EDGES) if pay_ratio >= 1.0 + 0.10 / nlw else 0
    out[4] = zero_hours
    out[5] = intl


N_CHUNKS = 16  # fixed, so sums do not depend on the number of threads
M_PAY, M_UPLIFT, M_FUNDED = 0, 1, 2  # money columns of a cell
M_REWARD = 3  # M_REWARD + p: part p of total reward beyond basic pay (sim.state.R_*)
N_MONEY = M_REWARD + N_REWARD
# Columns of the independent-sector care-worker tally (the group published pay figures
# describe): staff, summed hourly pay, then summed parts of total reward (I_REWARD + p).
I_STAFF, I_PAY, I_REWARD = 0, 1, 2
N_INDEPENDENT = I_REWARD + N_REWARD
# Columns of the employers' cost tally by kind of employer (``sim.state.OWNER_*``), GBP a
# month: basic pay for contracted hours, employer National Insurance, the Home Office's
# sponsorship charges for recruits from abroad, and each part of total reward valued as its
# share of that pay (B_REWARD + p).
B_BASIC, B_NI, B_SPONSORSHIP, B_REWARD = 0, 1, 2, 3
N_BILL = B_REWARD + N_REWARD
# Columns of the tally of each provider on the market (``sim.world.market``), a month:
# hours its staff work and what they cost it (pay, reward and employer National Insurance,
# GBP).
P_HOURS, P_COST = 0, 1
N_PROVIDER = 2
WEEKS = 52.0 / 12.0  # weeks per month


@njit(cache=True, parallel=PRANGE_ONLY)
def _tally_workers(W, S, n, n_la, nlw, funded_share, ni_rate, ni_threshold, market_row, n_market):
    """Per-cell worker stocks, summed over fixed chunks of rows in parallel.

    Each chunk tallies into its own arrays and the chunks are added in order, so integer
    and floating sums are identical for any thread count. Money columns (``M_*``): hourly
    pay summed over staff, and each part of total reward beyond it (GBP per hour); the
    month's cost of policy pay uplifts (rate above the rate
    without levers, times contracted hours); the government-funded part of it. Independent
    care employers' care workers are also tallied apart (``I_*`` columns), and every
    employer's costs by kind of employer (``B_*`` columns): employer National Insurance is
    ``ni_rate`` times a worker's month's pay, enhancements and sick pay above
    ``ni_threshold`` (GBP a month). Sites with a ``market_row`` of 0 or more are tallied
    one by one into that row (``P_*`` columns).
    """
    zh = np.zeros((N_CHUNKS, n_la, N_SETTINGS, N_ROLES), np.int64)
    intl = np.zeros((N_CHUNKS, n_la, N_SETTINGS, N_ROLES), np.int64)
    money = np.zeros((N_CHUNKS, n_la, N_SETTINGS, N_ROLES, N_MONEY), np.float64)
    rate, base, reward = S[S_PAY], S[S_PAY_BASE], S[S_REWARD]
    stock = np.zeros((N_CHUNKS, 6, MAX_BANDS), np.int64)
    count = np.zeros((N_CHUNKS, N_STATUS), np.int64)
    indep = np.zeros((N_CHUNKS, N_INDEPENDENT), np.float64)
    bill = np.zeros((N_CHUNKS, N_OWNERS, N_BILL), np.float64)
    provider = np.zeros((N_CHUNKS, n_market, N_PROVIDER), np.float64)
    owner = S[S_OWNER]
    status, site, role, pay = W[W_STATUS], W[W_SITE], W[W_ROLE], W[W_PAY]
    setting, site_la = S[S_SETTING], S[S_LA]
    size = (n + N_CHUNKS - 1) // N_CHUNKS
    for c in prange(N_CHUNKS):
        bands = np.zeros(6, np.int64)
        for i in range(c * size, min((c + 1) * size, n)):
            count[c, status[i]] += 1
            s = site[i]
            if s < 0:
                continue
            la, st, r = site_la[s], setting[s], role[i]
            zh[c, la, st, r] += W[W_ZH][i]
            intl[c, la, st, r] += W[W_INTL][i]
            money[c, la, st, r, M_PAY] += pay[i]
            for p in range(N_REWARD):
                money[c, la, st, r, M_REWARD + p] += pay[i] * reward[s, p]
            o = owner[s]
            if o != OWNER_OUTSIDE:  # outside-sector employers are not in the ledger
                earned = pay[i] * W[W_HOURS][i] * WEEKS
                bill[c, o, B_BASIC] += earned
                for p in range(N_REWARD):
                    bill[c, o, B_REWARD + p] += earned * reward[s, p]
                paid = earned * (1.0 + reward[s, R_SICK_PAY] + reward[s, R_ENHANCEMENTS])
                ni = ni_rate * max(paid - ni_threshold, 0.0)
                bill[c, o, B_NI] += ni
                k = market_row[s]
                if k >= 0:
                    provider[c, k, P_HOURS] += W[W_HOURS][i] * WEEKS
                    provider[c, k, P_COST] += ni + earned * (1.0 + reward[s].sum())
            if rate[s, r] > base[s, r]:
                uplift = pay[i] * (1.0 - base[s, r] / rate[s, r]) * W[W_HOURS][i] * WEEKS
                money[c, la, st, r, M_UPLIFT] += uplift
                money[c, la, st, r, M_FUNDED] += uplift * funded_share[s]
            if status[i] == ASC and r == ROLE_CARE_WORKER:
                if o == OWNER_INDEPENDENT:
                    indep[c, I_STAFF] += 1.0
                    indep[c, I_PAY] += pay[i]
                    for p in range(N_REWARD):
                        indep[c, I_REWARD + p] += pay[i] * reward[s, p]
                group_bands(
                    W[W_AGE][i],
                    W[W_TENURE][i],
                    W[W_COMMUTE][i],
                    pay[i] / nlw,
                    W[W_ZH][i],
                    W[W_INTL][i],
                    nlw,
                    bands,
                )
                for d in range(6):
                    stock[c, d, bands[d]] += 1
    out_money, out_indep, out_bill = money[0].copy(), indep[0].copy(), bill[0].copy()
    out_provider = provider[0].copy()
    for c in range(1, N_CHUNKS):
        out_money += money[c]
        out_indep += indep[c]
        out_bill += bill[c]
        out_provider += provider[c]
    return (
        zh.sum(axis=0),
        intl.sum(axis=0),
        out_money,
        stock.sum(axis=0),
        count.sum(axis=0),
        out_indep,
        out_bill,
        out_provider,
    )


@njit(cache=True)
def tally_month(
    W, S, EV, n, n_la, nlw, funded_share, ni_rate, ni_threshold, sponsorship, market_row, n_market
):
    """Stocks at the end of the month and the month's flows.

    ``ni_rate`` (share) and ``ni_threshold`` (GBP a month per worker) set employer National
    Insurance; ``sponsorship`` (GBP) is charged to the employer of each arrival from abroad.
    ``market_row`` (S,) numbers the ``n_market`` providers on the market (-1: not on it).

    Returns:
        cells: (L, settings, roles, N_CELL) int64 posts, filled, zero-hours, international,
            starters and leavers of each employer cell (moves between employers only).
        money: (L, settings, roles, N_MONEY) float64: summed hourly pay, this month's
            policy pay-uplift cost and its government-funded part (GBP), and summed parts of
            total reward beyond pay (GBP per hour).
        flows: (L, N_STATUS, roles, N_STATUS) int64 moves from an area, status and role to
            a status (another employer in the same sector counts as a flow to that sector).
        group_stock, group_leavers: (6, MAX_BANDS) int64 care workers and care leavers by
            worker group.
        status_count: (N_STATUS,) int64 workers in each status.
        independent: (N_INDEPENDENT,) float64 independent care employers' care workers,
            their summed hourly pay and summed parts of total reward (``I_*``).
        employer_costs: (N_OWNERS, N_BILL) float64 GBP this month by kind of employer:
            basic pay, employer National Insurance, sponsorship charges and each part of
            total reward (``B_*``).
        providers: (n_market, N_PROVIDER) float64 each market provider's staff hours and
            staff cost this month (``P_*``; sponsorship charges excluded).
    """
    cells = np.zeros((n_la, N_SETTINGS, N_ROLES, N_CELL), np.int64)
    flows = np.zeros((n_la, N_STATUS, N_ROLES, N_STATUS), np.int64)
    group_stock = np.zeros((6, MAX_BANDS), np.int64)
    group_leavers = np.zeros((6, MAX_BANDS), np.int64)
    status_count = np.zeros(N_STATUS, np.int64)
    setting, site_la, posts, filled = S[S_SETTING], S[S_LA], S[S_POSTS], S[S_FILLED]
    for s in range(posts.shape[0]):
        for r in range(N_ROLES):
            cells[site_la[s], setting[s], r, C_POSTS] += posts[s, r]
            cells[site_la[s], setting[s], r, C_FILLED] += filled[s, r]
    zh, intl, money, stock, count, independent, bill, providers = _tally_workers(
        W, S, n, n_la, nlw, funded_share, ni_rate, ni_threshold, market_row, n_market
    )
    cells[..., C_ZERO_HOURS] += zh
    cells[..., C_INTERNATIONAL] += intl
    group_stock += stock
    status_count += count
    bands = np.zeros(6, np.int64)
    ev_int, ev_float, ev_n = EV
    for k in range(ev_n[0]):
        a, b = ev_int[k, EV_FROM_SITE], ev_int[k, EV_TO_SITE]
        if a == b and a >= 0:
            continue  # a promotion: same employer, not a flow
        st = ev_int[k, EV_FROM_STATUS]
        flows[ev_int[k, EV_FROM_LA], st, ev_int[k, EV_FROM_ROLE], ev_int[k, EV_TO_STATUS]] += 1
        if a >= 0:
            cells[site_la[a], setting[a], ev_int[k, EV_FROM_ROLE], C_LEAVERS] += 1
        if b >= 0:
            cells[site_la[b], setting[b], ev_int[k, EV_TO_ROLE], C_STARTERS] += 1
            if st == ABROAD:
                bill[S[S_OWNER][b], B_SPONSORSHIP] += sponsorship
        if st == ASC and ev_int[k, EV_FROM_ROLE] == ROLE_CARE_WORKER:
            group_bands(
                ev_int[k, EV_AGE_MONTHS],
                ev_int[k, EV_TENURE_MONTHS],
                ev_float[k, EV_COMMUTE_KM],
                ev_float[k, EV_PAY_RATIO_NLW],
                ev_int[k, EV_ZERO_HOURS],
                ev_int[k, EV_INTERNATIONAL],
                nlw,
                bands,
            )
            for d in range(6):
                group_leavers[d, bands[d]] += 1
    return (
        cells,
        money,
        flows,
        group_stock,
        group_leavers,
        status_count,
        independent,
        bill,
        providers,
    )
