"""Behaviour parameters: job choice, separations, entry and training."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.fitted import fitted
from sim.config.param import param
from sim.config.sources import HAND_SET


@dataclass
@fitted("behaviour")
class BehaviourConfig:
    """Utility weights and hazards of the job choice (docs/ODD.md section 10). Hand-set defaults."""

    utility_log_earnings: float = param(
        5.0, "utils per log point of weekly total reward (valued)", HAND_SET, low=0, high=50
    )
    utility_non_wage_weight: float = param(
        1.0,
        "GBP of pay a GBP of total reward beyond basic pay (pension, sick pay, enhancements, "
        "leave: sim.world.reward) is worth to a worker",
        "assumption: valued as pay (the decision rule values total reward); workers who "
        "discount pensions would put it below 1, for the calibration to fit",
        low=0,
        high=2,
    )
    utility_conditions: float = param(
        0.5,
        "utils per conditions index point (working conditions other than total reward and "
        "contract: training, staffing, management)",
        HAND_SET,
        low=0,
        high=10,
    )
    utility_commute_hour: float = param(
        -2.0, "utils per hour of one-way commute", HAND_SET, low=-20, high=0
    )
    utility_zero_hours: float = param(-0.35, "utils", HAND_SET, low=-10, high=10)
    utility_care_vocation: float = param(
        0.4,
        "utils for ASC and NHS care roles",
        HAND_SET + "; intrinsic motivation",
        low=-10,
        high=10,
    )
    utility_asc_non_british: float = param(
        0.5,
        "utils for an ASC job, to a worker who is not a British national, beyond "
        "utility_care_vocation",
        "assumption: care was the low-paid occupation open to in-country switching onto the "
        "Health and Care Worker visa, and recruits' networks lead to care work; fitted to "
        "the British-national changes of 2023/24 and 2024/25 beside the hand-set "
        "entry.non_british_share_of_entrants (docs/ODD.md sections 5 and 11)",
        low=-10,
        high=10,
    )
    switch_cost_sector: float = param(3.0, "utils", HAND_SET, low=0, high=20)
    switch_cost_employer: float = param(0.25, "utils", HAND_SET, low=0, high=20)
    utility_non_employment: float = param(
        -0.6, "utils relative to an NLW job's earnings term", HAND_SET, low=-10, high=10
    )
    taste_scale: float = param(1.0, "utils (Gumbel scale)", "normalisation", above=0, high=10)
    search_employed_base: float = param(0.027, "probability per month", HAND_SET, low=0, high=1)
    search_parity_gap: float = param(
        0.4,
        "log-odds per log point of total reward below that of the reachable NHS band",
        HAND_SET + " (0.4: the gap in total reward, about 0.27 log points for a care worker, "
        "is some ten times the gap in basic pay)",
        low=0,
        high=50,
    )
    search_zero_hours: float = param(0.5, "log-odds", HAND_SET, low=-10, high=10)
    search_commute_hour: float = param(
        0.8, "log-odds per hour of one-way commute", HAND_SET, low=-10, high=10
    )
    search_non_employed: float = param(0.15, "probability per month", HAND_SET, low=0, high=1)
    search_outside: float = param(0.04, "probability per month", HAND_SET, low=0, high=1)
    utility_match_quality: float = param(
        0.5,
        "utils per sd of match quality the worker has learned (sim.kernels.choice.match_belief)",
        "assumption (Jovanovic 1979 match learning); size to be fitted to turnover by length "
        "of service",
        low=0,
        high=10,
    )
    search_match_quality: float = param(
        0.8,
        "log-odds of searching per sd of learned match quality (a poor match searches more)",
        "assumption; size to be fitted to turnover by length of service",
        low=0,
        high=10,
    )
    match_learning_months: float = param(
        6.0,
        "months (a job's months of signals that weigh as much as the prior: half of the match "
        "quality is known after this long)",
        "assumption: new starters find out within months whether a care job suits them",
        above=0,
        high=120,
    )
    search_youth_per_year: float = param(
        0.04,
        "log-odds of searching per year of age below 30 (employed care and NHS staff)",
        "assumption: young workers try jobs and move more (life-cycle job shopping); "
        "direction from Skills for Care turnover by age, size to be fitted",
        low=0,
        high=1,
    )
    search_nlw_premium: float = param(
        0.3,
        "log-odds of searching per log point of basic pay above the NLW (care workers and "
        "senior care workers in care and the NHS)",
        "assumption: a small share of the own-pay response Vadean and Saloniki 2023 measure "
        "(separations 3 points lower per 10% wage rise, about 1.3 log-odds per log point at "
        "a 30% annual rate), most of which the fitted pay-parity term already carries; to be "
        "fitted (NLW rises that fees do not follow tell the two apart)",
        low=0,
        high=20,
    )
    offers_sampled: int = param(4, "vacancies per searcher per month", HAND_SET, low=1, high=50)
    outside_offers_sampled: int = param(
        4,
        "outside-sector vacancies per searcher per month",
        "assumption: as many as care and NHS vacancies, the low-paid outside sectors "
        "(retail, hospitality, cleaning, warehouses) holding at least as many openings; to be "
        "fitted to where ASC leavers to other jobs go",
        low=0,
        high=50,
    )
    reach_km: float = param(
        25.0, "km between area centroids", "assumption: commuting zone", above=0, high=1000
    )
    asc_time_to_hire_months: float = param(
        1.0,
        "months, mean (an open post is open to applicants in a month with probability 1 / this)",
        "assumption: care providers recruit within the month (1 = no delay); to be fitted",
        low=1,
        high=24,
    )
    nhs_time_to_hire_months: float = param(
        3.0,
        "months, mean (an open post is open to applicants in a month with probability 1 / this)",
        "NHS England: an average of 10 weeks from advert to a confirmed start date (draft "
        "recruitment plan, reported by HSJ, June 2023) and over 14 weeks to hire (NHS Shared "
        "Business Services, 2025); 3 months taken",
        low=1,
        high=24,
    )


@dataclass
@fitted("separation")
class SeparationConfig:
    """Exits from work and from England."""

    exit_to_non_employment: float = param(0.0025, "probability per month", HAND_SET, low=0, high=1)
    exit_outside_to_non_employment: float = param(
        0.004, "probability per month", HAND_SET, low=0, high=1
    )
    nhs_exit_to_non_employment: float = param(
        0.0045,
        "probability per month",
        "hand-set so registered nurses leave the NHS at the published 8.8% a year in the "
        "first year (retirements included)",
        low=0,
        high=1,
    )
    return_abroad_international: float = param(
        0.0035,
        "probability per month",
        HAND_SET + "; international recruits returning",
        low=0,
        high=1,
    )
    retirement_hazard_60: float = param(
        0.004, "probability per month at 60-64", "assumption", low=0, high=1
    )
    retirement_hazard_65: float = param(
        0.025, "probability per month at 65-69", "assumption", low=0, high=1
    )
    retirement_hazard_70: float = param(
        0.05, "probability per month at 70+", "assumption", low=0, high=1
    )
    max_age_years: float = param(
        75.0, "years", "assumption: everyone retires by 75", low=14, high=100
    )
    sponsored_job_search_months: float = param(
        2.0,
        "months (mean) a sponsored worker out of work has to find a new sponsor",
        "Home Office: 60 days after a sponsor's licence is revoked, then leave the UK",
        above=0,
        high=120,
    )
    non_employed_to_inactive: float = param(
        0.01,
        "probability per month",
        "assumption: non-employed leaving the labour market",
        low=0,
        high=1,
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
        low=0,
        high=1_000_000,
    )
    non_british_share_of_entrants: list[float] = param(
        [0.6, 0.4, 0.25, 0.15],
        "share of the young entrants and returners joining the non-employed pool who are not "
        "British nationals, per financial year from 2024/25 (then the last value)",
        "assumption: in 2024/25 non-British posts grew by about 82,000 (filled +52,000, "
        "British-national -30,000; series.csv) with 50,000 recruits from abroad, so many "
        "joiners were already in the UK (dependants of earlier recruits, students and "
        "graduates; hand-set, behaviour.utility_asc_non_british fitted beside it); falling to "
        "population.non_british_share_outside as the March 2024 ban "
        "on care workers' dependants and the July 2025 route closure run through",
        low=0,
        high=1,
    )
    young_entrant_share_of_cohort: float = param(
        0.09,
        "share of each year's cohort turning 18 (sim.world.cohorts: ONS births 18 years "
        "before) who join the non-employed pool open to care work, at ages "
        "entry.entrant_age_years",
        "hand-set with the search rates to the 2023/24 vacancy rate (about 57,000 people in "
        "2024/25); the rest of the cohort go to jobs, study and routes the model leaves out",
        low=0,
        high=1,
    )
    nhs_professional_entrants_per_year: float = param(
        68_000,
        "people per year hired straight into NHS nurse and other registered professionals' posts",
        "assumption: newly qualified and internationally recruited NHS nurses, doctors and "
        "allied health professionals, hand-set to hold their vacancy rates near the April "
        "2024 level (6.9%) through the first year",
        low=0,
        high=1_000_000,
    )
    nhs_entrants_growth_per_year: float = param(
        0.015,
        "share per year, compounded monthly from April 2024",
        "assumption: the NHS Long Term Workforce Plan grows training with its posts; the "
        "same damped trajectory as demand.nhs_post_growth_per_year",
        low=-0.5,
        high=1,
    )
    entrant_age_years: list[float] = param(
        [16.0, 30.0],
        "years (uniform range) for young entrants and returners",
        "assumption",
        low=14,
        high=100,
    )
    outside_joiner_age_years: list[float] = param(
        [18.0, 60.0],
        "years (uniform range) of people from the wider population taking outside jobs",
        "assumption: school leavers, returners, migrants and movers from better-paid work",
        low=14,
        high=100,
    )
    international_age_years: list[float] = param(
        [22.0, 45.0], "years (uniform range)", "assumption", low=14, high=100
    )
    sponsorship_months: int = param(
        36, "months", "assumption: Health and Care visa tie to the sponsor", low=1, high=120
    )


@dataclass
class TrainingConfig:
    """Qualification and progression hazards."""

    care_certificate_per_month: float = param(
        0.08, "probability per month", "assumption", low=0, high=1
    )
    level2_per_month: float = param(0.012, "probability per month", "assumption", low=0, high=1)
    level3_per_month: float = param(0.006, "probability per month", "assumption", low=0, high=1)
    promotion_per_month: float = param(
        0.02, "probability per month for Level 3 care workers", "assumption", low=0, high=1
    )
    nhs_support_min_qual: int = param(
        0,
        "qualification code: 0 none, 1 Care Certificate, 2 Level 2, 3 Level 3",
        "assumption: trusts hire support workers unqualified and train them in post "
        "(Care Certificate within 12 weeks, NHS Employers)",
        choices=(0, 1, 2, 3),
    )
