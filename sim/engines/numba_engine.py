"""The compiled engine: each phase is a call into a numba kernel over the model's arrays."""

from __future__ import annotations

import numpy as np

from sim.kernels import contracts, demand, pay, search, separations, training, vacancies


class NumbaEngine:
    """Runs phases 2-7 of ``CareWorkforceModel.step`` with the kernels of ``sim.kernels``."""

    name = "numba"

    def __init__(self, model):
        self.model = model

    def grow_demand(self) -> None:
        """Phase 2: grow funded posts with the 65+ population (ASC) and plans (NHS)."""
        m = self.model
        s = m.sites
        demand.grow_posts(
            s.posts_target,
            s.round_offset,
            s.posts,
            s.filled,
            s.sector,
            m.post_growth,
            m.posts_per_need,
        )

    def set_pay(self, adjust_premiums: bool = True) -> None:
        """Phase 3: care employers adjust premiums to vacancies; every rate is set."""
        m = self.model
        p, s, w, lv = m.cfg.pay, m.sites, m.workers, m.levers
        if adjust_premiums:
            pay.adjust_premiums(
                s.premium,
                s.headroom,
                s.posts,
                s.filled,
                s.sector,
                p.pay_response_per_month,
                p.target_vacancy_rate,
                lv.premium_boost,
            )
        pay.set_site_pay(
            s.pay_per_hour,
            s.pay_base,
            s.sector,
            s.owner,
            s.premium,
            m.geo.la_region,
            s.la,
            m.london,
            m.nlw,
            m.nhs_rates,
            np.array(p.role_pay_ratio),
            p.la_owned_premium,
            p.london_supplement,
            lv.floor,
            lv.parity_share,
            lv.parity_rate,
            lv.supplement,
        )
        pay.update_worker_pay(
            w.pay_per_hour,
            w.site,
            w.role,
            w.tenure_months,
            w.qual,
            w.status,
            m.n,
            s.as_tuple(),
            m.nhs_pay_points,
        )

    def separate(self) -> None:
        """Phase 4: everyone ages a month; retirements, exits and returns abroad."""
        m = self.model
        dest = m._scratch
        count = separations.age_and_decide(
            m.workers.as_tuple(), m.n, m.hazards, m.sites.terms, m.cfg.seed, m.month, dest
        )
        m.events.reserve(count)
        separations.apply_separations(
            m.workers.as_tuple(),
            m.sites.as_tuple(),
            m.events.as_tuple(),
            m.n,
            dest,
            m.nlw,
        )

    def search_and_match(self) -> None:
        """Phase 5: searchers draw and value offers in parallel; matches resolve in order."""
        m = self.model
        cfg, geo = m.cfg, m.geo
        W, S = m.workers.as_tuple(), m.sites.as_tuple()
        search.decide_search(
            W,
            S,
            m.n,
            m.beta,
            m.nhs_pay_by_la,
            m.nhs_non_wage,
            geo.la_rural,
            m.nlw,
            cfg.seed,
            m.month,
            m._flags,
        )
        who, perm = search.search_order(m._flags, m.n, cfg.seed, m.month)
        listed = vacancies.listed_open_posts(S, *m.listing())
        slots = vacancies.build_vacancy_slots(S, listed, len(geo.la_name), False)
        outside_slots = vacancies.build_vacancy_slots(S, listed, len(geo.la_name), True)
        zh_offer = contracts.zero_hours_offer_probabilities(W, S, m.n, m.sites.zero_hours_share)
        floats, ints = search.draw_offers(
            W,
            S,
            who,
            m.beta,
            m.levers.sector_switch,
            geo.place_lat_deg,
            geo.place_lon_deg,
            geo.la_rural,
            m.reach_ptr,
            m.reach_idx,
            slots,
            outside_slots,
            zh_offer,
            cfg.behaviour.outside_offers_sampled,
            cfg.behaviour.offers_sampled,
            cfg.training.nhs_support_min_qual,
            cfg.hours.zero_hours_hours_per_week,
            cfg.hours.outside_hours_per_week,
            m.nlw,
            cfg.seed,
            m.month,
        )
        m.events.reserve(who.size)
        search.resolve_offers(
            W,
            S,
            m.events.as_tuple(),
            who,
            perm,
            floats,
            ints,
            slots[1].size + outside_slots[1].size,
            m.nlw,
        )

    def train(self) -> None:
        """Phase 7: qualifications, then promotion of Level 3 workers to senior posts."""
        m = self.model
        t, w = m.cfg.training, m.workers
        steps = np.array([t.care_certificate_per_month, t.level2_per_month, t.level3_per_month])
        training.train(
            w.as_tuple(), m.n, steps, m.levers.training_boost, m.cfg.seed, m.month, m._flags
        )
        m.record_training(int(m._flags[: m.n].sum()))
        open_senior = np.maximum(m.sites.posts[:, 1] - m.sites.filled[:, 1], 0)
        m.events.reserve(int(open_senior.sum()))  # promotions fill open senior posts
        training.promote(
            w.as_tuple(),
            m.sites.as_tuple(),
            m.events.as_tuple(),
            m.n,
            t.promotion_per_month,
            m.nlw,
            m.cfg.seed,
            m.month,
        )
