"""Moving a worker between states: the one place that edits employment and logs the event.

Every separation, hire and promotion of the reference engine goes through ``move``, so filled
posts and the event log can never disagree (the stock-flow identity the accounting checks).
Restates ``sim.kernels.moves``.
"""

from __future__ import annotations

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
)


def move(
    model,
    i: int,
    to_status: int,
    to_site: int,
    to_role: int,
    zero_hours: int,
    hours: float,
    pay: float,
    commute_km: float,
    nlw: float,
) -> None:
    """Move worker ``i`` to a new state and record the event.

    A move to another role at the same site (a promotion) keeps the worker's tenure. The
    event count always rises; the event is written only if the buffer has room, so one that
    did not fit shows as a count above the capacity (``Events.check``).

    Args:
        model: Holder of the ``workers``, ``sites`` and ``events`` arrays (the model);
            the worker's row, the sites' filled posts and the event buffer are updated.
        i: Worker row.
        to_status: New status code.
        to_site: New employer's site row, -1 when not employed.
        to_role: Role code of the new post (kept as the last role when not employed).
        zero_hours: 1 if the new contract is zero-hours.
        hours: Contracted hours a week of the new job.
        pay: Hourly pay of the new job, GBP per hour.
        commute_km: Home-to-work distance of the new job, km.
        nlw: NLW in force, GBP per hour, to record pay relative to it.
    """
    w, sites, events = model.workers, model.sites, model.events
    k = events.n[0]
    events.n[0] = k + 1
    s = w.site[i]
    if k < events.ints.shape[0]:
        _log_event(model, k, i, to_status, to_site, to_role, nlw)
    if s >= 0:
        sites.filled[s, w.role[i]] -= 1
    w.status[i] = to_status
    w.site[i] = to_site
    if to_site != s:
        w.tenure_months[i] = 0
    if to_site >= 0:
        sites.filled[to_site, to_role] += 1
        w.role[i] = to_role
    employed = to_site >= 0
    w.zero_hours[i] = zero_hours if employed else 0
    w.hours_per_week[i] = hours if employed else 0.0
    w.pay_per_hour[i] = pay if employed else 0.0
    w.commute_km[i] = commute_km if employed else 0.0


def _log_event(model, k: int, i: int, to_status: int, to_site: int, to_role: int, nlw: float):
    """Write row ``k`` of the event buffer: worker ``i`` as it is just before the move."""
    w, site_la = model.workers, model.sites.la
    ev_int, ev_float = model.events.ints, model.events.floats
    s = w.site[i]
    ev_int[k, EV_WORKER] = i
    ev_int[k, EV_FROM_STATUS] = w.status[i]
    ev_int[k, EV_FROM_SITE] = s
    ev_int[k, EV_FROM_ROLE] = w.role[i]
    ev_int[k, EV_FROM_LA] = site_la[s] if s >= 0 else w.home_la[i]
    ev_int[k, EV_TO_STATUS] = to_status
    ev_int[k, EV_TO_SITE] = to_site
    ev_int[k, EV_TO_ROLE] = to_role
    ev_int[k, EV_TO_LA] = site_la[to_site] if to_site >= 0 else w.home_la[i]
    ev_int[k, EV_AGE_MONTHS] = w.age_months[i]
    ev_int[k, EV_TENURE_MONTHS] = w.tenure_months[i]
    ev_int[k, EV_ZERO_HOURS] = w.zero_hours[i]
    ev_int[k, EV_INTERNATIONAL] = w.international[i]
    ev_float[k, EV_COMMUTE_KM] = w.commute_km[i]
    ev_float[k, EV_PAY_RATIO_NLW] = w.pay_per_hour[i] / nlw if s >= 0 else 0.0
