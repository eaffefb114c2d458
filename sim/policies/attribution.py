"""Splitting the month's policy pay uplift between the levers that caused it.

A care rate with levers is built in stages (``sim.kernels.pay.levered_rate``): the floor
(fair pay), then parity with the NHS, then supplements (rural and coastal attraction, the
career pathway's seniority step). Each stage's rise of each site-role rate is its lever's
part, so the parts add up to the whole uplift; the cost of each part is its rise times the
paid hours of the staff on that rate. Personal pay steps added by a lever (career pathway)
are costed the same way, and so are the parts of total reward a lever raises (a pension,
sick-pay, enhancement or leave share of basic pay, times the site's pay bill). Each lever's
government-funded share splits its cost by payer.
"""

from __future__ import annotations

import numpy as np

from sim.policies.wagebill import WEEKS_PER_MONTH
from sim.state import ASC, REWARD_NAMES

FLOOR_LEVER, PARITY_LEVER = "fair_pay", "pay_parity"


def rate_parts(model) -> dict[str, np.ndarray]:
    """Each pay lever's rise of every care site-role rate, GBP per hour, (S, R)."""
    s, lv = model.sites, model.levers
    care = (s.sector == ASC)[:, None]
    r1 = np.where(care, np.maximum(s.pay_base, lv.floor), s.pay_base)
    r2 = r1 + lv.parity_share[:, None] * np.maximum(lv.parity_rate - r1, 0.0)
    parts = {FLOOR_LEVER: r1 - s.pay_base, PARITY_LEVER: np.where(care, r2 - r1, 0.0)}
    for lever, supplement in lv.supplement_parts.items():
        parts[lever] = np.where(care, r2 * supplement, 0.0)
    return {k: v for k, v in parts.items() if v.any()}


def paid_hours(model) -> tuple[np.ndarray, np.ndarray]:
    """Care staff's paid hours this month by site and role, weighted by personal pay steps.

    Returns:
        (weighted, tenure_years_weighted): (S, R) sums over care staff of
        ``pay / site rate * hours * weeks`` (so a rate rise of 1 GBP costs ``weighted`` GBP),
        and (S, 2) sums of ``site rate * hours * weeks`` times years of tenure (capped at
        10) and times qualification levels (capped at 3), for the cost of pay steps.
    """
    w, s, n = model.workers, model.sites, model.n
    emp = np.flatnonzero(w.status[:n] == ASC)
    site, role = w.site[emp], w.role[emp]
    rate = s.pay_per_hour[site, role]
    hours = w.hours_per_week[emp] * WEEKS_PER_MONTH
    ratio = np.divide(w.pay_per_hour[emp], rate, out=np.zeros_like(rate), where=rate > 0)
    n_roles = s.pay_per_hour.shape[1]
    weighted = np.bincount(
        site * n_roles + role, weights=ratio * hours, minlength=s.n * n_roles
    ).reshape(s.n, n_roles)
    years = np.minimum(w.tenure_months[emp] / 12.0, 10.0)
    levels = np.minimum(w.qual[emp], 3)
    steps = np.stack(
        [
            np.bincount(site, weights=rate * hours * years, minlength=s.n),
            np.bincount(site, weights=rate * hours * levels, minlength=s.n),
        ],
        axis=1,
    )
    return weighted, steps


def attribute_pay_uplift(model) -> None:
    """Cost each pay lever's uplift this month, by payer, and set the funded share by site.

    Adds ``(lever, 'pay uplift', payer)`` items to ``model.levers.costs`` (GBP, England),
    ``(lever, 'pay steps', payer)`` for personal steps and ``(lever, part, payer)`` for each
    part of total reward a lever raised (``pension``, ``sick pay``, ...), fills
    ``model.levers.funded_share`` with each site's government-funded share of its rate
    uplift, weighted over the levers' parts, and ``model.levers.funded_gbp`` with what
    government pays each site for all of it.
    """
    lv = model.levers
    if not lv.funded_shares and not lv.step_extra and not lv.reward_parts:
        return  # no pay lever is on this month (each one states its funded share)
    parts = rate_parts(model)
    weighted, steps = paid_hours(model)
    scale = model.cfg.scale
    uplift = np.zeros(model.sites.n)
    funded = np.zeros(model.sites.n)
    for lever, rise in parts.items():
        by_site = (rise * weighted).sum(axis=1)
        share = lv.funded_shares.get(lever, 0.0)
        uplift += by_site
        funded += by_site * share
        _add_cost(lv.costs, lever, "pay uplift", by_site.sum() / scale, share)
    np.divide(funded, uplift, out=lv.funded_share, where=uplift > 0)
    for lever, extra in lv.step_extra.items():
        by_site = (extra * steps).sum(axis=1)
        share = lv.funded_shares.get(lever, 0.0)
        funded += by_site * share
        _add_cost(lv.costs, lever, "pay steps", by_site.sum() / scale, share)
    pay_bill = (weighted * model.sites.pay_per_hour).sum(axis=1)  # GBP this month, (S,)
    for lever, rise in lv.reward_parts.items():
        share = lv.funded_shares.get(lever, 0.0)
        for p, name in enumerate(REWARD_NAMES):
            by_site = rise[:, p] * pay_bill
            funded += by_site * share
            _add_cost(lv.costs, lever, name.replace("_", " "), by_site.sum() / scale, share)
    lv.funded_gbp[:] = funded


def _add_cost(costs: dict, lever: str, item: str, gbp: float, government_share: float) -> None:
    if gbp <= 0:
        return
    costs[(lever, item, "government")] = gbp * government_share
    costs[(lever, item, "employers")] = gbp * (1.0 - government_share)
