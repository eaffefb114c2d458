"""The reference engine: every phase activates Mesa agents through their AgentSet.

It is the readable statement of the model and the oracle for the numba kernels. Agents run
the plain-Python rules of ``sim.engines.rules`` (which restate the kernels' formulas without
calling them) in the same order the kernels visit rows (row order, or the keyed random order
of searchers), drawing the same counter-based random numbers, so both engines must produce
the same trajectories. It is slow by design.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from mesa.agent import AgentSet

from sim.agents import CareProvider, NHSTrust, OutsideEmployer, Worker
from sim.engines.rules import contracts, demand, pay, search, separations, training
from sim.engines.rules.separations import NO_SEPARATION
from sim.kernels.choice import B_TASTE  # index into the behaviour vector (a plain integer)


class MesaEngine:
    """Runs phases 2-7 of ``CareWorkforceModel.step`` agent by agent."""

    name = "mesa"

    def __init__(self, model):
        self.model = model

    # ---- shared context of one phase -----------------------------------------------------
    def _context(self, **extra) -> SimpleNamespace:
        """What every rule may read this month: the random key, the NLW, the coefficients."""
        m = self.model
        return SimpleNamespace(
            seed=m.cfg.seed,
            month=m.month,
            nlw=m.nlw,
            beta=m.beta,
            hazards=m.hazards,
            **extra,
        )

    def _workers(self) -> AgentSet:
        """Workers in row order (the order the kernels visit them)."""
        return self.model.agents_by_type[Worker]

    def _sites(self) -> AgentSet:
        """Employers of every kind in row order."""
        m = self.model
        kinds = (CareProvider, NHSTrust, OutsideEmployer)
        sites = [a for kind in kinds for a in m.agents_by_type.get(kind, [])]
        return AgentSet(sorted(sites, key=lambda a: a.row), random=m.random)

    # ---- phases ----------------------------------------------------------------------------
    def grow_demand(self) -> None:
        """Phase 2: each employer grows its funded posts."""
        m = self.model
        ctx = self._context(growth=m.post_growth, posts_per_need=m.posts_per_need)
        self._sites().do(demand.grow_posts, ctx)

    def set_pay(self, adjust_premiums: bool = True) -> None:
        """Phase 3: employers set their offers, then workers take their employer's rate."""
        m, p = self.model, self.model.cfg.pay
        ctx = self._context(
            adjust_premiums=adjust_premiums,
            levers=m.levers,
            pay_response=p.pay_response_per_month,
            target_vacancy_rate=p.target_vacancy_rate,
            nhs_rates=m.nhs_rates,
            role_ratio=np.array(p.role_pay_ratio),
            la_owned_premium=p.la_owned_premium,
            london_supplement=p.london_supplement,
            nhs_pay_points=m.nhs_pay_points,
        )
        self._sites().do(pay.set_site_pay, ctx)
        self._workers().do(pay.update_worker_pay, ctx)

    def separate(self) -> None:
        """Phase 4: workers age and draw separations, then carry them out in row order."""
        m = self.model
        workers = self._workers()
        ctx = self._context()
        workers.do(separations.age_and_decide, ctx)
        m.events.reserve(sum(1 for a in workers if a.dest != NO_SEPARATION))
        workers.do(separations.separate, ctx)

    def search_and_match(self) -> None:
        """Phase 5: searchers draw and value offers, then take them in keyed random order."""
        m, cfg, geo = self.model, self.model.cfg, self.model.geo
        ctx = self._context(
            nhs_pay_by_la=m.nhs_pay_by_la, nhs_non_wage=m.nhs_non_wage, la_rural=geo.la_rural
        )
        workers = self._workers()
        workers.do(search.decide_search, ctx)
        searchers = workers.select(lambda a: a.searching).sort(key="order_key", ascending=True)
        m.events.reserve(len(searchers))
        n_la = len(geo.la_name)
        listed = search.listed_open_posts(m.sites, *m.listing())
        ptr, slot_site, slot_role, open_count = search.build_vacancy_slots(
            m.sites, listed, n_la, False
        )
        out_ptr, out_site, _, out_open = search.build_vacancy_slots(m.sites, listed, n_la, True)
        ctx = self._context(
            la_rural=geo.la_rural,
            sector_switch=m.levers.sector_switch,
            taste=m.beta[B_TASTE],
            n_offers=cfg.behaviour.offers_sampled,
            nhs_support_min_qual=cfg.training.nhs_support_min_qual,
            workers=m.workers,
            n_outside_offers=cfg.behaviour.outside_offers_sampled,
            out_ptr=out_ptr,
            out_site=out_site,
            out_open=out_open,
            out_reach_open=search.reach_open_counts(m.reach_ptr, m.reach_idx, out_open),
            reach_ptr=m.reach_ptr,
            reach_idx=m.reach_idx,
            ptr=ptr,
            slot_site=slot_site,
            slot_role=slot_role,
            open_count=open_count,
            reach_open=search.reach_open_counts(m.reach_ptr, m.reach_idx, open_count),
            taken=np.zeros(slot_site.size + out_site.size, bool),
            zh_offer=contracts.zero_hours_offer_probabilities(m),
            zh_hours=cfg.hours.zero_hours_hours_per_week,
            outside_hours=cfg.hours.outside_hours_per_week,
        )
        searchers.do(search.draw_offers, ctx)
        searchers.do(search.take_best_offer, ctx)

    def train(self) -> None:
        """Phase 7: workers train, then eligible ones are promoted in row order."""
        m, t = self.model, self.model.cfg.training
        steps = np.array([t.care_certificate_per_month, t.level2_per_month, t.level3_per_month])
        workers = self._workers()
        ctx = self._context(p_step=steps, boost=m.levers.training_boost, funded=0)
        workers.do(training.train, ctx)
        m.record_training(ctx.funded)
        m.events.reserve(len(workers))
        workers.do(training.promote, self._context(p_promote=t.promotion_per_month))
