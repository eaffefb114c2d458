"""Mesa agents: handles onto rows of the model's arrays, and the model's rules in plain Python.

The state lives in struct-of-arrays form (``sim.state``); an agent reads and writes its row,
so a user can inspect any worker or employer the Mesa way (``model.agents_by_type[Worker]``).
The behaviour methods state each phase's rule for one agent; the reference engine
(``sim.engines.reference``) activates them through Mesa's AgentSet, and they call the same scalar
formulas (utility, hazards, pay) as the numba kernels, so the two engines can only differ in
orchestration.
"""

from __future__ import annotations

import itertools
import weakref

import mesa

from sim.kernels.choice import (
    eligible,
    job_value,
    non_employment_value,
    switching_cost,
    worker_search_probability,
)
from sim.kernels.demand import whole_posts
from sim.kernels.geometry import haversine_km
from sim.kernels.moves import move
from sim.kernels.pay import levered_rate, personal_pay, premium_after, site_rate
from sim.kernels.search import sample_area
from sim.kernels.separations import exit_scale, separation_destination
from sim.kernels.training import step_probability
from sim.rng import (
    STREAM_CONTRACT,
    STREAM_OFFER,
    STREAM_ORDER,
    STREAM_PROMOTION,
    STREAM_SEARCH,
    STREAM_SEPARATION,
    STREAM_TASTE,
    STREAM_TRAINING,
    below,
    gumbel,
    key_hash,
    uniform,
)
from sim.state import (
    ASC,
    NHS,
    NONEMP,
    OUTSIDE,
    OWNER_LA,
    QUAL_LEVEL3,
    QUAL_NAMES,
    ROLE_NAMES,
    SETTING_NAMES,
    STATUS_NAMES,
    T_EXPERIENCE_STEP,
    T_QUALIFICATION_STEP,
)


class _IdCounters(weakref.WeakKeyDictionary):
    """Per-model counters of agents' unique ids, holding each model only weakly.

    Mesa 3.3's ``Agent._ids`` is a class-level ``defaultdict`` keyed by the model, so every
    model that ever created an agent stays alive, with all its arrays, until the process
    ends (mesa issue #3179, fixed in mesa PR #3180 after the 3.3 series). A calibration or
    sweep worker builds thousands of models; this counter lets them be collected.
    """

    def __getitem__(self, model: mesa.Model) -> itertools.count:
        counter = self.get(model)
        if counter is None:
            counter = self[model] = itertools.count(1)
        return counter


class _CareAgent(mesa.Agent):
    """Base of this model's agents: Mesa's agent with ids counted per model, weakly held."""

    _ids = _IdCounters()


