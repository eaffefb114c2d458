"""Typed configuration: every parameter declared once, with its unit and source.

The dataclasses below are registered in Hydra's ConfigStore as the schema of
``configs/config.yaml``, so an unknown key or a value of the wrong type is refused before any
compute. ``validate`` then checks what types cannot express (ranges, dates). Each field's
``metadata`` carries ``unit`` and ``source`` (a publication, or "assumption: ..."), which
``parameter_table`` turns into the documented parameter list.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hydra.core.config_store import ConfigStore
from omegaconf import OmegaConf

from sim.config_checks import validate_run_fields
from sim.config_errors import CONFIG_EXCEPTIONS, one_line_error
from sim.fitted import fitted
from sim.param import param
from sim.policies.schema import PoliciesConfig
from sim.policies.validate import validate_policies
from sim.replicates import replicate_seed

SFC_SIZE_2024 = "Skills for Care, Size and structure of the ASC sector and workforce 2024"
SFC_STATE_2024 = "Skills for Care, State of the adult social care sector and workforce 2024"
KINGS_FUND = "King's Fund, The adult social care workforce in a nutshell"
HAND_SET = (
    "hand-set so the first year lands near 2023/24 (vacancy 8.3%, turnover 24.2%, 63% of "
    "leavers staying in ASC); formal calibration pending"
)
AFC_2024 = "NHS Health Careers, Agenda for Change pay rates 2024/25 (1955.4 paid hours a year)"


@dataclass
class PopulationConfig:
    """Initial stocks in April 2024 at full England scale (re-scaled by ``scale``)."""

    asc_filled_posts: float = param(1_705_000, "posts", SFC_SIZE_2024 + ", 2023/24")
    asc_vacancy_rate: float = param(0.083, "share of posts", SFC_STATE_2024)
    nhs_staff: float = param(1_500_000, "people", "NHS Providers, secondary care overview 2024")
    nhs_vacancy_rate: float = param(0.069, "share of posts", SFC_STATE_2024)
    outside_workers: float = param(
        700_000, "people", "assumption: low-paid retail/hospitality workers who could enter care"
    )
    non_employed: float = param(
        150_000, "people", "assumption: non-employed people actively open to care work"
    )
    establishments: float = param(39_000, "count", KINGS_FUND + ", 2022/23")
    nhs_trusts: int = param(209, "count", "NHS Providers, secondary care overview 2024")
    setting_post_shares: list[float] = param(
        [0.23, 0.17, 0.35, 0.25],
        "share of ASC posts: residential, nursing, domiciliary, community",
        KINGS_FUND + " (residential and domiciliary >500,000 each); split: assumption",
    )
    setting_establishment_shares: list[float] = param(
        [0.27, 0.10, 0.32, 0.31],
        "share of establishments by setting",
        "assumption: CQC register about 10,500 residential and 4,000 nursing homes, 12,500 "
        "home-care agencies; the rest community services",
    )
    la_owned_share: float = param(0.07, "share of ASC staff", KINGS_FUND + " employer split")
    asc_role_shares: list[float] = param(
        [0.62, 0.14, 0.02, 0.22],
        "share of ASC posts: care worker, senior care worker, registered nurse, other",
        SFC_STATE_2024 + " (76% direct care; 5% regulated professions); split: assumption",
    )
    nhs_role_shares: list[float] = param(
        [0.20, 0.05, 0.24, 0.51],
        "share of trust staff: support worker (Band 2/3), Band 4, registered nurse (Band 5+), "
        "other",
        "assumption: NHS workforce statistics, rounded",
    )
    share_international: float = param(0.19, "share of ASC workforce", KINGS_FUND + ", 2022/23")
    zero_hours_share_domiciliary: float = param(0.37, "share of workforce", SFC_STATE_2024)
    zero_hours_share_other_settings: float = param(
        0.12, "share of workforce", "derived: gives the 21% all-settings share of " + SFC_STATE_2024
    )
    home_distance_decay_km: float = param(
        4.0,
        "km (exponential decay of where staff live around their workplace)",
        "assumption: most care staff live within a few miles of work",
    )
    mean_age_years: float = param(45.0, "years", "Skills for Care, workforce capacity position")
    share_aged_55_plus: float = param(0.29, "share of ASC workforce", "ASC Workforce Strategy 2024")
    share_men: float = param(0.21, "share of ASC workforce", SFC_STATE_2024)
    registered_nurse_share_outside: float = param(
        0.002, "share of outside/non-employed pool", "assumption: lapsed or inactive nurses"
    )


@dataclass
@fitted("pay")
class PayConfig:
    """Legal floors, national scales and employers' pay setting."""

    nlw_path: list[float] = param(
        [11.44, 12.21, 12.71],
        "GBP per hour from April 2024, 2025, 2026",
        "Low Pay Commission / GOV.UK National Living Wage rates",
    )
    nlw_growth_after: float = param(
        0.03, "share per year", "assumption: NLW tracks two-thirds of median pay growing 3%"
    )
    afc_hourly_2024: list[float] = param(
        [12.08, 12.31, 13.57, 15.33, 19.0],
        "GBP per hour: Band 2, Band 3 entry, Band 4 entry, Band 5 entry, 'other' staff mean",
        AFC_2024 + "; 'other' staff: assumption (Band 6 mid-point)",
    )
    afc_award_2025: float = param(
        0.036, "share", "NHS Employers pay tables 2025/26 (Band 2 12.08 to 12.51)"
    )
    afc_award_growth_after: float = param(0.03, "share per year", "assumption: 3% awards")
    london_supplement: float = param(
        0.15, "share of basic pay", "assumption: average of inner 20%, outer 15%, fringe 5% HCAS"
    )
    nhs_experience_premium_per_year: float = param(
        0.012,
        "share of band entry pay per year of tenure (cap 10 years)",
        "assumption: AfC pay-step progression (Band 3 entry 24,071 to top 25,674 in 2 years)",
    )
    care_worker_premium_mean: float = param(
        0.04,
        "share above NLW (normal, truncated at 0)",
        "fitted by hand: mean 12.00 GBP with 23% within 10p of NLW, Skills for Care pay 2024",
    )
    care_worker_premium_sd: float = param(0.045, "share above NLW", "as above")
    la_owned_premium: float = param(
        0.08, "share above independent pay", "assumption: council pay scales"
    )
    role_pay_ratio: list[float] = param(
        [1.0, 1.06, 1.62, 1.10],
        "pay relative to the care worker rate: care, senior, nurse, other",
        "Skills for Care pay 2024 (senior differential 6%); nurse and other: assumption",
    )
    outside_premium: float = param(
        0.03, "share above NLW", "assumption: retail/hospitality entry pay near the NLW"
    )
    experience_premium_per_year: float = param(
        0.0007, "share per year of tenure (cap 10 years)", "Skills for Care: 5+ years earn 4p more"
    )
    outside_experience_premium_per_year: float = param(
        0.002, "share per year of tenure", "assumption: flat low-pay ladders"
    )
    qualification_premium: float = param(
        0.003,
        "share per qualification level",
        "assumption: Skills for Care reports differentials of pence for qualifications",
    )
    pay_response_per_month: float = param(
        0.02,
        "premium change per month per unit of vacancy-rate gap",
        "assumption: employers raise pay slowly when short-staffed",
    )
    target_vacancy_rate: float = param(
        0.06, "share of posts", "assumption: vacancy rate below which employers stop raising pay"
    )
    fee_headroom_premium: float = param(
        0.14, "share above NLW", "assumption: the most local-authority and self-funder fees pay for"
    )


