"""Phases both engines share: new people entering, and staff losing a sponsor's licence.

New people are not agents yet, so the reference engine and the compiled engine admit them
with the same kernels; their Mesa handles are made when next asked for. Kernel calls name their
arguments, so each reads as what it passes.
"""

from __future__ import annotations

import numpy as np

from sim.kernels import contracts, entry, sponsorship, vacancies
from sim.state import (
    ABROAD,
    ASC,
    N_ROLES,
    NEW,
    NHS,
    OUTSIDE,
    QUAL_NONE,
    ROLE_CARE_WORKER,
    ROLE_NURSE,
    ROLE_PROFESSIONAL,
)


def role_flags(*roles: int) -> np.ndarray:
    """Flags over the roles, 1 for each role in ``roles``, shape (N_ROLES,)."""
    flags = np.zeros(N_ROLES, np.int64)
    flags[list(roles)] = 1
    return flags


# Posts new people are hired straight into: international recruits take care-worker posts at
# licensed sponsors; newly qualified NHS professionals take nurse and other registered
# professionals' posts in trusts.
INTERNATIONAL_ROLES = role_flags(ROLE_CARE_WORKER)
ALL_ROLES = role_flags(*range(N_ROLES))
NHS_PIPELINE_ROLES = role_flags(ROLE_NURSE, ROLE_PROFESSIONAL)


def months_range(years: list[float]) -> tuple[int, int]:
    """An age range ``[youngest, oldest]`` in years as whole months."""
    lo, hi = years
    return int(lo * 12), int(hi * 12)


def enter(model) -> None:
    """Phase 6: young entrants, recruits from abroad and training, joiners to outside jobs.

    Each site's chance of offering a zero-hours contract is read once, from its staff as the
    phase begins: recruits join care and NHS sites and joiners outside ones, so no group's
    hires change the chances the next group reads.
    """
    S = model.sites.as_tuple()
    zh_offer = contracts.zero_hours_offer_probabilities(
        model.workers.as_tuple(), S, model.n, model.sites.zero_hours_share
    )
    listed = vacancies.listed_open_posts(S, *model.listing())  # each group hires elsewhere
    admit_entrants(model, zh_offer, listed)
    refill_outside(model, zh_offer, listed)


def admit_entrants(model, zh_offer: np.ndarray, listed: np.ndarray) -> None:
    """Young entrants join the non-employed pool; recruits are hired into open posts.

    Uses the month's due counts (``model.young_due``, ``international_due``, ``nhs_due``),
    reserves their rows and events, and records how many international recruits found no
    post (``model.international_unplaced``).

    Args:
        model: The model.
        zh_offer: Each site's chance of offering a zero-hours contract, shape (S,).
        listed: Posts open to applicants by site and role, shape (S, R)
            (``vacancies.listed_open_posts``).
    """
    m, cfg = model, model.cfg
    e, p = cfg.entry, cfg.pay
    due = m.young_due + m.international_due + m.nhs_due
    m.ensure_capacity(m.n + due)
    m.events.reserve(due)
    young_lo, young_hi = months_range(e.entrant_age_years)
    entry.add_young_entrants(
        m.workers.as_tuple(),
        m.sites.as_tuple(),
        m.events.as_tuple(),
        first=m.n,
        count=m.young_due,
        place_cum_pop=m.place_cum_pop,
        place_la=m.geo.place_la,
        age_lo_months=young_lo,
        age_hi_months=young_hi,
        nlw=m.nlw,
        seed=cfg.seed,
        month=m.month,
        non_british_share=m.non_british_share_of_entrants,
    )
    m.n += m.young_due
    S = m.sites.as_tuple()
    placed = _hire(
        m,
        zh_offer,
        entry.open_posts(S, listed, ASC, True, INTERNATIONAL_ROLES),
        count=m.international_due,
        ages=e.international_age_years,
        from_status=ABROAD,
        international=1.0,
        sponsorship_months=e.sponsorship_months,
        exp_per_year=p.experience_premium_per_year,
    )
    m.international_unplaced = m.international_due - placed
    _hire(
        m,
        zh_offer,
        entry.open_posts(S, listed, NHS, False, NHS_PIPELINE_ROLES),
        count=m.nhs_due,
        ages=e.international_age_years,
        from_status=NEW,
        international=0.0,
        sponsorship_months=0,
        exp_per_year=0.0,  # NHS pay rises by pay points with years in post
    )