class Worker(_CareAgent):
    """A person in (or able to enter) the care and NHS workforce; row ``row`` of the arrays."""

    def __init__(self, model: mesa.Model, row: int):
        super().__init__(model)
        self.row = row

    @property
    def _w(self):
        return self.model.workers

    @property
    def status(self) -> str:
        """Sector or state: asc, nhs, outside, non_employed, abroad or retired."""
        return STATUS_NAMES[self._w.status[self.row]]

    @property
    def employer(self) -> mesa.Agent | None:
        """The care provider or NHS trust employing the worker (None otherwise)."""
        return self.model.site_agent(int(self._w.site[self.row]))

    @property
    def role(self) -> str:
        """Role of the current (or last) job."""
        return ROLE_NAMES[self._w.role[self.row]]

    @property
    def qualification(self) -> str:
        """Highest care qualification."""
        return QUAL_NAMES[self._w.qual[self.row]]

    @property
    def age_years(self) -> float:
        """Age in years."""
        return self._w.age_months[self.row] / 12.0

    @property
    def pay_per_hour(self) -> float:
        """Hourly pay, GBP (0 when not employed)."""
        return float(self._w.pay_per_hour[self.row])

    @pay_per_hour.setter
    def pay_per_hour(self, value: float) -> None:
        self._w.pay_per_hour[self.row] = value

    @property
    def commute_km(self) -> float:
        """Home-to-work distance, km."""
        return float(self._w.commute_km[self.row])

    @property
    def zero_hours(self) -> bool:
        """Whether the contract is zero-hours."""
        return bool(self._w.zero_hours[self.row])

    @property
    def international(self) -> bool:
        """Whether the worker was recruited from abroad."""
        return bool(self._w.international[self.row])

    @property
    def home_area(self) -> str:
        """Local authority of the home."""
        return str(self.model.geo.la_name[self._w.home_la[self.row]])

    # ---- behaviour, used by the reference (Mesa) engine; formulas shared with the kernels --
    def age_and_decide(self, ctx) -> None:
        """Phase 4a: age a month and draw this month's separation (``self.dest``, -1 = none)."""
        w, i = self._w, self.row
        self.dest = -1
        if w.status[i] > NONEMP:
            return
        w.age_months[i] += 1
        w.tenure_months[i] += 1
        if w.sponsor_months[i] > 0:
            w.sponsor_months[i] -= 1
        u1 = uniform(ctx.seed, STREAM_SEPARATION, ctx.month, i, 0)
        u2 = uniform(ctx.seed, STREAM_SEPARATION, ctx.month, i, 1)
        self.dest = separation_destination(
            ctx.hazards,
            w.status[i],
            w.international[i],
            w.sponsor_months[i],
            w.age_months[i],
            exit_scale(self.model.sites.terms, w.site[i], w.qual[i]),
            u1,
            u2,
        )

    def separate(self, ctx) -> None:
        """Phase 4b: carry out the drawn separation."""
        if self.dest >= 0:
            move(
                self.row,
                self.dest,
                -1,
                self._w.role[self.row],
                0,
                0.0,
                0.0,
                0.0,
                ctx.W,
                ctx.S,
                ctx.EV,
                ctx.nlw,
            )

    def update_pay(self, ctx) -> None:
        """Phase 3c: take the employer's current rate, with tenure and qualification steps."""
        w, i = self._w, self.row
        s = w.site[i]
        if s < 0 or w.status[i] > OUTSIDE:
            w.pay_per_hour[i] = 0.0
            return
        sites = self.model.sites
        w.pay_per_hour[i] = personal_pay(
            sites.pay_per_hour[s, w.role[i]],
            w.tenure_months[i],
            w.qual[i],
            sites.terms[s, T_EXPERIENCE_STEP],
            sites.terms[s, T_QUALIFICATION_STEP],
        )

    def decide_search(self, ctx) -> None:
        """Phase 5a: draw whether to search this month (``self.searching``)."""
        w, i = self._w, self.row
        self.searching = False
        if w.status[i] > NONEMP:
            return
        s = w.site[i]
        la = self.model.sites.la[s] if s >= 0 else 0
        nhs_rate = ctx.nhs_pay_by_la[la, min(w.role[i], 2)] if s >= 0 else 1.0
        p = worker_search_probability(
            ctx.beta,
            w.status[i],
            w.role[i],
            w.pay_per_hour[i],
            nhs_rate,
            w.zero_hours[i],
            w.commute_km[i],
            ctx.la_rural[w.home_la[i]],
        )
        self.searching = uniform(ctx.seed, STREAM_SEARCH, ctx.month, i, 0) < p
        if self.searching:
            self.order_key = int(key_hash(ctx.seed, STREAM_ORDER, ctx.month, i, 0) >> 1)

    def draw_offers(self, ctx) -> None:
        """Phase 5b: sample options, keep those that beat staying (``self.offers``)."""
        w, i, sites, geo = self._w, self.row, self.model.sites, self.model.geo
        st, s0, hl, hp = w.status[i], w.site[i], w.home_la[i], w.home_place[i]
        rural, tied = ctx.la_rural[hl], w.sponsor_months[i] > 0
        if st == NONEMP:
            stay = non_employment_value(ctx.beta, ctx.nlw, ctx.outside_hours)
        else:
            stay = job_value(
                ctx.beta,
                w.pay_per_hour[i],
                w.hours_per_week[i],
                sites.conditions[s0],
                w.commute_km[i],
                rural,
                w.zero_hours[i],
                st,
                sites.commute_weight[s0],
            )
        stay += ctx.taste * gumbel(ctx.seed, STREAM_TASTE, ctx.month, i, 0)
        self.offers = []
        for k in range(ctx.n_offers + 1):
            if k == 0:
                if st == OUTSIDE or tied:
                    continue
                s, r, j = ctx.outside_site_of_la[hl], 0, -1
            else:
                u = uniform(ctx.seed, STREAM_OFFER, ctx.month, i, 2 * k)
                area = sample_area(
                    ctx.reach_ptr, ctx.reach_idx, hl, ctx.open_count, ctx.reach_open, u
                )
                if area < 0:
                    break
                j = ctx.ptr[area] + below(
                    ctx.seed, STREAM_OFFER, ctx.month, i, 2 * k + 1, ctx.open_count[area]
                )
                s, r = ctx.slot_site[j], ctx.slot_role[j]
                if s == s0 or not eligible(
                    r, w.qual[i], w.role[i], st, sites.sector[s], ctx.nhs_support_min_qual
                ):
                    continue
                if tied and (sites.sector[s] != ASC or sites.sponsor[s] == 0):
                    continue
            u = uniform(ctx.seed, STREAM_CONTRACT, ctx.month, i, k)
            zh = 1 if u < sites.zero_hours_share[s] else 0
            hours = ctx.zh_hours if zh == 1 else sites.hours_per_week[s]
            sector = sites.sector[s]
            pay = personal_pay(
                sites.pay_per_hour[s, r],
                0,
                w.qual[i],
                sites.terms[s, T_EXPERIENCE_STEP],
                sites.terms[s, T_QUALIFICATION_STEP],
            )
            km = haversine_km(
                geo.place_lat_deg[hp],
                geo.place_lon_deg[hp],
                geo.place_lat_deg[sites.place[s]],
                geo.place_lon_deg[sites.place[s]],
            )
            value = job_value(
                ctx.beta,
                pay,
                hours,
                sites.conditions[s],
                km,
                rural,
                zh,
                sector,
                sites.commute_weight[s],
            )
            value -= switching_cost(ctx.beta, ctx.sector_switch, sites.terms, st, s0, sector, s)
            value += ctx.taste * gumbel(ctx.seed, STREAM_TASTE, ctx.month, i, 1 + k)
            if value > stay:
                self.offers.append((value, j, s, r, zh, hours, pay, km))

    def take_best_offer(self, ctx) -> None:
        """Phase 5c: in turn, move to the best option whose vacancy is still open."""
        still_open = [o for o in self.offers if o[1] < 0 or not ctx.taken[o[1]]]
        if not still_open:
            return
        best = still_open[0]
        for offer in still_open[1:]:
            if offer[0] > best[0]:
                best = offer
        _, j, s, r, zh, hours, pay, km = best
        if j >= 0:
            ctx.taken[j] = True
        sector = self.model.sites.sector[s]
        move(self.row, sector, s, r, zh, hours, pay, km, ctx.W, ctx.S, ctx.EV, ctx.nlw)

    def train(self, ctx) -> None:
        """Phase 7a: an employed care or support worker may gain the next qualification."""
        w, i = self._w, self.row
        if w.status[i] in (ASC, NHS) and w.role[i] == 0 and w.qual[i] < QUAL_LEVEL3:
            b = ctx.boost[w.site[i]] if w.qual[i] < 2 else 1.0
            p = step_probability(ctx.p_step[w.qual[i]], b)
            if uniform(ctx.seed, STREAM_TRAINING, ctx.month, i, 0) < p:
                w.qual[i] += 1
                ctx.funded += int(b > 1.0)

    def promote(self, ctx) -> None:
        """Phase 7b: a Level 3 care or support worker may take an open senior post."""
        w, i, sites = self._w, self.row, self.model.sites
        s = w.site[i]
        if s < 0 or w.role[i] != 0 or w.qual[i] < QUAL_LEVEL3 or w.status[i] > NHS:
            return
        if sites.posts[s, 1] <= sites.filled[s, 1]:
            return
        if uniform(ctx.seed, STREAM_PROMOTION, ctx.month, i, 0) < ctx.p_promote:
            move(
                i,
                w.status[i],
                s,
                1,
                w.zero_hours[i],
                w.hours_per_week[i],
                w.pay_per_hour[i],
                w.commute_km[i],
                ctx.W,
                ctx.S,
                ctx.EV,
                ctx.nlw,
            )


