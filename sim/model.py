"""The Mesa model: state arrays, Mesa handles, and ``step`` as the monthly recipe."""

from __future__ import annotations

import math

import mesa
import numpy as np
from tqdm import tqdm

from sim import calendar
from sim.agents import CareProvider, NHSTrust, Worker
from sim.config import SimConfig, load_config
from sim.geography import build_geography, reachable_las
from sim.kernels import accounting, demand, entry, pay, search, separations, training
from sim.kernels.choice import behaviour_vector
from sim.population import build_population
from sim.state import ABROAD, ASC, NEW, NHS, OUTSIDE, QUAL_LEVEL3, Events
from sim.tables import Recorder


class CareWorkforceModel(mesa.Model):
    """England's adult social care and NHS labour market, one step a month.

    Args:
        cfg: A validated config (``sim.load_config``); defaults to the baseline.

    Attributes:
        workers, sites: Struct-of-arrays state (``sim.state``).
        n: Worker rows in use.
        month: Months simulated so far (0 = April 2024 not yet simulated).
        recorder: The monthly tallies, turned into tables by ``tables()``.
    """

    def __init__(self, cfg: SimConfig | None = None):
        cfg = cfg if cfg is not None else load_config()
        super().__init__(seed=cfg.seed)
        self.cfg = cfg
        self.geo = build_geography()
        self.workers, self.sites, self.n = build_population(cfg, self.geo)
        self.month = 0
        self.horizon = 12 * cfg.years
        self.events = Events.empty(self.n // 4 + 1000)
        self.beta = behaviour_vector(cfg.behaviour)
        self.hazards = separations.hazard_vector(cfg.separation)
        self.reach_ptr, self.reach_idx = reachable_las(self.geo, cfg.behaviour.reach_km)
        self.outside_site_of_la = np.full(len(self.geo.la_name), -1, np.int32)
        outside = np.flatnonzero(self.sites.sector == OUTSIDE)
        self.outside_site_of_la[self.sites.la[outside]] = outside
        self.place_cum_pop = np.cumsum(self.geo.place_pop) / self.geo.place_pop.sum()
        self.london = int(np.flatnonzero(self.geo.region_name == "London")[0])
        p = cfg.pay
        self.experience_by_sector = np.array(
            [
                p.experience_premium_per_year,
                p.nhs_experience_premium_per_year,
                p.outside_experience_premium_per_year,
            ]
        )
        self.recorder = Recorder(self)
        self._scratch = np.zeros(self.workers.capacity, np.int64)
        self._flags = np.zeros(self.workers.capacity, np.int8)
        self.apply_calendar()
        self.set_pay()
        self._site_handles: dict[int, mesa.Agent] = {}
        for s in np.flatnonzero(self.sites.sector != OUTSIDE):
            kind = CareProvider if self.sites.sector[s] == ASC else NHSTrust
            self._site_handles[int(s)] = kind(self, int(s))
        self._worker_handles: list[Worker] = []
        self._make_worker_handles()

    # ---- the monthly recipe ------------------------------------------------------------
    def step(self) -> None:
        """Advance one month in MODEL.md's process order."""
        self.apply_calendar()  # 1. dated rates and inflows in force this month
        self.grow_demand()  # 2. funded posts follow need
        self.set_pay()  # 3. employers' offers, national scales, legal floors
        self.separate()  # 4. ageing, retirement, exits, returns abroad
        self.search_and_match()  # 5. on-the-job and non-employed search, hiring
        self.enter()  # 6. young entrants and international recruits
        self.train()  # 7. qualifications and promotion
        self.account()  # 8. stocks and flows of the month
        self.month += 1
        self.running = self.month < self.horizon

    def run(self, progress: bool | None = None) -> CareWorkforceModel:
        """Run to the horizon (``years`` from the config), with an optional progress bar."""
        show = self.cfg.progress if progress is None else progress
        for _ in tqdm(range(self.horizon - self.month), desc="months", disable=not show):
            self.step()
        return self

    def tables(self) -> dict:
        """Tidy tables of the months run so far (see ``sim.tables``)."""
        return self.recorder.tables()

    # ---- phases --------------------------------------------------------------------------
    def apply_calendar(self) -> None:
        """Phase 1: the NLW, Agenda for Change rates and inflows of this month."""
        cfg, m = self.cfg, self.month
        self.nlw = calendar.nlw_per_hour(cfg.pay, m)
        self.sector_floor = self.nlw
        rates = calendar.afc_per_hour(cfg.pay, m)
        london = np.where(self.geo.la_region == self.london, 1.0 + cfg.pay.london_supplement, 1.0)
        self.nhs_rates = rates
        self.nhs_pay_by_la = london[:, None] * rates[None, :]
        intake = cfg.entry.international_recruits_per_year
        per_year = intake[min(calendar.fy_index(m), len(intake) - 1)]
        self.international_due = self._due("intl", per_year)
        self.young_due = self._due("young", cfg.entry.young_entrants_per_year)
        self.nhs_due = self._due("nhs", cfg.entry.nhs_professional_entrants_per_year)

    def grow_demand(self) -> None:
        """Phase 2: grow funded posts with the 65+ population (ASC) and plans (NHS)."""
        d = self.cfg.demand
        asc = (1 + d.pop65_growth_per_year) ** (d.posts_elasticity_to_need / 12)
        nhs = (1 + d.nhs_post_growth_per_year) ** (1 / 12)
        growth = np.array([asc, nhs, 1.0])
        per_need = np.ones(self.sites.n)
        s = self.sites
        demand.grow_posts(
            s.posts_target, s.round_offset, s.posts, s.filled, s.sector, growth, per_need
        )

    def set_pay(self) -> None:
        """Phase 3: care employers adjust premiums to vacancies; every rate is set."""
        p, s, w = self.cfg.pay, self.sites, self.workers
        pay.adjust_premiums(
            s.premium,
            s.headroom,
            s.posts,
            s.filled,
            s.sector,
            p.pay_response_per_month,
            p.target_vacancy_rate,
        )
        pay.set_site_pay(
            s.pay_per_hour,
            s.sector,
            s.owner,
            s.premium,
            self.geo.la_region,
            s.la,
            self.london,
            self.nlw,
            self.nhs_rates,
            np.array(p.role_pay_ratio),
            p.la_owned_premium,
            p.london_supplement,
            self.sector_floor,
        )
        pay.update_worker_pay(
            w.pay_per_hour,
            w.site,
            w.role,
            w.tenure_months,
            w.qual,
            w.status,
            self.n,
            s.pay_per_hour,
            s.sector,
            self.experience_by_sector,
            p.qualification_premium,
        )

    def separate(self) -> None:
        """Phase 4: everyone ages a month; retirements, exits and returns abroad."""
        self.events.n[0] = 0
        dest = self._scratch
        separations.age_and_decide(
            self.workers.as_tuple(), self.n, self.hazards, self.cfg.seed, self.month, dest
        )
        self._reserve_events(int((dest[: self.n] >= 0).sum()))
        separations.apply_separations(
            self.workers.as_tuple(),
            self.sites.as_tuple(),
            self.events.as_tuple(),
            self.n,
            dest,
            self.nlw,
        )

    def search_and_match(self) -> None:
        """Phase 5: searchers sample vacancies within reach and take the best offer."""
        cfg, geo = self.cfg, self.geo
        W, S = self.workers.as_tuple(), self.sites.as_tuple()
        search.decide_search(
            W,
            S,
            self.n,
            self.beta,
            self.nhs_pay_by_la,
            geo.la_rural,
            cfg.seed,
            self.month,
            self._flags,
        )
        order = search.search_order(self._flags, self.n, cfg.seed, self.month)
        self._reserve_events(order.size)
        search.match(
            W,
            S,
            self.events.as_tuple(),
            order,
            self.beta,
            geo.place_lat_deg,
            geo.place_lon_deg,
            geo.la_rural,
            self.outside_site_of_la,
            self.reach_ptr,
            self.reach_idx,
            len(geo.la_name),
            cfg.behaviour.offers_sampled,
            self.experience_by_sector,
            cfg.pay.qualification_premium,
            cfg.hours.zero_hours_hours_per_week,
            cfg.hours.outside_hours_per_week,
            self.nlw,
            cfg.seed,
            self.month,
        )

    def enter(self) -> None:
        """Phase 6: young entrants join the pool; recruits are hired into care and NHS posts."""
        e, cfg = self.cfg.entry, self.cfg
        due = self.young_due + self.international_due + self.nhs_due
        self._ensure_capacity(self.n + due)
        self._reserve_events(due)
        lo, hi = (int(a * 12) for a in e.entrant_age_years)
        entry.add_young_entrants(
            self.workers.as_tuple(),
            self.sites.as_tuple(),
            self.events.as_tuple(),
            self.n,
            self.young_due,
            self.place_cum_pop,
            self.geo.place_la,
            lo,
            hi,
            self.nlw,
            cfg.seed,
            self.month,
        )
        self.n += self.young_due
        lo, hi = (int(a * 12) for a in e.international_age_years)
        W, S, EV = self.workers.as_tuple(), self.sites.as_tuple(), self.events.as_tuple()
        p, h = cfg.pay, cfg.hours.zero_hours_hours_per_week
        care = entry.open_posts(S, ASC, True, np.array([1, 0, 0, 0]))
        placed = entry.hire_entrants(
            W,
            S,
            EV,
            self.n,
            self.international_due,
            *care,
            ABROAD,
            1,
            e.sponsorship_months,
            self.geo.place_la,
            lo,
            hi,
            p.experience_premium_per_year,
            p.qualification_premium,
            h,
            self.nlw,
            cfg.seed,
            self.month,
        )
        self.n += placed
        self.international_unplaced = self.international_due - placed
        nhs = entry.open_posts(S, NHS, False, np.array([0, 0, 1, 1]))
        self.n += entry.hire_entrants(
            W,
            S,
            EV,
            self.n,
            self.nhs_due,
            *nhs,
            NEW,
            0,
            0,
            self.geo.place_la,
            lo,
            hi,
            p.nhs_experience_premium_per_year,
            p.qualification_premium,
            h,
            self.nlw,
            cfg.seed,
            self.month,
        )
        self._make_worker_handles()

    def train(self) -> None:
        """Phase 7: qualifications, then promotion of Level 3 workers to senior posts."""
        t, w = self.cfg.training, self.workers
        steps = np.array([t.care_certificate_per_month, t.level2_per_month, t.level3_per_month])
        training.train(w.as_tuple(), self.n, steps, self.cfg.seed, self.month)
        eligible = (w.role[: self.n] == 0) & (w.qual[: self.n] >= QUAL_LEVEL3)
        self._reserve_events(int(eligible.sum()))
        training.promote(
            w.as_tuple(),
            self.sites.as_tuple(),
            self.events.as_tuple(),
            self.n,
            t.promotion_per_month,
            self.nlw,
            self.cfg.seed,
            self.month,
        )

    def account(self) -> None:
        """Phase 8: tally every stock and flow of the month."""
        tallies = accounting.tally_month(
            self.workers.as_tuple(),
            self.sites.as_tuple(),
            self.events.as_tuple(),
            self.n,
            len(self.geo.la_name),
            self.nlw,
        )
        self.recorder.record(self.month, tallies, self.nlw)

    # ---- helpers -------------------------------------------------------------------------
    def _due(self, name: str, per_year_england: float) -> int:
        """Whole entrants due this month: the scaled annual flow spread evenly over months."""
        total = getattr(self, "_cum_" + name, 0.0)
        new = total + per_year_england * self.cfg.scale / 12.0
        setattr(self, "_cum_" + name, new)
        return math.floor(new) - math.floor(total)

    def _ensure_capacity(self, rows: int) -> None:
        if rows > self.workers.capacity:
            self.workers.grow(int(rows * 1.25))
            self._scratch = np.zeros(self.workers.capacity, np.int64)
            self._flags = np.zeros(self.workers.capacity, np.int8)

    def _reserve_events(self, extra: int) -> None:
        ev = self.events
        need = int(ev.n[0]) + extra
        if need > ev.ints.shape[0]:
            bigger = Events.empty(int(need * 1.5))
            k = int(ev.n[0])
            bigger.ints[:k], bigger.floats[:k], bigger.n[0] = ev.ints[:k], ev.floats[:k], k
            self.events = bigger

    def _make_worker_handles(self) -> None:
        if self.cfg.handles == "all":
            made = len(self._worker_handles)
            self._worker_handles.extend(Worker(self, row) for row in range(made, self.n))

    def site_agent(self, row: int) -> mesa.Agent | None:
        """The Mesa agent of a care provider or NHS trust row (None for -1 or outside jobs)."""
        return self._site_handles.get(row)

    def worker_agent(self, row: int) -> Worker:
        """The Mesa agent of worker ``row`` (created on demand when ``handles=employers``)."""
        if row < len(self._worker_handles):
            return self._worker_handles[row]
        if not 0 <= row < self.n:
            raise IndexError(f"worker row {row} is not in 0..{self.n - 1}")
        return Worker(self, row)