def refill_outside(model, zh_offer: np.ndarray, listed: np.ndarray) -> None:
    """People from the wider population take the outside jobs open beyond the economy's rate.

    The modelled labour market is open: the low-paid outside sector is a small part of an
    economy whose school leavers, returners, migrants and movers from better-paid work fill
    its jobs when the modelled workers do not. After they join, the sector's vacancy rate is
    ``population.outside_vacancy_rate`` (rounded to whole jobs, England-wide, so it does not
    depend on the scale); they take open jobs drawn at random, so the sector never drains.
    If the modelled workers left fewer jobs open than that, nobody joins. Each joiner is a new
    agent (origin ``new_entrant``), so agents stay conserved and the flow is counted.

    Args:
        model: The model.
        zh_offer: Each site's chance of offering a zero-hours contract, shape (S,).
        listed: Posts open to applicants by site and role, shape (S, R) (outside jobs all
            are).
    """
    m, cfg = model, model.cfg
    slots = entry.open_posts(m.sites.as_tuple(), listed, OUTSIDE, False, ALL_ROLES)
    jobs = int(m.sites.posts[m.sites.sector == OUTSIDE].sum())
    joining = max(slots[0].size - round(cfg.population.outside_vacancy_rate * jobs), 0)
    m.ensure_capacity(m.n + joining)
    m.events.reserve(joining)
    _hire(
        m,
        zh_offer,
        slots,
        count=joining,
        ages=cfg.entry.outside_joiner_age_years,
        from_status=NEW,
        international=cfg.population.non_british_share_outside,
        sponsorship_months=0,
        exp_per_year=cfg.pay.outside_experience_premium_per_year,
        qual=QUAL_NONE,
    )


def _hire(model, zh_offer, slots, count: int, ages: list[float], **who) -> int:
    """Hire up to ``count`` new people into the open posts ``slots`` (``entry.open_posts``).

    Rows and events must already be reserved. ``who`` names what differs between groups of
    entrants (``hire_entrants``' origin, nationality, sponsorship, pay-step and qualification
    arguments); the rest is the model's. Returns the number hired (``model.n`` advances).
    """
    m, cfg = model, model.cfg
    lo, hi = months_range(ages)
    hired = entry.hire_entrants(
        m.workers.as_tuple(),
        m.sites.as_tuple(),
        m.events.as_tuple(),
        first=m.n,
        count=count,
        slot_site=slots[0],
        slot_role=slots[1],
        zh_offer=zh_offer,
        place_la=m.geo.place_la,
        age_lo_months=lo,
        age_hi_months=hi,
        qual_premium=cfg.pay.qualification_premium,
        zh_hours=cfg.hours.zero_hours_hours_per_week,
        nlw=m.nlw,
        seed=cfg.seed,
        month=m.month,
        **who,
    )
    m.n += hired
    return hired


def displace_sponsored(model) -> None:
    """Staff sponsored by employers that lost their licence this month lose their job."""
    m = model
    revoked = m.levers.licence_revoked
    if not revoked.any():
        return
    W = m.workers.as_tuple()
    m.events.reserve(sponsorship.sponsored_staff(W, m.n, revoked))
    sponsorship.displace_sponsored(W, m.sites.as_tuple(), m.events.as_tuple(), m.n, revoked, m.nlw)
    m.sites.sponsor[revoked] = 0
