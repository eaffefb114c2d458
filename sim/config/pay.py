"""Pay parameters: legal floors, national scales and employers' pay setting."""

from __future__ import annotations

from dataclasses import dataclass

from sim.calendar import fy_index
from sim.config.fitted import fitted
from sim.config.param import param
from sim.config.sources import AFC_2024


@dataclass
@fitted("pay")
class PayConfig:
    """Legal floors, national scales and employers' pay setting."""

    nlw_path: list[float] = param(
        [11.44, 12.21, 12.71],
        "GBP per hour from April 2024, 2025, 2026",
        "Low Pay Commission / GOV.UK National Living Wage rates; at least GBP 1 an hour, "
        "below which pay-to-NLW ratios in the tables overflow",
        low=1,
        high=200,
    )
    nlw_growth_after: float = param(
        0.03,
        "share per year",
        "assumption: NLW tracks two-thirds of median pay growing 3%",
        low=-0.5,
        high=1,
    )
    afc_hourly_2024: list[float] = param(
        [12.08, 12.31, 13.57, 15.33, 13.57, 19.09],
        "GBP per hour: Band 2, Band 3 entry, Band 4 entry, Band 5 entry, 'other' staff's "
        "entry, other registered professionals' entry (then up the pay points by year in post)",
        AFC_2024 + " (annual pay / 1,955.4 hours); 'other' staff: assumption (administrative "
        "and estates staff mostly Bands 2-5: paid as Band 4); other registered professionals: "
        "Band 6 entry (37,338 a year), an assumption that leaves doctors' higher pay out",
        above=0,
        high=200,
    )
    afc_award_2025: float = param(
        0.036, "share", "NHS Employers pay tables 2025/26 (Band 2 12.08 to 12.51)", low=-0.5, high=1
    )
    afc_award_growth_after: float = param(
        0.03, "share per year", "assumption: 3% awards", low=-0.5, high=1
    )
    london_supplement: float = param(
        0.15,
        "share of basic pay",
        "assumption: average of inner 20%, outer 15%, fringe 5% HCAS",
        low=0,
        high=1,
    )
    nurse_band6_after_years: int = param(
        5,
        "completed years in post after which an NHS registered nurse is paid on Band 6",
        "assumption: nurses start on Band 5 and about half of NHS nurses are on Band 6 or "
        "above; NHS pay by year in post otherwise follows the Agenda for Change pay points "
        "(sim/data/afc_pay_points_2024.csv)",
        low=0,
        high=50,
    )
    care_worker_premium_mean: float = param(
        0.04,
        "share above NLW (normal, truncated at 0)",
        "fitted by hand: mean 12.00 GBP with 23% within 10p of NLW, Skills for Care pay 2024",
        low=0,
        high=1,
    )
    care_worker_premium_sd: float = param(0.045, "share above NLW", "as above", low=0, high=1)
    la_owned_premium: float = param(
        0.08, "share above independent pay", "assumption: council pay scales", low=0, high=1
    )
    role_pay_ratio: list[float] = param(
        [1.0, 1.06, 1.62, 1.10, 1.70],
        "pay relative to the care worker rate: care, senior, nurse, other, other registered "
        "professional",
        "Skills for Care pay 2024 (senior differential 6%); nurse, other and professional "
        "(social workers about GBP 40,000 a year): assumption",
        low=0.5,
        high=5,
    )
    outside_premium: float = param(
        0.03,
        "share above NLW",
        "assumption: retail/hospitality entry pay near the NLW",
        low=0,
        high=1,
    )
    experience_premium_per_year: float = param(
        0.0007,
        "share per year of tenure (cap 10 years)",
        "Skills for Care: 5+ years earn 4p more",
        low=0,
        high=0.1,
    )
    outside_experience_premium_per_year: float = param(
        0.002, "share per year of tenure", "assumption: flat low-pay ladders", low=0, high=0.1
    )
    qualification_premium: float = param(
        0.003,
        "share per qualification level",
        "assumption: Skills for Care reports differentials of pence for qualifications",
        low=0,
        high=0.2,
    )
    pay_response_per_month: float = param(
        0.02,
        "premium change per month per unit of vacancy-rate gap",
        "assumption: employers raise pay slowly when short-staffed",
        low=0,
        high=1,
    )
    target_vacancy_rate: float = param(
        0.06,
        "share of posts",
        "assumption: vacancy rate below which employers stop raising pay",
        low=0,
        high=0.9,
    )
    fee_headroom_premium: float = param(
        0.045,
        "share above the April 2024 NLW: mean over care employers of the highest care-worker "
        "premium their fee income (local-authority fees, self-funder prices) pays for",
        "assumption, with fee_headroom_sd set by hand so about a fifth of care workers sit "
        "within 10p of the NLW (Skills for Care: 23% in December 2024)",
        low=0,
        high=1,
    )
    fee_headroom_sd: float = param(
        0.05,
        "share above the NLW (sd of a normal truncated at 0, one draw per care employer)",
        "assumption: employers funded mostly at council rates have no headroom above the NLW",
        low=0,
        high=1,
    )
    fee_growth_per_year: list[float] = param(
        [0.045, 0.035],
        "share a year, each April from 2025 (then fee_growth_after)",
        "assumption: council fee uplifts and self-funder prices rising less than the NLW "
        "(+6.7% in April 2025, +4.1% in April 2026), as providers' associations report",
        low=-0.5,
        high=1,
    )
    fee_growth_after: float = param(
        0.03,
        "share a year",
        "assumption: fees keep pace with the assumed NLW growth after 2026",
        low=-0.5,
        high=1,
    )


def nlw_per_hour(pay: PayConfig, month: int) -> float:
    """National Living Wage in force in a run month, GBP per hour."""
    k = fy_index(month)
    path = pay.nlw_path
    if k < len(path):
        return float(path[k])
    return float(path[-1] * (1.0 + pay.nlw_growth_after) ** (k - len(path) + 1))