@dataclass
class HoursConfig:
    """Contracted hours by sector."""

    asc_hours_per_week: float = param(31.0, "hours per week", "assumption: SfC average contracts")
    zero_hours_hours_per_week: float = param(24.0, "hours per week", "assumption")
    nhs_hours_per_week: float = param(34.0, "hours per week", "assumption: 0.9 WTE of 37.5 h")
    outside_hours_per_week: float = param(28.0, "hours per week", "assumption")


@dataclass
@fitted("behaviour")
class BehaviourConfig:
    """Utility weights and hazards of the job choice (MODEL.md section 5). Hand-set defaults."""

    utility_log_earnings: float = param(5.0, "utils per log point of weekly pay", HAND_SET)
    utility_conditions: float = param(0.5, "utils per conditions index point", HAND_SET)
    utility_commute_hour: float = param(-2.0, "utils per hour of one-way commute", HAND_SET)
    utility_zero_hours: float = param(-0.35, "utils", HAND_SET)
    utility_care_vocation: float = param(
        0.4, "utils for ASC and NHS care roles", HAND_SET + "; intrinsic motivation"
    )
    switch_cost_sector: float = param(3.0, "utils", HAND_SET)
    switch_cost_employer: float = param(0.25, "utils", HAND_SET)
    utility_non_employment: float = param(
        -0.6, "utils relative to an NLW job's earnings term", HAND_SET
    )
    taste_scale: float = param(1.0, "utils (Gumbel scale)", "normalisation")
    search_employed_base: float = param(0.027, "probability per month", HAND_SET)
    search_parity_gap: float = param(
        4.0, "log-odds per log point of pay below the reachable NHS band", HAND_SET
    )
    search_zero_hours: float = param(0.5, "log-odds", HAND_SET)
    search_commute_hour: float = param(0.8, "log-odds per hour of one-way commute", HAND_SET)
    search_non_employed: float = param(0.15, "probability per month", HAND_SET)
    search_outside: float = param(0.04, "probability per month", HAND_SET)
    offers_sampled: int = param(4, "vacancies per searcher per month", HAND_SET)
    reach_km: float = param(25.0, "km between area centroids", "assumption: commuting zone")


