"""The Mesa model: state arrays, Mesa handles, and ``step`` as the monthly recipe."""

from __future__ import annotations

import copy
import math

import mesa
import numpy as np
from tqdm.auto import tqdm

from sim import calendar
from sim.agents import CareProvider, NHSTrust, OutsideEmployer, Worker
from sim.config import SimConfig, load_config
from sim.config.memory import refuse_if_too_large
from sim.engines import entry
from sim.engines.invariants import InvariantChecker
from sim.engines.numba_engine import NumbaEngine
from sim.engines.reference import MesaEngine
from sim.kernels import accounting, separations
from sim.kernels.choice import behaviour_vector
from sim.output.tables import Recorder
from sim.policies.attribution import attribute_pay_uplift
from sim.policies.levers import base_terms, lever_numbers, nlw_multiplier, site_masks
from sim.state import ASC, NHS, OUTSIDE, Events
from sim.world import cohorts, pay_scales, reward
from sim.world.geography import build_geography, reachable_las
from sim.world.market import ProviderMarket
from sim.world.population import build_population


class CareWorkforceModel(mesa.Model):
    """England's adult social care and NHS labour market, one step a month.

    Args:
        cfg: A validated config (``sim.load_config``); defaults to the baseline.

    Attributes:
        workers, sites: Struct-of-arrays state (``sim.state``).
        n: Worker rows in use.
        month: The month to simulate next: 0 is April 2024, negative in the warm-up
            (``warm_up_months`` before it, simulated under April 2024 conditions and not
            recorded).
        recorder: The monthly tallies, turned into tables by ``tables()``.
        base_reward: Each site's total reward beyond basic pay with no lever on, shares of
            basic pay, shape (S, N_REWARD) (``sim.world.reward``).
        nhs_reward, nhs_non_wage: The NHS's parts of total reward beyond basic pay (N_REWARD,)
            and their sum: what a care worker's pay parity compares with.
    """

    def __init__(self, cfg: SimConfig | None = None):
        cfg = cfg if cfg is not None else load_config()
        refuse_if_too_large(cfg)
        super().__init__(seed=cfg.seed)
        self.cfg = cfg
        self.geo = build_geography()
        self.workers, self.sites, self.n = build_population(cfg, self.geo)
        self.month = -cfg.warm_up_months
        self.horizon = 12 * cfg.years
        self.events = Events.empty(self.n // 4 + 1000)
        self.beta = behaviour_vector(cfg.behaviour)
        self.hazards = separations.hazard_vector(cfg.separation)
        self.reach_ptr, self.reach_idx = reachable_las(self.geo, cfg.behaviour.reach_km)
        self.place_cum_pop = np.cumsum(self.geo.place_pop) / self.geo.place_pop.sum()
        self.london = int(np.flatnonzero(self.geo.region_name == "London")[0])
        p = cfg.pay
        self.experience_by_sector = np.array(  # NHS pay rises by pay points instead
            [p.experience_premium_per_year, 0.0, p.outside_experience_premium_per_year]
        )
        self.nhs_pay_points = pay_scales.nhs_pay_by_year_in_post(p.nurse_band6_after_years)
        self.nhs_reward = reward.nhs_parts(cfg.reward)  # the parity comparator's package
        self.nhs_non_wage = sum(float(part) for part in self.nhs_reward)
        self.recorder = Recorder(self)
        self._entry_counters: dict[str, tuple[int, float, int]] = {}
        self.lever_masks = site_masks(self)
        self.base_terms = base_terms(self)
        self.base_reward = self.sites.reward.copy()
        self.post_growth = np.array(cfg.demand.post_growth_per_month())  # by sector
        b = cfg.behaviour
        self.p_listed = np.array(  # chance an open post is open to applicants, by sector
            [1.0 / b.asc_time_to_hire_months, 1.0 / b.nhs_time_to_hire_months, 1.0]
        )
        self._site_base = {
            name: getattr(self.sites, name).copy() for name in ("headroom", "zero_hours_share")
        }
        self._scratch = np.zeros(self.workers.capacity, np.int64)
        self._flags = np.zeros(self.workers.capacity, np.int8)
        self._site_handles: dict[int, mesa.Agent] = {}
        kinds = {ASC: CareProvider, NHS: NHSTrust, OUTSIDE: OutsideEmployer}
        for s in range(self.sites.n):
            self._site_handles[s] = kinds[int(self.sites.sector[s])](self, s)
        self._worker_handles: list[Worker] = []  # made on first use (``agents``)
        self.market = ProviderMarket(cfg.market, self.sites, self.geo, cfg.seed)
        self.engine = MesaEngine(self) if cfg.engine == "mesa" else NumbaEngine(self)
        self.apply_calendar()
        self.engine.set_pay(adjust_premiums=False)
        self.invariants = InvariantChecker(self) if cfg.check_invariants else None

    # ---- the monthly recipe ------------------------------------------------------------
    def step(self) -> None:
        """Advance one month in the process order of docs/ODD.md section 3."""
        self.apply_calendar()  # 1. dated rates and inflows in force this month
        self.grow_demand()  # 2. funded posts follow need
        self.set_pay()  # 3. employers' offers, national scales, legal floors
        self.separate()  # 4. ageing, retirement, exits, returns abroad, lost sponsors
        self.search_and_match()  # 5. on-the-job and non-employed search, hiring
        self.enter()  # 6. young entrants and international recruits
        self.train()  # 7. qualifications and promotion
        self.account()  # 8. stocks and flows of the month (recorded from April 2024)
        if self.invariants:  # checked mode: stop at the first broken invariant
            self.invariants.check(self)
        self.month += 1
        self.running = self.month < self.horizon

    def run(self, progress: bool | None = None) -> CareWorkforceModel:
        """Run the warm-up and on to the horizon (``years``), with an optional progress bar."""
        show = self.cfg.progress if progress is None else progress
        for _ in tqdm(range(self.horizon - self.month), desc="months", disable=not show):
            self.step()
        return self

    def tables(self) -> dict:
        """Tidy tables of the months run so far (see ``sim.output.tables``).

        Before the first reported month (April 2024) they have their columns and no rows.
        """
        if self.recorder.months:
            return self.recorder.tables()
        template = copy.copy(self.recorder)
        template.__init__(self)
        tallies, market = self._tally()[:-1], dict(self.market.month)
        template.record(0, tallies, self.nlw, self.band3_entry, {}, market)
        return {name: df.iloc[:0].reset_index(drop=True) for name, df in template.tables().items()}

    # ---- phases --------------------------------------------------------------------------
    def apply_calendar(self) -> None:
        """Phase 1: the NLW, Agenda for Change rates, policy levers and inflows this month.

        Warm-up months take April 2024's rates and inflows; levers start in April 2024 or later.
        """
        cfg, m = self.cfg, max(self.month, 0)
        self.nlw = pay_scales.nlw_per_hour(cfg.pay, m) * nlw_multiplier(cfg.policies, self.month)
        rates = pay_scales.afc_per_hour(cfg.pay, m)
        london = np.where(self.geo.la_region == self.london, 1.0 + cfg.pay.london_supplement, 1.0)
        self.nhs_rates = rates
        self.band3_entry = pay_scales.afc_support_entry(cfg.pay, m)[1]
        self.nhs_pay_by_la = london[:, None] * rates[None, :]
        self.levers = levers = lever_numbers(self)
        s = self.sites
        fees = pay_scales.fee_headroom(cfg.pay, m, self._site_base["headroom"])
        s.headroom[:] = fees + levers.headroom_extra
        s.reward[:] = levers.reward
        s.zero_hours_share[:] = self._site_base["zero_hours_share"] * levers.zero_hours_scale
        s.commute_weight[:] = levers.commute_weight
        s.terms[:] = levers.terms
        self.posts_per_need = levers.posts_per_need
        e = cfg.entry
        intake = e.international_recruits_per_year
        baseline_intake = calendar.year_value(intake, m)
        override = levers.international_per_year
        self.international_due = self._due(
            "intl", baseline_intake if override is None else override
        )
        cohort = cohorts.cohort_turning_18(calendar.fy_index(m))
        self.young_due = self._due("young", e.young_entrant_share_of_cohort * cohort)
        self.non_british_share_of_entrants = calendar.year_value(e.non_british_share_of_entrants, m)
        pipeline = (1 + e.nhs_entrants_growth_per_year) ** (m / 12)
        self.nhs_due = self._due("nhs", e.nhs_professional_entrants_per_year * pipeline)

    def grow_demand(self) -> None:
        """Phase 2: new providers enter; funded posts grow with the 65+ population and plans.

        A new provider takes a closed provider's place and posts where fees allow
        (``sim.world.market``). Posts grow through the warm-up too, at their 2024/25 rates,
        from stocks built that much below April 2024's (``sim.world.population.start_scale``).
        """
        for row in self.market.enter(self):
            self._site_handles[int(row)] = CareProvider(self, int(row))
        self.engine.grow_demand()

    def set_pay(self) -> None:
        """Phase 3: care employers adjust premiums to vacancies; every rate is set."""
        self.engine.set_pay(adjust_premiums=True)

    def separate(self) -> None:
        """Phase 4: everyone ages a month; retirements, exits and returns abroad.

        Then staff sponsored by employers that lost their licence this month lose their job,
        and providers that ran out of reserves close (shared bookkeeping for both engines).
        """
        self.events.clear()
        self.engine.separate()
        entry.displace_sponsored(self)
        for row in self.market.close(self):
            self._site_handles.pop(int(row)).remove()

    def search_and_match(self) -> None:
        """Phase 5: searchers sample vacancies within reach and take the best offer."""
        self.engine.search_and_match()

    def enter(self) -> None:
        """Phase 6: entrants, recruits, and the wider population refilling outside jobs.

        Young entrants join the non-employed pool; recruits take care and NHS posts; the
        wider population fills the outside sector back to the economy-wide vacancy rate.
        """
        entry.enter(self)

    def train(self) -> None:
        """Phase 7: qualifications, then promotion of Level 3 workers to senior posts."""
        self.engine.train()

    def record_training(self, funded_completions: int) -> None:
        """Count the cost of this month's funded qualification completions (England, GBP)."""
        cost = funded_completions * self.levers.cost_per_completion / self.cfg.scale
        if cost > 0:
            self.levers.costs[("training", "funded completions", "government")] = cost

    def account(self) -> None:
        """Phase 8: cost each pay lever's uplift; tally every stock and flow of the month.

        Providers book the month's income and costs; those out of reserves close next month.

        Warm-up months are checked but not recorded; the state at the warm-up's end is the
        reported run's start.
        """
        self.events.check(f"month {self.month}")
        if self.month < 0:
            if self.month == -1:
                self.recorder.start(self)
            return
        attribute_pay_uplift(self)
        *tallies, providers = self._tally()
        self.market.settle(self, providers)
        self.recorder.record(
            self.month,
            tuple(tallies),
            self.nlw,
            self.band3_entry,
            self.levers.costs,
            self.market.take_month(),
        )

    # ---- helpers -------------------------------------------------------------------------
    def _tally(self) -> tuple:
        """Every stock and flow of the month so far (``accounting.tally_month``)."""
        c = self.cfg.oncosts
        return accounting.tally_month(
            self.workers.as_tuple(),
            self.sites.as_tuple(),
            self.events.as_tuple(),
            self.n,
            len(self.geo.la_name),
            self.nlw,
            self.levers.funded_share,
            calendar.year_value(c.employer_ni_rate, self.month),
            calendar.year_value(c.employer_ni_threshold_per_year, self.month) / 12,
            c.sponsorship_per_recruit(self.month),
            self.market.row,
            self.market.n,
        )

    def _due(self, name: str, per_year_england: float) -> int:
        """Whole entrants due this month: the scaled annual flow spread over the months.

        The fractional remainder carries to the next month; asking twice in the same month
        gives the same answer.
        """
        month, carried, due = self._entry_counters.get(name, (-1, 0.0, 0))
        if month == self.month:
            return due
        total = carried + per_year_england * self.cfg.scale / 12.0
        due = math.floor(total)
        self._entry_counters[name] = (self.month, total - due, due)
        return due

    def listing(self) -> tuple[np.ndarray, int, int]:
        """``(p_listed, seed, month)``: which open posts are open to applicants this month.

        The arguments ``sim.kernels.vacancies.is_listed`` draws from, in the order the
        vacancy-listing kernels take them.
        """
        return self.p_listed, self.cfg.seed, self.month

    def ensure_capacity(self, rows: int) -> None:
        """Grow the worker arrays (and per-row scratch) to hold at least ``rows`` workers."""
        if rows > self.workers.capacity:
            self.workers.grow(int(rows * 1.25))
            self._scratch = np.zeros(self.workers.capacity, np.int64)
            self._flags = np.zeros(self.workers.capacity, np.int8)

    def _make_worker_handles(self) -> None:
        """With ``handles=all``, a Mesa agent for every worker row that has none yet.

        Made when the Mesa agents are first asked for (``agents``, ``agents_by_type``,
        ``worker_agent``), not at build or entry: a run that never reads them (the numba
        engine's) skips making hundreds of thousands of objects. Rows get their agents in
        row order, so unique ids are the same whenever they are made.
        """
        if self.cfg.handles == "all":
            made = len(self._worker_handles)
            self._worker_handles.extend(Worker(self, row) for row in range(made, self.n))

    @property
    def agents(self) -> mesa.agent.AgentSet:
        """Every Mesa agent: employers and (``handles=all``) workers."""
        self._make_worker_handles()
        return super().agents

    @property
    def agents_by_type(self) -> dict[type[mesa.Agent], mesa.agent.AgentSet]:
        """Mesa agents by class (``Worker``, ``CareProvider``, ``NHSTrust``, ...)."""
        self._make_worker_handles()
        return super().agents_by_type

    @property
    def agent_types(self) -> list[type[mesa.Agent]]:
        """The Mesa agent classes present."""
        self._make_worker_handles()
        return super().agent_types

    def site_agent(self, row: int) -> mesa.Agent | None:
        """The Mesa agent of an employer row (None for -1, not employed)."""
        return self._site_handles.get(row)

    def worker_agent(self, row: int) -> Worker:
        """The Mesa agent of worker ``row`` (created on demand when ``handles=employers``)."""
        self._make_worker_handles()
        if row < len(self._worker_handles):
            return self._worker_handles[row]
        if not 0 <= row < self.n:
            raise IndexError(f"worker row {row} is not in 0..{self.n - 1}")
        return Worker(self, row)
