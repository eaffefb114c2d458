"""The provider market: independent care providers' income against their costs.

Each independent care provider earns, for every hour its staff work, a council fee and a
self-funder price in its setting's mix; council fees follow the fee path
(``pay_scales.fee_index``), self-funder prices rise with each pound an hour of care costs
the provider more than in April 2024 (``market.self_funder_pass_through``: staff and other
costs, less government's money); government pays the funded part of any pay lever and any
fee uplift. Against this it pays its staff (the accounting
kernel's tally: pay, total reward and employer National Insurance) and other costs
(premises, food, insurance, travel) per hour of care, rising with the GDP deflator. In
April 2024 every provider's staff take its setting's share of income and it makes a margin
drawn per provider (``market.margin_mean``, ``margin_sd``); each provider's margin then
takes shocks that fade (``margin_shock_sd``, ``margin_shock_half_life_months``: occupancy,
contracts won or lost, costs the model does not hold; booked in other costs).

Surpluses and losses go to its reserves, which hold at most ``reserve_months`` of income; a
provider whose reserves run out closes at the start of the next month: its funded posts pass
to the other care employers of the same setting in its local authority (its integrated care
system's or region's where there are none nearer; held for a new provider where there are
none at all), and its staff move with them (``staff_transfer_share``) or are laid off and
search again. A new provider takes a closed provider's place at ``entry_rate_per_month``
while the area's open providers make at least ``entry_margin``, taking on the posts they
have not staffed.

Councils' own services are paid for by the council and do not close. Figures are at the
run's scale; the tables re-scale them to England.
"""

from __future__ import annotations

import numpy as np

from sim.calendar import fy_index
from sim.config.market import MarketConfig
from sim.config.prices import deflator_index
from sim.kernels import closures, demand
from sim.kernels.accounting import P_COST, P_HOURS, WEEKS
from sim.rng import STREAM_MARKET
from sim.state import ASC, OWNER_INDEPENDENT, OWNER_LA
from sim.world.pay_scales import fee_index

N_CARE_SETTINGS = 4
MARKET_COLUMNS = (
    "providers_open",
    "closures",
    "entries",
    "staff_laid_off",
    "staff_transferred",
    "hours_at_closing_providers",
    "hours_without_provider",
    "income_local_authorities",
    "income_self_funders",
    "income_government",
    "staff_cost",
    "other_cost",
    "surplus",
    "council_services_funded",
)
"""What the market records each month (counts and GBP or hours at the run's scale)."""


