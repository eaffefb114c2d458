"""The reference engine: every phase activates Mesa agents through their AgentSet.

It is the readable statement of the model and the oracle for the numba kernels: agents run
the plain-Python rules of ``sim.agents`` in the same order the kernels visit rows (row order,
or the keyed random order of searchers), drawing the same counter-based random numbers, so
both engines must produce the same trajectories. It is slow by design.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from mesa.agent import AgentSet

from sim.agents import CareProvider, NHSTrust, OutsideEmployer, Worker
from sim.kernels import entry, search
from sim.kernels.choice import B_TASTE
from sim.kernels.moves import move
from sim.kernels.pay import personal_pay
from sim.rng import STREAM_CONTRACT, STREAM_ENTRY, below, uniform
from sim.state import ABROAD, ASC, NEW, NHS, NONEMP, QUAL_LEVEL3, QUAL_NURSE


class MesaEngine:
    """Runs phases 2-7 of ``CareWorkforceModel.step`` agent by agent."""

    name = "mesa"

    def __init__(self, model):
        self.model = model

    # ---- shared context of one phase -----------------------------------------------------
    def _context(self, **extra) -> SimpleNamespace:
        m = self.model
        return SimpleNamespace(
            W=m.workers.as_tuple(),
            S=m.sites.as_tuple(),
            EV=m.events.as_tuple(),
            seed=m.cfg.seed,
            month=m.month,
            nlw=m.nlw,
            beta=m.beta,
            hazards=m.hazards,
            experience_by_sector=m.experience_by_sector,
            qualification_premium=m.cfg.pay.qualification_premium,
            **extra,
        )

    def _workers(self) -> AgentSet:
        """Workers in row order (the order the kernels visit them)."""
        return self.model.agents_by_type[Worker]

    def _sites(self) -> AgentSet:
        m = self.model
        kinds = (CareProvider, NHSTrust, OutsideEmployer)
        sites = [a for kind in kinds for a in m.agents_by_type.get(kind, [])]
        return AgentSet(sorted(sites, key=lambda a: a.row), random=m.random)

    # ---- phases ----------------------------------------------------------------------------
    def grow_demand(self) -> None:
        """Phase 2: each employer grows its funded posts."""
        m = self.model
        self._sites().do(
            "grow_posts", SimpleNamespace(growth=m.post_growth, posts_per_need=m.posts_per_need)
        )

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
        )
        self._sites().do("set_pay", ctx)
        self._workers().do("update_pay", ctx)

    def separate(self) -> None:
        """Phase 4: workers age and draw separations, then carry them out in row order."""
        m = self.model
        workers = self._workers()
        ctx = self._context()
        workers.do("age_and_decide", ctx)
        m._reserve_events(sum(1 for a in workers if a.dest >= 0))
        workers.do("separate", self._context())

    def search_and_match(self) -> None:
        """Phase 5: searchers draw and value offers, then take them in keyed random order."""
        m, cfg, geo = self.model, self.model.cfg, self.model.geo
        ctx = self._context(nhs_pay_by_la=m.nhs_pay_by_la, la_rural=geo.la_rural)
        workers = self._workers()
        workers.do("decide_search", ctx)
        searchers = workers.select(lambda a: a.searching).sort(key="order_key", ascending=True)
        m._reserve_events(len(searchers))
        ptr, slot_site, slot_role, open_count = search.build_vacancy_slots(
            m.sites.as_tuple(), len(geo.la_name)
        )
        ctx = self._context(
            la_rural=geo.la_rural,
            sector_switch=m.levers.sector_switch,
            taste=m.beta[B_TASTE],
            n_offers=cfg.behaviour.offers_sampled,
            outside_site_of_la=m.outside_site_of_la,
            reach_ptr=m.reach_ptr,
            reach_idx=m.reach_idx,
            ptr=ptr,
            slot_site=slot_site,
            slot_role=slot_role,
            open_count=open_count,
            reach_open=search.reach_open_counts(m.reach_ptr, m.reach_idx, open_count),
            taken=np.zeros(slot_site.size, bool),
            zh_hours=cfg.hours.zero_hours_hours_per_week,
            outside_hours=cfg.hours.outside_hours_per_week,
        )
        searchers.do("draw_offers", ctx)
        searchers.do("take_best_offer", ctx)

    def enter(self) -> None:
        """Phase 6: entrants take new rows, in the order the kernels would use them."""
        m, e, p = self.model, self.model.cfg.entry, self.model.cfg.pay
        due = m.young_due + m.international_due + m.nhs_due
        m._ensure_capacity(m.n + due)
        m._reserve_events(due)
        lo, hi = (int(a * 12) for a in e.entrant_age_years)
        for _ in range(m.young_due):
            self._young_entrant(m.n, lo, hi)
            m.n += 1
        lo, hi = (int(a * 12) for a in e.international_age_years)
        care = entry.open_posts(m.sites.as_tuple(), ASC, True, np.array([1, 0, 0, 0]))
        placed = self._hire(
            care,
            m.international_due,
            ABROAD,
            1,
            e.sponsorship_months,
            lo,
            hi,
            p.experience_premium_per_year,
        )
        m.international_unplaced = m.international_due - placed
        nhs = entry.open_posts(m.sites.as_tuple(), NHS, False, np.array([0, 0, 1, 1]))
        self._hire(nhs, m.nhs_due, NEW, 0, 0, lo, hi, p.nhs_experience_premium_per_year)

    def _young_entrant(self, i: int, lo: int, hi: int) -> None:
        m, w = self.model, self.model.workers
        seed, month = m.cfg.seed, m.month
        place = np.searchsorted(m.place_cum_pop, uniform(seed, STREAM_ENTRY, month, i, 0))
        place = min(place, m.place_cum_pop.size - 1)
        w.home_place[i], w.home_la[i] = place, m.geo.place_la[place]
        w.age_months[i] = lo + below(seed, STREAM_ENTRY, month, i, 1, hi - lo)
        w.qual[i], w.international[i], w.site[i], w.status[i] = 0, 0, -1, NEW
        ctx = self._context()
        move(i, NONEMP, -1, 0, 0, 0.0, 0.0, 0.0, ctx.W, ctx.S, ctx.EV, m.nlw)

    def _hire(self, posts, count, from_status, international, sponsorship, lo, hi, exp) -> int:
        """Hire entrants straight into open posts drawn uniformly; returns how many."""
        m, w, sites = self.model, self.model.workers, self.model.sites
        slot_site, slot_role = posts
        seed, month = m.cfg.seed, m.month
        n_open, hired = slot_site.size, 0
        for _ in range(count):
            if n_open == 0:
                break
            i = m.n
            j = below(seed, STREAM_ENTRY, month, i, 2, n_open)
            s, r = slot_site[j], slot_role[j]
            slot_site[j], slot_role[j] = slot_site[n_open - 1], slot_role[n_open - 1]
            n_open -= 1
            place = sites.place[s]
            w.home_place[i], w.home_la[i] = place, m.geo.place_la[place]
            w.age_months[i] = lo + below(seed, STREAM_ENTRY, month, i, 3, hi - lo)
            w.qual[i] = QUAL_NURSE if r == 2 else (1 if r == 0 else QUAL_LEVEL3)
            w.international[i], w.sponsor_months[i] = international, sponsorship
            w.site[i], w.status[i] = -1, from_status
            u = uniform(seed, STREAM_CONTRACT, month, i, 99)
            zh = 1 if u < sites.zero_hours_share[s] else 0
            hours = m.cfg.hours.zero_hours_hours_per_week if zh == 1 else sites.hours_per_week[s]
            pay = personal_pay(
                sites.pay_per_hour[s, r], 0, w.qual[i], exp, m.cfg.pay.qualification_premium
            )
            ctx = self._context()
            move(i, sites.sector[s], s, r, zh, hours, pay, 0.0, ctx.W, ctx.S, ctx.EV, m.nlw)
            m.n += 1
            hired += 1
        return hired

    def train(self) -> None:
        """Phase 7: workers train, then eligible ones are promoted in row order."""
        m, t = self.model, self.model.cfg.training
        steps = np.array([t.care_certificate_per_month, t.level2_per_month, t.level3_per_month])
        workers = self._workers()
        ctx = self._context(p_step=steps, boost=m.levers.training_boost, funded=0)
        workers.do("train", ctx)
        m.record_training(ctx.funded)
        m._reserve_events(len(workers))
        workers.do("promote", self._context(p_promote=t.promotion_per_month))