@dataclass
@fitted("separation")
class SeparationConfig:
    """Exits from work and from England."""

    exit_to_non_employment: float = param(0.0025, "probability per month", HAND_SET)
    exit_outside_to_non_employment: float = param(0.004, "probability per month", HAND_SET)
    nhs_exit_to_non_employment: float = param(0.0022, "probability per month", HAND_SET)
    return_abroad_international: float = param(
        0.0035, "probability per month", HAND_SET + "; international recruits returning"
    )
    retirement_hazard_60: float = param(0.004, "probability per month at 60-64", "assumption")
    retirement_hazard_65: float = param(0.025, "probability per month at 65-69", "assumption")
    retirement_hazard_70: float = param(0.05, "probability per month at 70+", "assumption")
    max_age_years: float = param(75.0, "years", "assumption: everyone retires by 75")
    sponsored_job_search_months: float = param(
        2.0,
        "months (mean) a sponsored worker out of work has to find a new sponsor",
        "Home Office: 60 days after a sponsor's licence is revoked, then leave the UK",
    )
    non_employed_to_inactive: float = param(
        0.01, "probability per month", "assumption: non-employed leaving the labour market"
    )


@dataclass
@fitted("entry")
class EntryConfig:
    """Entrants: young people, returners and international recruits."""

    international_recruits_per_year: list[float] = param(
        [50_000, 15_000, 8_000],
        "people per financial year from 2024/25 (then the last value)",
        "Skills for Care State of 2025 (50,000 in 2024/25); after the July 2025 route "
        "closure: assumption (arrivals already in the pipeline, then in-country switching)",
    )
    young_entrants_per_year: float = param(
        100_000,
        "people per year into the non-employed pool",
        "hand-set with the search rates to the 2023/24 vacancy rate",
    )
    nhs_professional_entrants_per_year: float = param(
        25_000,
        "people per year hired straight into NHS nurse and other professional posts",
        "assumption: newly qualified and internationally recruited NHS staff, hand-set to hold "
        "the NHS vacancy rate near 6.9%",
    )
    nhs_entrants_growth_per_year: float = param(
        0.015,
        "share per year, compounded monthly from April 2024",
        "assumption: the NHS Long Term Workforce Plan grows training with its posts; the "
        "same damped trajectory as demand.nhs_post_growth_per_year",
    )
    entrant_age_years: list[float] = param(
        [16.0, 30.0], "years (uniform range) for young entrants and returners", "assumption"
    )
    international_age_years: list[float] = param([22.0, 45.0], "years", "assumption")
    sponsorship_months: int = param(
        36, "months", "assumption: Health and Care visa tie to the sponsor"
    )


@dataclass
class TrainingConfig:
    """Qualification and progression hazards."""

    care_certificate_per_month: float = param(0.08, "probability per month", "assumption")
    level2_per_month: float = param(0.012, "probability per month", "assumption")
    level3_per_month: float = param(0.006, "probability per month", "assumption")
    promotion_per_month: float = param(
        0.02, "probability per month for Level 3 care workers", "assumption"
    )
    nhs_support_min_qual: int = param(
        0,
        "qualification code: 0 none, 1 Care Certificate, 2 Level 2, 3 Level 3",
        "assumption: trusts hire support workers unqualified and train them in post "
        "(Care Certificate within 12 weeks, NHS Employers)",
    )


