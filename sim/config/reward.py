"""Total reward: what a job pays beyond basic hourly pay, as shares of basic pay.

Four parts (``sim.state.REWARD_NAMES``): the employer's pension contribution, occupational
sick pay above statutory sick pay, unsocial-hours enhancements, and paid annual leave above
the statutory 28 days. ``sim.world.reward`` turns these into each employer's parts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.param import param

SFC_STATE_2025 = "Skills for Care, State of the adult social care sector and workforce 2025"


@dataclass
class RewardConfig:
    """Employer pension, sick pay, enhancements and annual leave by kind of employer."""

    nhs_pension: float = param(
        0.237,
        "share of basic pay (employer contribution)",
        "NHS Business Services Authority: NHS Pension Scheme employer rate 23.7% from April "
        "2024 (trusts pay 14.38% and the rest is paid centrally)",
        low=0,
        high=1,
    )
    la_pension: float = param(
        0.18,
        "share of basic pay (employer contribution)",
        "assumption: staff of council-run care services are in the Local Government Pension "
        "Scheme, whose employer rates are mostly 15-20% of pay",
        low=0,
        high=1,
    )
    pension_minimum: float = param(
        0.03,
        "share of basic pay (employer contribution)",
        "The Pensions Regulator: automatic-enrolment employer minimum of 3% of qualifying "
        "earnings (independent care providers and outside-sector employers)",
        low=0,
        high=1,
    )
    asc_pension_above_minimum_share: float = param(
        0.43,
        "share of independent care employers (0-1)",
        SFC_STATE_2025 + ": 57% offer no employer pension above the 3% minimum",
        low=0,
        high=1,
    )
    asc_pension_above_minimum: float = param(
        0.05,
        "share of basic pay (employer contribution) of those that pay above the minimum",
        "assumption: care providers with better schemes mostly pay 4-6%",
        low=0,
        high=1,
    )
    sickness_absence_rate: float = param(
        0.05,
        "share of contracted hours lost to sickness",
        "NHS England, NHS sickness absence rates: about 5% in 2023/24 (assumption: care "
        "staff lose the same share)",
        low=0,
        high=0.5,
    )
    ssp_replacement: float = param(
        0.25,
        "share of lost basic pay statutory sick pay replaces",
        "GOV.UK: SSP GBP 116.75 a week in 2024/25, about a quarter of a Band 3 week "
        "(37.5 hours at GBP 12.31; the three unpaid waiting days left out)",
        low=0,
        high=1,
    )
    asc_enhanced_sick_pay_share: float = param(
        0.38,
        "share of independent care employers (0-1)",
        SFC_STATE_2025 + ": 62% offer no enhanced sick pay",
        low=0,
        high=1,
    )
    asc_enhanced_sick_pay_cover: float = param(
        0.5,
        "share of the Agenda for Change sick pay's value that an enhanced care scheme pays",
        "assumption: care schemes pay full pay for weeks where Agenda for Change section 14 "
        "pays for months",
        low=0,
        high=1,
    )
    nhs_enhancements: float = param(
        0.08,
        "share of basic pay (mean over staff)",
        "assumption: Agenda for Change section 2 pays Bands 2-3 time and a half or more for "
        "nights, weekends and bank holidays; about a fifth of support staff's hours are "
        "unsocial and not all staff work them",
        low=0,
        high=1,
    )
    asc_enhancements: float = param(
        0.02,
        "share of basic pay (mean over staff); council-run services as the NHS",
        "assumption: most independent care employers pay a flat rate for every hour, some a "
        "small weekend or bank-holiday premium",
        low=0,
        high=1,
    )
    outside_enhancements: float = param(
        0.02,
        "share of basic pay (mean over staff)",
        "assumption: retail and hospitality pay few premiums for unsocial hours",
        low=0,
        high=1,
    )
    nhs_leave_days: float = param(
        35.0,
        "paid days off a year, bank holidays included",
        "Agenda for Change section 13: 27 days and 8 bank holidays on joining (more after 5 "
        "and 10 years, left out)",
        low=28,
        high=60,
    )
    la_leave_days: float = param(
        31.0,
        "paid days off a year, bank holidays included",
        "assumption: council conditions (NJC Green Book) give about 23 days and 8 bank "
        "holidays on joining",
        low=28,
        high=60,
    )
