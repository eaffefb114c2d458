"""Initial population at a chosen scale.

Sites (care establishments, NHS trusts, outside employers) and workers reproduce the
2023/24 stocks in ``PopulationConfig``.

Initialisation uses a numpy Generator seeded from (seed, STREAM_INIT); the monthly dynamics
use the counter-based draws of ``sim.rng``.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from sim.config import SimConfig
from sim.kernels.geometry import haversine_km
from sim.rng import STREAM_INIT
from sim.state import (
    ASC,
    DOMICILIARY,
    N_ROLES,
    N_TERMS,
    NHS,
    NHS_TRUST,
    NONEMP,
    OUTSIDE,
    OUTSIDE_JOB,
    OWNER_INDEPENDENT,
    OWNER_LA,
    OWNER_NHS,
    OWNER_OUTSIDE,
    QUAL_LEVEL2,
    QUAL_LEVEL3,
    QUAL_NURSE,
    ROLE_CARE_WORKER,
    ROLE_NURSE,
    ROLE_OTHER,
    ROLE_PROFESSIONAL,
    ROLE_SENIOR,
    Sites,
    Workers,
)
from sim.world import reward
from sim.world.allocation import allocate, rake
from sim.world.cohorts import cohort_turning_18
from sim.world.geography import Geography

MIN_AGE_YEARS, MAX_AGE_YEARS = 18.0, 70.0
MEAN_TENURE_MONTHS = 48.0  # assumption: mean time with the current employer
MAX_HOME_KM = 60.0  # nobody is placed further than this from work at the start
SPONSORED_SHARE_OF_INTERNATIONAL = 0.55  # assumption: recent Health and Care visa holders
SPONSOR_LICENCE_SHARE = 0.4  # assumption: independent providers holding a sponsor licence
SITE_SIZE_SIGMA = 0.6  # assumption: log-sd of establishment size within a setting
# Qualification shares (none, CC, L2, L3+) of care workers and of the outside pool: assumption.
CARE_WORKER_QUALS = (0.30, 0.25, 0.25, 0.20)
POOL_QUALS = (0.80, 0.08, 0.08, 0.04)


def age_beta_parameters(mean_years: float, share_55_plus: float) -> tuple[float, float]:
    """Beta(a, b) on [18, 70] years with the given mean and share aged 55+.

    Solved by bisection on the concentration a + b, integrating the density on a grid.
    """
    m = (mean_years - MIN_AGE_YEARS) / (MAX_AGE_YEARS - MIN_AGE_YEARS)
    cut = (55.0 - MIN_AGE_YEARS) / (MAX_AGE_YEARS - MIN_AGE_YEARS)
    x = np.linspace(1e-6, 1 - 1e-6, 20001)

    def tail(k: float) -> float:
        a, b = m * k, (1 - m) * k
        logc = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
        dens = np.exp(logc + (a - 1) * np.log(x) + (b - 1) * np.log1p(-x))
        return float(np.trapezoid(np.where(x >= cut, dens, 0.0), x) / np.trapezoid(dens, x))

    lo, hi = 0.5, 200.0  # the tail share falls as the concentration rises
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if tail(mid) > share_55_plus else (lo, mid)
    k = 0.5 * (lo + hi)
    return m * k, (1 - m) * k


def _places_by_la(geo: Geography) -> list[np.ndarray]:
    order = np.argsort(geo.place_la, kind="stable")
    bounds = np.searchsorted(geo.place_la[order], np.arange(len(geo.la_name) + 1))
    return [order[bounds[i] : bounds[i + 1]] for i in range(len(geo.la_name))]


def _sample_places(rng, places: np.ndarray, pop: np.ndarray, n: int) -> np.ndarray:
    p = pop[places] / pop[places].sum()
    return places[rng.choice(places.size, size=n, p=p)]


def start_scale(cfg: SimConfig) -> np.ndarray:
    """Agents per real April 2024 post or worker at the start of the warm-up, by sector.

    The scale, times the posts' growth over the warm-up run backwards: the warm-up grows
    care, NHS and outside posts at their 2024/25 rates, so starting that much lower lands
    them on the published April 2024 numbers when reporting begins. Shape (3,): ASC, NHS,
    outside.
    """
    growth = np.array(cfg.demand.post_growth_per_month())
    return cfg.scale * growth ** (-cfg.warm_up_months)


class _Builder:
    """Assembles sites and workers; one method per kind of entity."""

    def __init__(self, cfg: SimConfig, geo: Geography):
        self.cfg, self.geo = cfg, geo
        self.start = start_scale(cfg)
        self.rng = np.random.default_rng(np.random.SeedSequence([cfg.seed, STREAM_INIT]))
        self.by_la = _places_by_la(geo)
        self.site_cols: dict[str, list] = {k: [] for k in ("sector", "setting", "owner", "la")}
        self.site_cols.update({k: [] for k in ("place", "posts", "premium", "conditions")})
        self.site_cols.update({k: [] for k in ("zh", "sponsor", "hours", "headroom")})

    def add_site(self, **values) -> None:
        for key, value in values.items():
            self.site_cols[key].append(value)

    def care_establishments(self) -> None:
        p, rng, geo = self.cfg.population, self.rng, self.geo
        n_la = len(geo.la_name)
        n_est = max(round(p.establishments * self.cfg.scale), n_la)
        per_la = allocate(n_est, geo.la_pop, minimum=1)
        la = np.repeat(np.arange(n_la), per_la)
        setting = rng.choice(4, size=la.size, p=p.setting_establishment_shares)
        size = rng.lognormal(0.0, SITE_SIZE_SIGMA, la.size)
        total_posts = p.asc_filled_posts / (1 - p.asc_vacancy_rate) * self.start[ASC]
        size = rake(
            size,
            la,
            setting,
            la_totals=total_posts * geo.la_pop / geo.la_pop.sum(),
            setting_totals=total_posts * np.asarray(p.setting_post_shares),
        )
        la_owned = rng.random(la.size) < p.la_owned_share
        zh_mean = np.where(
            setting == DOMICILIARY,
            p.zero_hours_share_domiciliary,
            p.zero_hours_share_other_settings,
        )
        # Beta with mean zh_mean; a share of 0 draws all but 0 (the floor keeps numpy quiet)
        zh_beta = 2.0 * (1 - zh_mean) / np.maximum(zh_mean, 1e-12)
        zh = np.where(la_owned | (zh_mean <= 0), 0.0, rng.beta(2.0, zh_beta))
        pay = self.cfg.pay
        premium = np.maximum(
            rng.normal(pay.care_worker_premium_mean, pay.care_worker_premium_sd, la.size), 0.0
        )
        headroom = np.maximum(
            rng.normal(pay.fee_headroom_premium, pay.fee_headroom_sd, la.size), 0.0
        )
        for i in range(la.size):
            posts = rng.multinomial(int(round(size[i])), p.asc_role_shares)
            self.add_site(
                sector=ASC,
                setting=setting[i],
                owner=OWNER_LA if la_owned[i] else OWNER_INDEPENDENT,
                la=la[i],
                place=_sample_places(rng, self.by_la[la[i]], geo.place_pop, 1)[0],
                posts=posts,
                premium=min(premium[i], headroom[i]),
                headroom=headroom[i],
                conditions=0.6 if la_owned[i] else rng.uniform(0.0, 0.5),
                zh=zh[i],
                sponsor=int(not la_owned[i] and rng.random() < SPONSOR_LICENCE_SHARE),
                hours=self.cfg.hours.asc_hours_per_week,
            )

    def nhs_trusts(self) -> None:
        p, geo = self.cfg.population, self.geo
        ics_pop = np.bincount(geo.la_ics, weights=geo.la_pop, minlength=len(geo.ics_name))
        per_ics = allocate(p.nhs_trusts, ics_pop, minimum=1)
        total_posts = p.nhs_staff / (1 - p.nhs_vacancy_rate) * self.start[NHS]
        for ics, k in enumerate(per_ics):
            places = np.flatnonzero(geo.la_ics[geo.place_la] == ics)
            top = places[np.argsort(-geo.place_pop[places], kind="stable")[:k]]
            for place in top:
                size = total_posts * ics_pop[ics] / ics_pop.sum() / k
                self.add_site(
                    sector=NHS,
                    setting=NHS_TRUST,
                    owner=OWNER_NHS,
                    la=geo.place_la[place],
                    place=place,
                    posts=self.rng.multinomial(int(round(size)), p.nhs_role_shares),
                    premium=0.0,
                    conditions=1.0,
                    zh=0.0,
                    sponsor=1,
                    hours=self.cfg.hours.nhs_hours_per_week,
                    headroom=0.0,
                )

    def outside_employers(self) -> None:
        for la, places in enumerate(self.by_la):
            self.add_site(
                sector=OUTSIDE,
                setting=OUTSIDE_JOB,
                owner=OWNER_OUTSIDE,
                la=la,
                place=places[np.argmax(self.geo.place_pop[places])],
                posts=np.zeros(N_ROLES, np.int64),
                premium=self.cfg.pay.outside_premium,
                conditions=0.2,
                zh=0.1,
                sponsor=0,
                hours=self.cfg.hours.outside_hours_per_week,
                headroom=0.0,
            )

    def sites(self) -> Sites:
        c = self.site_cols
        posts = np.array(c["posts"], np.int32).reshape(-1, N_ROLES)
        n = posts.shape[0]
        return Sites(
            sector=np.array(c["sector"], np.int8),
            setting=np.array(c["setting"], np.int8),
            owner=np.array(c["owner"], np.int8),
            la=np.array(c["la"], np.int32),
            place=np.array(c["place"], np.int32),
            posts_target=posts.astype(np.float64),
            round_offset=self.rng.random(posts.shape),
            posts=posts,
            filled=np.zeros((n, N_ROLES), np.int32),
            premium=np.array(c["premium"], np.float64),
            headroom=np.array(c["headroom"], np.float64),
            pay_per_hour=np.zeros((n, N_ROLES), np.float64),
            pay_base=np.zeros((n, N_ROLES), np.float64),
            conditions=np.array(c["conditions"], np.float64),
            zero_hours_share=np.array(c["zh"], np.float64),
            sponsor=np.array(c["sponsor"], np.int8),
            hours_per_week=np.array(c["hours"], np.float64),
            commute_weight=np.ones(n),
            terms=np.zeros((n, N_TERMS)),
            reward=reward.site_parts(
                self.cfg.reward, np.array(c["sector"]), np.array(c["owner"]), self.cfg.seed
            ),
        )

    def home_places(self, work_place: np.ndarray) -> np.ndarray:
        """Homes near the workplace: places weighted by population and distance decay."""
        p = self.cfg.population
        geo = self.geo
        return _homes_near(
            work_place,
            geo.place_lat_deg,
            geo.place_lon_deg,
            geo.place_pop,
            p.home_distance_decay_km,
            MAX_HOME_KM,
            self.rng.random(work_place.size),
        )


@njit(cache=True)
def _homes_near(work_place, lat, lon, pop, decay_km, max_km, u):
    """Draw a home place for each worker: weight ``pop * exp(-km / decay_km)`` within max_km."""
    homes = np.empty(work_place.size, np.int64)
    order = np.argsort(work_place, kind="mergesort")
    cum = np.empty(pop.size)
    k = 0
    while k < order.size:
        p = work_place[order[k]]
        total = 0.0
        for q in range(pop.size):
            km = haversine_km(lat[p], lon[p], lat[q], lon[q])
            total += pop[q] * np.exp(-km / decay_km) if km <= max_km else 0.0
            cum[q] = total
        while k < order.size and work_place[order[k]] == p:
            homes[order[k]] = min(np.searchsorted(cum, u[order[k]] * total), pop.size - 1)
            k += 1
    return homes


@njit(cache=True)
def _distances_km(from_place, to_place, lat, lon):
    """Great-circle distance between pairs of places, km."""
    out = np.empty(from_place.size)
    for k in range(from_place.size):
        a, b = from_place[k], to_place[k]
        out[k] = haversine_km(lat[a], lon[a], lat[b], lon[b])
    return out


def _qualifications(rng, role: np.ndarray, sector: np.ndarray) -> np.ndarray:
    qual = rng.choice(4, size=role.size, p=CARE_WORKER_QUALS).astype(np.int8)
    pool = (sector == OUTSIDE) | (sector == NONEMP)
    qual[pool] = rng.choice(4, size=int(pool.sum()), p=POOL_QUALS)
    level3 = (role == ROLE_SENIOR) | (role == ROLE_OTHER) | (role == ROLE_PROFESSIONAL)
    qual[level3] = np.maximum(qual[level3], QUAL_LEVEL3)
    nhs_support = (sector == NHS) & (role == ROLE_CARE_WORKER)
    qual[nhs_support] = np.maximum(qual[nhs_support], QUAL_LEVEL2)
    qual[role == ROLE_NURSE] = QUAL_NURSE
    return qual


def build_population(cfg: SimConfig, geo: Geography) -> tuple[Workers, Sites, int]:
    """Create the April 2024 sites and workers.

    Args:
        cfg: Validated run config (``scale`` sets agents per real person).
        geo: England's geography.

    Returns:
        (workers, sites, n): worker arrays with spare capacity for entrants, the site table,
        and the number of workers created.
    """
    b = _Builder(cfg, geo)
    b.care_establishments()
    b.nhs_trusts()
    b.outside_employers()
    sites = b.sites()
    rng, p = b.rng, cfg.population

    vacancy = np.where(sites.sector == ASC, p.asc_vacancy_rate, p.nhs_vacancy_rate)
    filled = rng.binomial(sites.posts, (1.0 - vacancy)[:, None]).astype(np.int32)
    site_of_post = np.repeat(np.repeat(np.arange(sites.n), N_ROLES), filled.ravel())
    role_of_post = np.repeat(np.tile(np.arange(N_ROLES), sites.n), filled.ravel())
    n_outside = round(p.outside_workers * b.start[OUTSIDE])
    n_nonemp = round(p.non_employed * cfg.scale)
    outside_sites = np.flatnonzero(sites.sector == OUTSIDE)
    pool_home = _sample_places(rng, np.arange(geo.place_pop.size), geo.place_pop, n_outside)
    nonemp_home = _sample_places(rng, np.arange(geo.place_pop.size), geo.place_pop, n_nonemp)

    n = site_of_post.size + n_outside + n_nonemp
    expected_entrants = (
        cfg.years
        * cfg.scale
        * (
            cfg.entry.young_entrant_share_of_cohort * cohort_turning_18(0)
            + max(cfg.entry.international_recruits_per_year)
        )
    )
    w = Workers.empty(int(n + 1.2 * expected_entrants + 1000))
    employed = slice(0, site_of_post.size)
    w.site[employed] = site_of_post
    w.role[employed] = role_of_post
    w.status[employed] = sites.sector[site_of_post]
    w.home_place[employed] = b.home_places(sites.place[site_of_post])
    pool = slice(site_of_post.size, site_of_post.size + n_outside)
    w.home_place[pool] = pool_home
    w.status[pool] = OUTSIDE
    w.site[pool] = outside_sites[geo.place_la[pool_home]]
    rest = slice(site_of_post.size + n_outside, n)
    w.home_place[rest] = nonemp_home
    w.status[rest] = NONEMP
    w.home_la[:n] = geo.place_la[w.home_place[:n]]

    a, bb = age_beta_parameters(p.mean_age_years, p.share_aged_55_plus)
    age_years = MIN_AGE_YEARS + (MAX_AGE_YEARS - MIN_AGE_YEARS) * rng.beta(a, bb, n)
    w.age_months[:n] = np.round(age_years * 12).astype(np.int32)
    tenure = rng.exponential(MEAN_TENURE_MONTHS, n)
    w.tenure_months[:n] = np.minimum(tenure, w.age_months[:n] - 16 * 12).astype(np.int32)
    w.qual[:n] = _qualifications(rng, w.role[:n], w.status[:n])
    nurse_pool = (w.status[:n] >= OUTSIDE) & (rng.random(n) < p.registered_nurse_share_outside)
    w.qual[:n][nurse_pool] = QUAL_NURSE

    is_asc = w.status[:n] == ASC
    intl = is_asc & (rng.random(n) < p.share_international)
    in_pool = (w.status[:n] == OUTSIDE) | (w.status[:n] == NONEMP)
    w.international[:n] = intl | (in_pool & (rng.random(n) < p.non_british_share_outside))
    sponsored = intl & (rng.random(n) < SPONSORED_SHARE_OF_INTERNATIONAL)
    w.sponsor_months[:n] = np.where(
        sponsored, rng.integers(1, cfg.entry.sponsorship_months + 1, n), 0
    )
    has_site = w.site[:n] >= 0
    zh_share = np.where(has_site, sites.zero_hours_share[np.maximum(w.site[:n], 0)], 0.0)
    w.zero_hours[:n] = has_site & (rng.random(n) < zh_share)
    w.hours_per_week[:n] = np.where(
        w.zero_hours[:n] == 1,
        cfg.hours.zero_hours_hours_per_week,
        np.where(has_site, sites.hours_per_week[np.maximum(w.site[:n], 0)], 0.0),
    )
    idx = np.flatnonzero(has_site)
    w.commute_km[idx] = _distances_km(
        w.home_place[idx], sites.place[w.site[idx]], geo.place_lat_deg, geo.place_lon_deg
    )
    np.add.at(sites.filled, (w.site[:n][has_site], w.role[:n][has_site]), 1)
    outside = sites.sector == OUTSIDE
    sites.posts_target[outside] = sites.filled[outside] / (1.0 - p.outside_vacancy_rate)
    sites.posts[outside] = np.floor(
        sites.posts_target[outside] + sites.round_offset[outside]
    ).astype(np.int32)
    return w, sites, n
