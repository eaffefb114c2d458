"""Moving a worker between states: the one place that edits employment and logs the event.

Every separation, hire, promotion and entry goes through ``move`` so that filled posts and
the event log can never disagree (the stock-flow identity the accounting checks).
"""

from numba import njit

from sim.state import (
    EV_AGE_MONTHS,
    EV_COMMUTE_KM,
    EV_FROM_LA,
    EV_FROM_ROLE,
    EV_FROM_SITE,
    EV_FROM_STATUS,
    EV_INTERNATIONAL,
    EV_PAY_RATIO_NLW,
    EV_TENURE_MONTHS,
    EV_TO_LA,
    EV_TO_ROLE,
    EV_TO_SITE,
    EV_TO_STATUS,
    EV_WORKER,
    EV_ZERO_HOURS,
    S_FILLED,
    S_LA,
    W_AGE,
    W_COMMUTE,
    W_HOME_LA,
    W_HOURS,
    W_INTL,
    W_PAY,
    W_ROLE,
    W_SITE,
    W_STATUS,
    W_TENURE,
    W_ZH,
)


@njit(cache=True, inline="always")
def move(i, to_status, to_site, to_role, zero_hours, hours, pay, commute_km, W, S, EV, nlw):
    """Move worker ``i`` to a new state and record the event.

    A move to another role at the same site (a promotion) keeps the worker's tenure.

    Args:
        i: Worker row.
        to_status: New status code.
        to_site: New employer's site row, -1 when not employed.
        to_role: Role of the new post (kept as the last role when not employed).
        zero_hours: 1 if the new contract is zero-hours.
        hours: Contracted hours a week of the new job.
        pay: Hourly pay of the new job, GBP.
        commute_km: Home-to-work distance of the new job, km.
        W: Worker arrays (``Workers.as_tuple``); updated.
        S: Site arrays (``Sites.as_tuple``); filled posts updated.
        EV: Event buffer (``Events.as_tuple``); one row appended if it fits. The count
            always rises, so an event that did not fit shows as a count above the capacity
            (``Events.check``) and is never written past the buffer.
        nlw: NLW in force (GBP per hour), to record pay relative to it.
    """
    ev_int, ev_float, ev_n = EV
    status, site, role = W[W_STATUS], W[W_SITE], W[W_ROLE]
    site_la, filled = S[S_LA], S[S_FILLED]
    k = ev_n[0]
    ev_n[0] = k + 1
    s = site[i]
    if k < ev_int.shape[0]:
        _log_event(k, i, s, to_status, to_site, to_role, W, site_la, ev_int, ev_float, nlw)
    if s >= 0:
        filled[s, role[i]] -= 1
    status[i] = to_status
    site[i] = to_site
    if to_site != s:
        W[W_TENURE][i] = 0
    if to_site >= 0:
        filled[to_site, to_role] += 1
        role[i] = to_role
    employed = to_site >= 0
    W[W_ZH][i] = zero_hours if employed else 0
    W[W_HOURS][i] = hours if employed else 0.0
    W[W_PAY][i] = pay if employed else 0.0
    W[W_COMMUTE][i] = commute_km if employed else 0.0


@njit(cache=True, inline="always")
def _log_event(k, i, s, to_status, to_site, to_role, W, site_la, ev_int, ev_float, nlw):
    """Write row ``k`` of the event buffer: worker ``i`` moving from site ``s``."""
    ev_int[k, EV_WORKER] = i
    ev_int[k, EV_FROM_STATUS] = W[W_STATUS][i]
    ev_int[k, EV_FROM_SITE] = s
    ev_int[k, EV_FROM_ROLE] = W[W_ROLE][i]
    ev_int[k, EV_FROM_LA] = site_la[s] if s >= 0 else W[W_HOME_LA][i]
    ev_int[k, EV_TO_STATUS] = to_status
    ev_int[k, EV_TO_SITE] = to_site
    ev_int[k, EV_TO_ROLE] = to_role
    ev_int[k, EV_TO_LA] = site_la[to_site] if to_site >= 0 else W[W_HOME_LA][i]
    ev_int[k, EV_AGE_MONTHS] = W[W_AGE][i]
    ev_int[k, EV_TENURE_MONTHS] = W[W_TENURE][i]
    ev_int[k, EV_ZERO_HOURS] = W[W_ZH][i]
    ev_int[k, EV_INTERNATIONAL] = W[W_INTL][i]
    ev_float[k, EV_COMMUTE_KM] = W[W_COMMUTE][i]
    ev_float[k, EV_PAY_RATIO_NLW] = W[W_PAY][i] / nlw if s >= 0 else 0.0