@dataclass
class DemandConfig:
    """Growth of need and of funded posts."""

    pop65_growth_per_year: float = param(
        0.0234, "share per year", "Skills for Care Workforce Strategy: 65+ population +32% 2023-35"
    )
    posts_elasticity_to_need: float = param(
        0.65,
        "log posts per log 65+ population",
        "chosen so posts grow +27% by 2040 as Skills for Care State of 2025 projects",
    )
    nhs_post_growth_per_year: float = param(
        0.015, "share per year", "assumption: NHS Long Term Workforce Plan trajectory, damped"
    )
    outside_job_growth_per_year: float = param(0.0, "share per year", "assumption")
    care_hours_per_post_week: float = param(
        31.0, "hours per week", "assumption: a vacant post leaves its contracted hours undelivered"
    )


@dataclass
class NHSPressureConfig:
    """Delayed hospital discharges attributed to social-care capacity."""

    delayed_discharges_per_day: float = param(
        13_440, "patients a day", "House of Commons Library, delayed discharges (Dec 2022)"
    )
    share_waiting_home_care: float = param(
        0.24, "share of delayed patients", "House of Commons Library (2023)"
    )
    share_waiting_care_home: float = param(
        0.16, "share of delayed patients", "House of Commons Library (2023)"
    )


@dataclass
class SimConfig:
    """A whole run: scale, horizon, seed and every parameter group."""

    name: str = param("baseline", "label", "run name used in the results folder")
    scale: float = param(0.02, "agents per real person", "1.0 = one agent per person")
    years: int = param(15, "years", "MODEL.md default horizon")
    start: str = param("2024-04", "YYYY-MM", "MODEL.md default start (financial year 2024/25)")
    seed: int = param(20240401, "integer", "root seed of the counter-based random numbers")
    replicate: int | None = param(
        None,
        "replicate index (0-based) or null",
        "when set, seed = the replicate's seed spawned from root_seed (sim.replicates)",
    )
    root_seed: int = param(20240401, "integer", "root seed the replicate seeds are spawned from")
    engine: str = param(
        "numba", "numba | mesa", "numba: compiled kernels; mesa: the slow reference engine"
    )
    handles: str = param(
        "all", "all | employers", "create a Mesa agent per worker (all) or only per employer"
    )
    results_dir: str = param("results", "path", "where run folders are written")
    progress: bool = param(True, "flag", "show a progress bar")
    figure: bool = param(True, "flag", "draw the summary figure")
    check_invariants: bool = param(
        False,
        "flag",
        "check conservation, posts, employment, pay floor and finite stocks every month "
        "(docs/reliability.md; on in the tests; costs about 8-10% of run time, so off)",
    )
    check_memory: bool = param(
        True, "flag", "refuse a scale the machine's available memory cannot hold"
    )
    population: PopulationConfig = field(default_factory=PopulationConfig)
    pay: PayConfig = field(default_factory=PayConfig)
    hours: HoursConfig = field(default_factory=HoursConfig)
    behaviour: BehaviourConfig = field(default_factory=BehaviourConfig)
    separation: SeparationConfig = field(default_factory=SeparationConfig)
    entry: EntryConfig = field(default_factory=EntryConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    demand: DemandConfig = field(default_factory=DemandConfig)
    nhs_pressure: NHSPressureConfig = field(default_factory=NHSPressureConfig)
    policies: PoliciesConfig = field(default_factory=PoliciesConfig)


def register_configs() -> None:
    """Register the schema so ``configs/config.yaml`` is validated against it."""
    ConfigStore.instance().store(name="sim_schema", node=SimConfig)


class ConfigError(ValueError):
    """A config value outside what the model allows."""


def _check(ok: bool, name: str, value: Any, allowed: str) -> None:
    if not ok:
        raise ConfigError(f"{name}={value!r} is not allowed: expected {allowed}")


def _shares(name: str, values: list[float], n: int) -> None:
    _check(len(values) == n, name, values, f"{n} shares")
    _check(all(v >= 0 for v in values), name, values, "non-negative shares")
    _check(abs(sum(values) - 1.0) < 1e-6, name, values, "shares summing to 1")


def validate(cfg: SimConfig) -> None:
    """Check ranges and relations the types cannot express.

    Raises:
        ConfigError: naming the field, its value and what is allowed.
    """
    _check(0 < cfg.scale <= 1.0, "scale", cfg.scale, "0 < scale <= 1.0")
    _check(1 <= cfg.years <= 50, "years", cfg.years, "an integer from 1 to 50")
    _check(cfg.engine in ("numba", "mesa"), "engine", cfg.engine, "'numba' or 'mesa'")
    _check(
        cfg.engine == "numba" or cfg.handles == "all",
        "handles",
        cfg.handles,
        "'all' with engine=mesa (the reference engine activates every agent)",
    )
    _check(cfg.handles in ("all", "employers"), "handles", cfg.handles, "'all' or 'employers'")
    _check(cfg.seed >= 0, "seed", cfg.seed, "a non-negative integer")
    _check(cfg.root_seed >= 0, "root_seed", cfg.root_seed, "a non-negative integer")
    ok = cfg.replicate is None or cfg.replicate >= 0
    _check(ok, "replicate", cfg.replicate, "null or a non-negative integer")
    parts = cfg.start.split("-")
    ok = len(parts) == 2 and all(p.isdigit() for p in parts)
    _check(ok and parts[0] == "2024" and parts[1] == "04", "start", cfg.start, "'2024-04'")
    p = cfg.population
    _shares("population.setting_post_shares", p.setting_post_shares, 4)
    _shares("population.setting_establishment_shares", p.setting_establishment_shares, 4)
    _shares("population.asc_role_shares", p.asc_role_shares, 4)
    _shares("population.nhs_role_shares", p.nhs_role_shares, 4)
    for group in (p, cfg.pay, cfg.hours, cfg.separation, cfg.training, cfg.demand):
        for f in dataclasses.fields(group):
            value = getattr(group, f.name)
            values = value if isinstance(value, list) else [value]
            name = f"{type(group).__name__}.{f.name}"
            _check(all(v >= 0 for v in values), name, value, "a non-negative value")
    for name in ("asc_vacancy_rate", "nhs_vacancy_rate", "share_international", "la_owned_share"):
        _check(getattr(p, name) < 1, f"population.{name}", getattr(p, name), "a share below 1")
    _check(len(cfg.pay.nlw_path) >= 1, "pay.nlw_path", cfg.pay.nlw_path, "at least one rate")
    _check(len(cfg.pay.afc_hourly_2024) == 5, "pay.afc_hourly_2024", cfg.pay.afc_hourly_2024, "5")
    _check(len(cfg.pay.role_pay_ratio) == 4, "pay.role_pay_ratio", cfg.pay.role_pay_ratio, "4")
    q = cfg.training.nhs_support_min_qual
    _check(q <= 3, "training.nhs_support_min_qual", q, "a qualification code from 0 to 3")
    b = cfg.behaviour
    _check(b.offers_sampled >= 1, "behaviour.offers_sampled", b.offers_sampled, ">= 1")
    _check(b.taste_scale > 0, "behaviour.taste_scale", b.taste_scale, "> 0")
    _check(b.reach_km > 0, "behaviour.reach_km", b.reach_km, "> 0 km")
    for name in ("search_employed_base", "search_non_employed", "search_outside"):
        _check(0 <= getattr(b, name) <= 1, f"behaviour.{name}", getattr(b, name), "0..1")
    validate_run_fields(cfg, _check)
    validate_policies(cfg.policies, cfg.years, _check)


def load_config(overrides: list[str] | None = None) -> SimConfig:
    """Compose ``configs/config.yaml`` with Hydra-style overrides, as the command line does.

    Args:
        overrides: e.g. ``["scale=0.01", "behaviour.switch_cost_sector=1.2"]``.

    Returns:
        The validated config as a ``SimConfig`` object.
    """
    from hydra import compose, initialize_config_dir

    register_configs()
    config_dir = Path(__file__).resolve().parent.parent / "configs"
    with initialize_config_dir(config_dir=str(config_dir), version_base="1.3"):
        raw = compose(config_name="config", overrides=list(overrides or []))
    return to_sim_config(raw)


def to_sim_config(raw: Any) -> SimConfig:
    """Turn a composed DictConfig into a validated ``SimConfig``."""
    data = OmegaConf.to_container(raw, resolve=True)
    data.pop("hydra", None)
    try:
        cfg = OmegaConf.to_object(OmegaConf.merge(OmegaConf.structured(SimConfig), data))
    except CONFIG_EXCEPTIONS as err:
        raise ConfigError(one_line_error(err, [], data)) from None
    validate(cfg)
    if cfg.replicate is not None:
        cfg.seed = replicate_seed(cfg.root_seed, cfg.replicate)
    return cfg


def parameter_table() -> list[dict[str, Any]]:
    """List every parameter with its default, unit and source (for docs and results)."""
    rows = []

    def walk(node: Any, prefix: str) -> None:
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if dataclasses.is_dataclass(value):
                walk(value, prefix + f.name + ".")
                continue
            rows.append(
                {
                    "name": prefix + f.name,
                    "default": value,
                    "unit": f.metadata["unit"],
                    "source": f.metadata["source"],
                }
            )

    walk(SimConfig(), "")
    return rows