class _Site(_CareAgent):
    """An employer; row ``row`` of the site arrays."""

    def __init__(self, model: mesa.Model, row: int):
        super().__init__(model)
        self.row = row

    @property
    def area(self) -> str:
        """Local authority of the workplace."""
        return str(self.model.geo.la_name[self.model.sites.la[self.row]])

    @property
    def ics(self) -> str:
        """Integrated care system of the workplace."""
        geo = self.model.geo
        return str(geo.ics_name[geo.la_ics[self.model.sites.la[self.row]]])

    @property
    def posts(self) -> int:
        """Funded posts, all roles."""
        return int(self.model.sites.posts[self.row].sum())

    @property
    def filled(self) -> int:
        """Filled posts, all roles."""
        return int(self.model.sites.filled[self.row].sum())

    @property
    def vacancies(self) -> int:
        """Funded posts not filled."""
        return max(self.posts - self.filled, 0)

    def pay_per_hour(self, role: str = "care_worker") -> float:
        """Hourly pay offered for a role, GBP."""
        return float(self.model.sites.pay_per_hour[self.row, ROLE_NAMES.index(role)])

    # ---- behaviour, used by the reference (Mesa) engine ---------------------------------
    def grow_posts(self, ctx) -> None:
        """Phase 2: funded posts follow demand (outside employers: posts = staff)."""
        sites, s = self.model.sites, self.row
        for r in range(sites.posts.shape[1]):
            if sites.sector[s] == OUTSIDE:
                sites.posts_target[s, r] = sites.filled[s, r]
                sites.posts[s, r] = sites.filled[s, r]
            else:
                sites.posts_target[s, r] *= ctx.growth[sites.sector[s]]
                sites.posts[s, r] = max(
                    whole_posts(
                        sites.posts_target[s, r], ctx.posts_per_need[s], sites.round_offset[s, r]
                    ),
                    sites.filled[s, r],
                )

    def set_pay(self, ctx) -> None:
        """Phase 3a-b: care employers adjust their premium, then every role's rate is set."""
        sites, s, lv = self.model.sites, self.row, ctx.levers
        if sites.sector[s] == ASC and ctx.adjust_premiums:
            sites.premium[s] = premium_after(
                sites.premium[s],
                sites.posts[s].sum(),
                sites.filled[s].sum(),
                sites.headroom[s],
                ctx.pay_response,
                ctx.target_vacancy_rate,
                lv.premium_boost[s],
            )
        in_london = self.model.geo.la_region[sites.la[s]] == self.model.london
        for r in range(sites.pay_per_hour.shape[1]):
            base = site_rate(
                sites.sector[s],
                sites.owner[s],
                sites.premium[s],
                in_london,
                ctx.nlw,
                ctx.nhs_rates[r],
                ctx.role_ratio[r],
                ctx.la_owned_premium,
                ctx.london_supplement,
            )
            sites.pay_base[s, r] = base
            if sites.sector[s] == ASC:
                base = levered_rate(
                    base,
                    lv.floor[s, r],
                    lv.parity_share[s],
                    lv.parity_rate[s, r],
                    lv.supplement[s, r],
                )
            sites.pay_per_hour[s, r] = base

    def staff(self) -> list[Worker]:
        """The workers employed here (needs worker handles)."""
        return [
            w for w in self.model.agents_by_type.get(Worker, []) if w._w.site[w.row] == self.row
        ]


class CareProvider(_Site):
    """A care establishment (residential, nursing, domiciliary or community)."""

    @property
    def setting(self) -> str:
        """Care setting."""
        return SETTING_NAMES[self.model.sites.setting[self.row]]

    @property
    def council_run(self) -> bool:
        """Whether the local authority runs it."""
        return bool(self.model.sites.owner[self.row] == OWNER_LA)

    @property
    def sponsor_licence(self) -> bool:
        """Whether it may sponsor international recruits."""
        return bool(self.model.sites.sponsor[self.row])


class NHSTrust(_Site):
    """An NHS trust, paying Agenda for Change rates."""


class OutsideEmployer(_Site):
    """The outside-sector jobs of one area (retail, hospitality...): posts match staff."""