class ProviderMarket:
    """Finances, closures and entry of the independent care providers.

    Attributes:
        site: Site row of each provider on the market, shape (M,).
        row: Each site's index among them, -1 where not on the market, shape (S,).
        open: Whether each provider is trading, shape (M,).
        reserves: Each provider's reserves, GBP at the run's scale, shape (M,).
        closing: Providers whose reserves ran out at the last accounting, shape (M,).
        month: This month's ``MARKET_COLUMNS`` so far.
    """

    def __init__(self, cfg: MarketConfig, sites, geo, seed: int):
        self.cfg = cfg
        on = (sites.sector == ASC) & (sites.owner == OWNER_INDEPENDENT) & cfg.enabled
        self.site = np.flatnonzero(on)
        self.row = np.full(sites.n, -1, np.int64)
        self.row[self.site] = np.arange(self.site.size)
        m = self.site.size
        self.setting = sites.setting[self.site].astype(np.int64)
        self.n_areas = len(geo.la_name) * N_CARE_SETTINGS
        asc = sites.sector == ASC
        la = sites.la.astype(np.int64)
        self.areas = [  # each care site's setting within its LA, ICS and region; -1 if not care
            np.where(asc, code * N_CARE_SETTINGS + sites.setting, -1)
            for code in (la, geo.la_ics[la].astype(np.int64), geo.la_region[la].astype(np.int64))
        ]
        self.area = self.areas[0][self.site]  # each provider's setting within its LA
        # the sites of each area, in row order: ``order[lo:hi]`` with ``lo, hi`` from
        # searching the sorted codes, so finding a closing site's neighbours reads its group
        self.groups = []
        for area in self.areas:
            order = np.argsort(area, kind="stable")
            self.groups.append((order, area[order]))
        self.self_funder_share = self._setting("self_funder_share")
        self.council_services = np.flatnonzero((sites.sector == ASC) & (sites.owner == OWNER_LA))
        self.seed = seed
        rng = np.random.default_rng(np.random.SeedSequence([seed, STREAM_MARKET]))
        self.margin0 = rng.normal(cfg.margin_mean, cfg.margin_sd, m)
        self.shock = np.zeros(m)  # each provider's margin shock, share of income
        self.open = np.ones(m, bool)
        self.closing = np.zeros(m, bool)
        self.reserves = np.zeros(m)
        self.pending = np.zeros((m, sites.posts.shape[1]))
        self.share = np.zeros(m)
        self.area_margin = np.full(self.n_areas, np.nan)
        self.setting_margin = np.full(N_CARE_SETTINGS, np.nan)
        self.hours = np.zeros(m)
        # April 2024's staff cost, council fee, self-funder price, other costs and all costs
        # of an hour of care, GBP (``_start``)
        self.cost0, self.fee0, self.private0, self.other0, self.unit0 = np.zeros((5, m))
        self.started = False
        self.month = dict.fromkeys(MARKET_COLUMNS, 0.0)

    @property
    def n(self) -> int:
        """Providers on the market (open or closed places)."""
        return self.site.size

    def _setting(self, name: str) -> np.ndarray:
        return np.asarray(getattr(self.cfg, name), float)[self.setting]

    def _start(self, hours: np.ndarray, staff: np.ndarray) -> None:
        """Anchor April 2024's prices and other costs on each provider's own staff costs.

        Args:
            hours: Hours each provider's staff worked in April 2024, shape (M,).
            staff: What they cost it beyond government's money for levers, GBP, shape (M,).
        """
        staffed = hours > 0
        typical = np.median(staff[staffed] / hours[staffed]) if staffed.any() else 1.0
        self.cost0 = np.where(staffed, staff / np.where(staffed, hours, 1.0), typical)
        price = self.cost0 / self._setting("staff_cost_share")
        self.fee0 = price / (
            1.0 + self._setting("self_funder_share") * self._setting("self_funder_premium")
        )
        self.private0 = self.fee0 * (1.0 + self._setting("self_funder_premium"))
        self.other0 = price * (1.0 - self._setting("staff_cost_share") - self.margin0)
        self.unit0 = self.cost0 + self.other0
        self.reserves = self.cfg.reserve_months * price * hours
        self.started = True

    def settle(self, model, tally: np.ndarray) -> None:
        """Book this month's income and costs (phase 8); flag providers out of reserves.

        Args:
            model: The model (its month, sites, levers and config).
            tally: Each provider's staff hours and staff cost this month, shape
                (M, N_PROVIDER) (``accounting.tally_month``).
        """
        s, cfg = model.sites, self.cfg
        hours, staff = tally[:, P_HOURS], tally[:, P_COST]
        self.hours = hours
        paid = model.levers.funded_gbp + model.levers.fees_gbp  # government, for the levers
        income_gov = paid[self.site]
        if not self.started:
            self._start(hours, staff - income_gov)
        growth = model.cfg.prices.deflator_growth_per_year
        other_per_hour = self.other0 * deflator_index(growth, [fy_index(model.month)])[0]
        unit = (
            np.where(  # what an hour costs the provider beyond government's money
                hours > 0, (staff - income_gov) / np.where(hours > 0, hours, 1.0), self.cost0
            )
            + other_per_hour
        )
        sf = self.self_funder_share
        fee = self.fee0 * fee_index(model.cfg.pay, model.month)
        private = self.private0 + cfg.self_funder_pass_through * (unit - self.unit0)
        income_la = hours * (1.0 - sf) * fee
        income_sf = hours * sf * private
        income = income_la + income_sf + income_gov
        other = other_per_hour * hours  # before this month's shock
        op = self.open
        if model.month > 0:  # April 2024's margins are the drawn ones
            monthly = np.random.default_rng(
                np.random.SeedSequence([self.seed, STREAM_MARKET, model.month])
            ).standard_normal(self.n)
            keep = 0.5 ** (1.0 / cfg.margin_shock_half_life_months)
            step = cfg.margin_shock_sd * np.sqrt(1.0 - keep**2)
            self.shock[op] = keep * self.shock[op] + step * monthly[op]
        other -= self.shock * income  # a good month is a cost saved, a bad one a cost incurred
        surplus = income - staff - other
        before = self.reserves[op]  # a surplus tops reserves up to the cap, a loss draws on them
        after = before + surplus[op]
        cap = np.maximum(before, cfg.reserve_months * income[op])
        self.reserves[op] = np.where(surplus[op] > 0, np.minimum(after, cap), after)
        self.closing = op & (self.reserves < 0)
        self.area_margin = _margin(self.area[op], surplus[op], income[op], self.n_areas)
        self.setting_margin = _margin(self.setting[op], surplus[op], income[op], N_CARE_SETTINGS)
        pending = self.pending.sum(axis=1) * s.hours_per_week[self.site] * WEEKS
        self.month.update(
            providers_open=float(op.sum()),
            hours_without_provider=float(pending.sum()),
            income_local_authorities=float(income_la[op].sum()),
            income_self_funders=float(income_sf[op].sum()),
            income_government=float(income_gov[op].sum()),
            staff_cost=float(staff[op].sum()),
            other_cost=float(other[op].sum()),
            surplus=float(surplus[op].sum()),
            council_services_funded=float(paid[self.council_services].sum()),
        )

    def take_month(self) -> dict:
        """This month's record, and a fresh one for the next month."""
        out, self.month = self.month, dict.fromkeys(MARKET_COLUMNS, 0.0)
        return out

    def close(self, model) -> np.ndarray:
        """Close the providers out of reserves (phase 4); returns their site rows.

        Their funded posts pass to the other care employers of the same setting nearby
        (``_receivers``), pro rata to their posts; then their staff move with the posts
        (``market.staff_transfer_share``) or are laid off (events logged).
        """
        k_closing = np.flatnonzero(self.closing)
        self.closing[:] = False
        if k_closing.size == 0:
            return k_closing
        m, s = model, model.sites
        rows = self.site[k_closing]
        slot = np.full(s.n, -1, np.int64)
        slot[rows] = np.arange(rows.size)
        self.open[k_closing] = False  # so none of them receives another's posts
        receivers = [self._hand_over(m, k, row) for k, row in zip(k_closing, rows, strict=True)]
        ptr = np.concatenate([[0], np.cumsum([r.size for r in receivers])]).astype(np.int64)
        m.events.reserve(int(s.filled[rows].sum()))  # every one of their staff moves
        laid_off, transferred = closures.close_sites(
            m.workers.as_tuple(),
            s.as_tuple(),
            m.events.as_tuple(),
            n=m.n,
            slot=slot,
            recv_ptr=ptr,
            recv_idx=np.concatenate([*receivers, np.zeros(0, np.int64)]).astype(np.int64),
            transfer_share=self.cfg.staff_transfer_share,
            place_lat=m.geo.place_lat_deg,
            place_lon=m.geo.place_lon_deg,
            nlw=m.nlw,
            seed=m.cfg.seed,
            month=m.month,
        )
        s.posts[rows] = 0
        self.reserves[k_closing] = 0.0
        self.month["closures"] += k_closing.size
        self.month["staff_laid_off"] += laid_off
        self.month["staff_transferred"] += transferred
        self.month["hours_at_closing_providers"] += float(self.hours[k_closing].sum())
        return rows

    def _receivers(self, sites, row: int) -> np.ndarray:
        """Trading care employers in ``row``'s setting, except ``row``, nearest first.

        Those in its local authority; where there are none, in its integrated care system;
        then in its region; else none.
        """
        for area, (order, codes) in zip(self.areas, self.groups, strict=True):
            lo, hi = (
                np.searchsorted(codes, area[row], "left"),
                np.searchsorted(codes, area[row], "right"),
            )
            same = order[lo:hi]
            k = self.row[same]
            trading = (k < 0) | self.open[np.maximum(k, 0)]
            found = same[trading & (same != row)]
            if found.size:
                return found
        return found

    def _hand_over(self, model, k: int, row: int) -> np.ndarray:
        """Pass ``row``'s posts to its receivers (or hold them); returns the receivers."""
        s = model.sites
        target = s.posts_target[row].copy()
        to = self._receivers(s, row)
        if to.size:
            weight = s.posts_target[to].sum(axis=1)
            weight = weight / weight.sum() if weight.sum() > 0 else np.full(to.size, 1 / to.size)
            area_total = s.posts_target[to].sum() + target.sum()
            self.share[k] = target.sum() / area_total if area_total > 0 else 0.0
            s.posts_target[to] += weight[:, None] * target[None, :]
            demand.refresh_posts(
                s.posts_target, s.round_offset, s.posts, s.filled, model.posts_per_need, to
            )
        else:
            self.pending[k] = target
        s.posts_target[row] = 0.0
        return to.astype(np.int64)

    def enter(self, model) -> np.ndarray:
        """New providers take closed places where the margin allows (phase 2); their rows.

        The margin is the open providers' surplus over income in the place's setting and
        local authority last month (in its setting across England where none trade there).
        A new provider takes on the posts the area's providers have not staffed, up to its
        place's old share of the area's posts; where none are unstaffed nobody enters. Pending
        posts (of places with nobody to hand them to) grow with care need meanwhile.
        """
        self.pending *= model.post_growth[ASC]
        if not self.started or self.open.all():
            return np.zeros(0, np.int64)
        margin = self.area_margin[self.area]  # where nobody trades there, the setting's
        margin = np.where(np.isnan(margin), self.setting_margin[self.setting], margin)
        candidate = ~self.open & (np.nan_to_num(margin, nan=-np.inf) >= self.cfg.entry_margin)
        entering = np.zeros(self.n, bool)
        closures.draw_entries(
            candidate, self.cfg.entry_rate_per_month, model.cfg.seed, model.month, entering
        )
        s = model.sites
        opened = []
        for k in np.flatnonzero(entering):
            row = self.site[k]
            if self.pending[k].sum() > 0:
                s.posts_target[row] = self.pending[k]
                self.pending[k] = 0.0
            else:  # it takes on care the area's providers cannot staff, up to its old share
                to = self._receivers(s, row)
                unstaffed = np.maximum(s.posts_target[to] - s.filled[to], 0.0)
                moved = np.minimum(s.posts_target[to] * self.share[k], unstaffed)
                if moved.sum() < 1.0:
                    continue  # no care waiting for a provider here: nobody enters
                s.posts_target[to] -= moved  # whole posts follow in this phase (grow_posts)
                s.posts_target[row] = moved.sum(axis=0)
            self.open[k] = True
            self.shock[k] = 0.0
            price = self.fee0[k] * fee_index(model.cfg.pay, model.month)
            capacity = s.posts_target[row].sum() * s.hours_per_week[row] * WEEKS
            self.reserves[k] = self.cfg.reserve_months * price * capacity
            opened.append(row)
        k_entering = np.asarray(opened, np.int64)
        self.month["entries"] += k_entering.size
        return k_entering


def _margin(group: np.ndarray, surplus: np.ndarray, income: np.ndarray, n: int) -> np.ndarray:
    """Surplus over income summed by group, NaN where a group has no income, shape (n,)."""
    sums = np.bincount(group, surplus, n)
    incomes = np.bincount(group, income, n)
    return np.where(incomes > 0, sums / np.where(incomes > 0, incomes, 1.0), np.nan)
