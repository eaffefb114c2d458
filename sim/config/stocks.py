"""Stocks and demand: the April 2024 workforce, contracted hours, growth of posts, NHS pressure."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.param import param
from sim.config.sources import KINGS_FUND, SFC_SIZE_2024, SFC_STATE_2024


@dataclass
class PopulationConfig:
    """Initial stocks in April 2024 at full England scale (re-scaled by ``scale``)."""

    asc_filled_posts: float = param(
        1_705_000, "posts", SFC_SIZE_2024 + ", 2023/24", above=0, high=10_000_000
    )
    asc_vacancy_rate: float = param(0.083, "share of posts", SFC_STATE_2024, low=0, high=0.9)
    nhs_staff: float = param(
        1_500_000,
        "people",
        "NHS Providers, secondary care overview 2024",
        above=0,
        high=10_000_000,
    )
    nhs_vacancy_rate: float = param(0.069, "share of posts", SFC_STATE_2024, low=0, high=0.9)
    outside_workers: float = param(
        700_000,
        "people",
        "assumption: low-paid retail/hospitality workers who could enter care",
        low=0,
        high=1_000_000_000,
    )
    outside_vacancy_rate: float = param(
        0.028,
        "share of outside-sector jobs",
        "economy-wide vacancy rate 2023/24, " + SFC_STATE_2024 + "; the outside sector starts "
        "at it and the wider population refills it to this rate each month",
        low=0,
        high=0.5,
    )
    non_employed: float = param(
        150_000,
        "people",
        "assumption: non-employed people actively open to care work",
        low=0,
        high=1_000_000_000,
    )
    establishments: float = param(
        39_000, "count", KINGS_FUND + ", 2022/23", above=0, high=1_000_000
    )
    nhs_trusts: int = param(
        209, "count", "NHS Providers, secondary care overview 2024", low=1, high=2_000
    )
    setting_post_shares: list[float] = param(
        [0.23, 0.17, 0.35, 0.25],
        "share of ASC posts: residential, nursing, domiciliary, community",
        KINGS_FUND + " (residential and domiciliary >500,000 each); split: assumption",
        low=0,
        high=1,
    )
    setting_establishment_shares: list[float] = param(
        [0.27, 0.10, 0.32, 0.31],
        "share of establishments by setting",
        "assumption: CQC register about 10,500 residential and 4,000 nursing homes, 12,500 "
        "home-care agencies; the rest community services",
        low=0,
        high=1,
    )
    la_owned_share: float = param(
        0.07, "share of ASC staff", KINGS_FUND + " employer split", low=0, high=1
    )
    asc_role_shares: list[float] = param(
        [0.62, 0.14, 0.02, 0.21, 0.01],
        "share of ASC posts: care worker, senior care worker, registered nurse, other, other "
        "registered professional (social worker, occupational therapist)",
        SFC_STATE_2024 + " (76% direct care; 5% regulated professions); split: assumption",
        low=0,
        high=1,
    )
    nhs_role_shares: list[float] = param(
        [0.20, 0.05, 0.24, 0.24, 0.27],
        "share of trust staff: support worker (Band 2/3), Band 4, registered nurse (Band 5+), "
        "other (infrastructure support: administrative, estates, managers), other registered "
        "professional (doctors, allied health professionals, scientists, midwives, paramedics)",
        "assumption: NHS workforce statistics by staff group, rounded (professionally qualified "
        "clinical staff about half of trust staff, nurses about a quarter; infrastructure "
        "support about a fifth to a quarter)",
        low=0,
        high=1,
    )
    share_international: float = param(
        0.19, "share of ASC workforce", KINGS_FUND + ", 2022/23", low=0, high=1
    )
    non_british_share_outside: float = param(
        0.15,
        "share of the outside and non-employed pools, and of the wider population taking "
        "outside jobs, who are not British nationals",
        "assumption: above non-UK nationals' share of all UK employment (about one in ten), as "
        "in low-paid sectors such as hospitality; not yet sourced. Joiners to the "
        "non-employed pool: entry.non_british_share_of_entrants",
        low=0,
        high=1,
    )
    zero_hours_share_domiciliary: float = param(
        0.37, "share of workforce", SFC_STATE_2024, low=0, high=1
    )
    zero_hours_share_other_settings: float = param(
        0.12,
        "share of workforce",
        "derived: gives the 21% all-settings share of " + SFC_STATE_2024,
        low=0,
        high=1,
    )
    home_distance_decay_km: float = param(
        4.0,
        "km (exponential decay of where staff live around their workplace)",
        "assumption: most care staff live within a few miles of work",
        above=0,
        high=100,
    )
    mean_age_years: float = param(
        45.0,
        "years (mean of a beta distribution of ages on 18-70 years)",
        "Skills for Care, workforce capacity position",
        above=18,
        high=69,
    )
    share_aged_55_plus: float = param(
        0.29, "share of ASC workforce", "ASC Workforce Strategy 2024", low=0, high=1
    )
    share_men: float = param(0.21, "share of ASC workforce", SFC_STATE_2024, low=0, high=1)
    registered_nurse_share_outside: float = param(
        0.002,
        "share of outside/non-employed pool",
        "assumption: lapsed or inactive nurses",
        low=0,
        high=1,
    )


@dataclass
class HoursConfig:
    """Contracted hours by sector."""

    asc_hours_per_week: float = param(
        31.0, "hours per week", "assumption: SfC average contracts", above=0, high=168
    )
    zero_hours_hours_per_week: float = param(
        24.0, "hours per week", "assumption", above=0, high=168
    )
    nhs_hours_per_week: float = param(
        34.0, "hours per week", "assumption: 0.9 WTE of 37.5 h", above=0, high=168
    )
    outside_hours_per_week: float = param(28.0, "hours per week", "assumption", above=0, high=168)


@dataclass
class DemandConfig:
    """Growth of need and of funded posts."""

    pop65_growth_per_year: float = param(
        0.0234,
        "share per year",
        "Skills for Care Workforce Strategy: 65+ population +32% 2023-35",
        low=-0.5,
        high=1,
    )
    posts_elasticity_to_need: float = param(
        0.65,
        "log posts per log 65+ population",
        "chosen so posts grow +27% by 2040 as Skills for Care State of 2025 projects",
        low=0,
        high=3,
    )
    nhs_post_growth_per_year: float = param(
        0.015,
        "share per year",
        "assumption: NHS Long Term Workforce Plan trajectory, damped",
        low=-0.5,
        high=1,
    )
    outside_job_growth_per_year: float = param(
        0.005,
        "share per year",
        "assumption: UK employment growth of about half a percent a year in the medium term",
        low=-0.5,
        high=1,
    )
    care_hours_per_post_week: float = param(
        31.0,
        "hours per week",
        "assumption: a vacant post leaves its contracted hours undelivered",
        above=0,
        high=168,
    )

    def post_growth_per_month(self) -> tuple[float, float, float]:
        """Monthly growth factors of funded posts: ASC (with need), NHS, outside jobs."""
        return (
            (1 + self.pop65_growth_per_year) ** (self.posts_elasticity_to_need / 12),
            (1 + self.nhs_post_growth_per_year) ** (1 / 12),
            (1 + self.outside_job_growth_per_year) ** (1 / 12),
        )


@dataclass
class NHSPressureConfig:
    """Delayed hospital discharges attributed to social-care capacity."""

    delayed_discharges_per_day: float = param(
        13_440,
        "patients a day",
        "House of Commons Library, delayed discharges (Dec 2022)",
        low=0,
        high=100_000,
    )
    share_waiting_home_care: float = param(
        0.24, "share of delayed patients", "House of Commons Library (2023)", low=0, high=1
    )
    share_waiting_care_home: float = param(
        0.16, "share of delayed patients", "House of Commons Library (2023)", low=0, high=1
    )
    bed_day_cost_low: float = param(
        395.0,
        "GBP per bed-day of delayed discharge (direct cost; the low valuation)",
        "King's Fund, The hidden problems behind delayed discharges (2023): GBP 395 a night, "
        "the 2017/18 estimate of direct costs uplifted by inflation",
        low=0,
        high=10_000,
    )
    bed_day_cost_high: float = param(
        562.0,
        "GBP per bed-day of delayed discharge (the high valuation)",
        "NHS England (October 2025), cost of discharge delays: GBP 562 a night in an acute bed",
        low=0,
        high=10_000,
    )
