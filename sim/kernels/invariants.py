"""Single passes over the state arrays that the monthly invariant check needs.

Pure functions over arrays, like every kernel: no model, no messages. ``sim.engines.invariants``
turns their results into checks and error messages.
"""

import numpy as np
from numba import njit

from sim.state import (
    ABROAD,
    ASC,
    EV_FROM_LA,
    EV_FROM_STATUS,
    EV_TO_LA,
    EV_TO_STATUS,
    EV_WORKER,
    N_ROLES,
    NEW,
    OUTSIDE,
    RETIRED,
    S_LA,
    S_SECTOR,
    W_HOME_LA,
    W_HOURS,
    W_PAY,
    W_ROLE,
    W_SITE,
    W_STATUS,
)

N_COUNTED = RETIRED + 1  # statuses an agent can hold at the end of a month (ASC..RETIRED)

# Problems ``scan_workers`` can find in a worker row (0: none).
OK, BAD_STATUS, EMPLOYER_MISMATCH, PAY_BELOW_FLOOR, NOT_FINITE = 0, 1, 2, 3, 4


@njit(cache=True)
def scan_workers(W, S, n, n_la, floor):
    """Count agents by area and status, and workers by employer, checking every row.

    Args:
        W: Worker arrays (``Workers.as_tuple``).
        S: Site arrays (``Sites.as_tuple``).
        n: Worker rows in use.
        n_la: Number of local authorities.
        floor: Legal minimum hourly pay in force, GBP.

    Returns:
        ``(counts, employed, problem, row)``: agents by (area, status) where the area is the
        employer's for the employed and the home area otherwise, shape (n_la, N_COUNTED);
        workers by (site, role), shape (sites, R); the first problem code found (``OK`` if
        none) and its worker row (-1 if none).
    """
    status, site, role, home_la = W[W_STATUS], W[W_SITE], W[W_ROLE], W[W_HOME_LA]
    pay, hours, site_sector, site_la = W[W_PAY], W[W_HOURS], S[S_SECTOR], S[S_LA]
    counts = np.zeros((n_la, N_COUNTED), np.int64)
    employed = np.zeros((site_sector.shape[0], N_ROLES), np.int64)
    problem, row = OK, -1
    for i in range(n):
        st, s = status[i], site[i]
        if st < ASC or st > RETIRED:
            return counts, employed, BAD_STATUS, i
        works = st <= OUTSIDE
        if works != (s >= 0) or (works and site_sector[s] != st):
            return counts, employed, EMPLOYER_MISMATCH, i
        if not (np.isfinite(pay[i]) and np.isfinite(hours[i])):
            return counts, employed, NOT_FINITE, i
        if works:
            if pay[i] < floor - 1e-9 and problem == OK:
                problem, row = PAY_BELOW_FLOOR, i
            employed[s, role[i]] += 1
            counts[site_la[s], st] += 1
        else:
            counts[home_la[i], st] += 1
    return counts, employed, problem, row


@njit(cache=True)
def event_balance(ev_int, n_events, n_before, n_la):
    """Net change of agents by (area, status) from one month's events.

    An event out of ``NEW`` (an entrant's first move) or out of ``ABROAD`` by a row created
    this month (an international recruit) adds an agent without removing one.

    Args:
        ev_int: Integer event columns (``sim.state.Events.ints``).
        n_events: Events recorded this month.
        n_before: Worker rows in use at the start of the month.
        n_la: Number of local authorities.

    Returns:
        Net arrivals by (area, status), shape (n_la, N_COUNTED), int64.
    """
    delta = np.zeros((n_la, N_COUNTED), np.int64)
    for k in range(n_events):
        src = ev_int[k, EV_FROM_STATUS]
        new_agent = src == NEW or (src == ABROAD and ev_int[k, EV_WORKER] >= n_before)
        if not new_agent:
            delta[ev_int[k, EV_FROM_LA], src] -= 1
        delta[ev_int[k, EV_TO_LA], ev_int[k, EV_TO_STATUS]] += 1
    return delta
