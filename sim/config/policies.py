"""Typed configs of the policy levers (Adult Social Care Workforce Strategy 2024).

Every lever is off by default; ``python -m sim policy=[pay_parity,fair_pay]`` switches on
the YAML files of ``configs/policy/``, which set ``enabled: true`` and any other field. Each
lever has a start month, an optional phase-in and an optional list of ICSs or regions it is
limited to (empty: all of England).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.config.param import FLAG, param
from sim.state import REWARD_NAMES

STRATEGY = "Adult Social Care Workforce Strategy (Skills for Care, 2024)"


@dataclass
class Lever:
    """Fields every lever shares."""

    enabled: bool = param(False, "flag", "off unless chosen with policy=[...]", choices=FLAG)
    start: str = param("2026-04", "YYYY-MM", "assumption: first month of a financial year")
    phase_in_months: int = param(
        0, "months", "0: full effect from the start month", low=0, high=600
    )
    areas: list[str] = param([], "ICS or region names", "empty: all of England")
    area_starts: list[str] = param(
        [],
        "YYYY-MM per area in areas",
        "empty: every area starts at start; else a staggered roll-out, area by area",
    )


@dataclass
class PayParity(Lever):
    """Care pay pegged to the NHS band of the same role, closing a share of the gap."""

    share: float = param(
        1.0, "share of the gap to the NHS rate closed (0-1)", STRATEGY, low=0, high=1
    )
    reward_parts: list[str] = param(
        [],
        "parts of total reward brought to the NHS package as well as basic pay: any of "
        + ", ".join(REWARD_NAMES),
        "empty: basic pay only; all four: parity on total reward (the published gap to Band 3 "
        "is mostly pension, sick pay and enhancements: Community Integrated Care 2025)",
        choices=REWARD_NAMES,
    )
    government_funded_share: float = param(
        1.0, "share (0-1)", "assumption: centrally funded", low=0, high=1
    )


@dataclass
class FairPay(Lever):
    """A sector minimum set by a Fair Pay Agreement."""

    start: str = param("2028-04", "YYYY-MM", "GOV.UK: first agreement applied by April 2028")
    basis: str = param(
        "nlw",
        "nlw | absolute | afc_band3",
        "level relative to what",
        choices=("nlw", "absolute", "afc_band3"),
    )
    level: float = param(
        1.05,
        "multiple of NLW or of Band 3 entry (at most 5), or GBP per hour if absolute",
        "assumption",
        low=0,
        high=200,
    )
    keep_differentials: bool = param(
        True,
        "flag",
        "senior, nurse and other roles keep their ratio to the care rate",
        choices=FLAG,
    )
    pension_floor: float = param(
        0.03,
        "share of basic pay: the least employer pension contribution the agreement sets",
        "0.03: the automatic-enrolment minimum (no change); the NHS pays 0.237",
        low=0.03,
        high=0.5,
    )
    sick_pay_cover: float = param(
        0.0,
        "share of the Agenda for Change sick pay's value the agreement guarantees (0-1)",
        "0: statutory sick pay only (no change); 1: sick pay as in the NHS",
        low=0,
        high=1,
    )
    government_funded_share: float = param(
        0.5,
        "share (0-1)",
        "assumption: GBP 500m a year funds about half (GOV.UK 2025)",
        low=0,
        high=1,
    )


@dataclass
class RuralCoastal(Lever):
    """Attraction supplements for care jobs in rural and coastal areas."""

    pay_supplement: float = param(0.05, "share of pay", "assumption", low=0, high=1)
    rural: bool = param(True, "flag", "apply in rural areas", choices=FLAG)
    coastal: bool = param(True, "flag", "apply in coastal areas", choices=FLAG)
    paid_travel_time: float = param(
        0.5,
        "share of commute time disutility removed for care jobs there",
        "assumption",
        low=0,
        high=1,
    )
    government_funded_share: float = param(1.0, "share (0-1)", "assumption", low=0, high=1)


@dataclass
class FeeUplift(Lever):
    """Local-authority fee uplift: more fee income lets employers pay more."""

    headroom_extra: float = param(
        0.05, "share above NLW added to fee headroom", "assumption", low=0, high=1
    )
    premium_boost: float = param(
        0.02,
        "share added to employers' premium at the start",
        "assumption: part passed on",
        low=0,
        high=1,
    )


@dataclass
class International(Lever):
    """International recruitment: inflow and visa rules."""

    start: str = param("2024-04", "YYYY-MM", "from the first month")
    recruits_per_year: float = param(
        105_000,
        "people per year",
        "Skills for Care Size and structure 2024 (2023/24 level)",
        low=0,
        high=1_000_000,
    )
    route_closed_from: str = param(
        "", "YYYY-MM or empty", "Home Office: new overseas care visas closed 2025-07"
    )
    in_country_per_year: float = param(
        8_000,
        "people per year after closure",
        "assumption: in-country switching to 2028",
        low=0,
        high=1_000_000,
    )
    licence_revocations_per_year: float = param(
        0.0,
        "share of sponsoring care providers losing their licence per year",
        "set e.g. 0.03: Home Office revoked over 470 care sponsor licences from July 2022 "
        "to December 2024, about 3% of sponsors a year (assumption for the denominator)",
        low=0,
        high=1,
    )


@dataclass
class CareerPathway(Lever):
    """Pay steps for experience, seniority and qualification in care jobs."""

    experience_step: float = param(
        0.01,
        "share of pay added per year with the employer (cap 10 years), over the baseline step",
        "assumption: close to Agenda for Change Band 3 progression (about 1.2% a year)",
        low=0,
        high=0.1,
    )
    qualification_step: float = param(
        0.02,
        "share of pay added per qualification level up to Level 3, over the baseline step",
        STRATEGY + ": recognise qualifications in pay; size is an assumption",
        low=0,
        high=0.2,
    )
    seniority_step: float = param(
        0.06,
        "share added to the senior care worker rate",
        "assumption: doubles the 6% senior differential (Skills for Care pay 2024)",
        low=0,
        high=1,
    )
    government_funded_share: float = param(
        0.0,
        "share (0-1)",
        "assumption: employers pay unless funding is announced",
        low=0,
        high=1,
    )


@dataclass
class Registration(Lever):
    """Registration of care workers: a fee, an entry barrier and a retention effect."""

    start: str = param("2027-04", "YYYY-MM", "assumption: a register opening in 2027")
    fee_per_year: float = param(
        50.0,
        "GBP per registered care worker and senior per year",
        "assumption: between Scotland's SSSC support-worker fee (GBP 35) and Social Work "
        "England's (GBP 90)",
        low=0,
        high=10_000,
    )
    fee_paid_by: str = param(
        "workers",
        "workers | employers | government",
        "assumption",
        choices=("workers", "employers", "government"),
    )
    entry_cost: float = param(
        0.1,
        "utils a newcomer to care pays to join (checks, paperwork, fee)",
        "assumption: about 2% of pay at 5 utils per log point",
        low=0,
        high=20,
    )
    retention_effect: float = param(
        0.05,
        "share cut from the exit hazard of registered staff",
        "assumption: professional recognition; no published estimate",
        low=0,
        high=1,
    )
    running_cost_per_year: float = param(
        20e6,
        "GBP per year to run the register",
        "assumption: paid by government",
        low=0,
        high=10e9,
    )


@dataclass
class OneWorkforce(Lever):
    """Joint training and secondments lowering the cost of moving between NHS and care."""

    switch_cost_reduction: float = param(
        1.5, "utils off the NHS-care switching cost", "assumption", low=0, high=20
    )
    joint_training_per_worker_per_year: float = param(
        150.0,
        "GBP per staff member of a taking-part employer a year, paid by the NHS",
        "assumption (no published unit cost): one backfilled day of joint training a year; "
        "integrated care boards pay",
        low=0,
        high=10_000,
    )


@dataclass
class Technology(Lever):
    """Technology investment as a portfolio over the strategy's return-on-investment table.

    The table's five kinds of technology (``TECHNOLOGY_KINDS``) each get a share of the
    investment. A kind's provider return per GBP, valued at ``cost_per_hour_released``,
    gives the care hours it releases; those hours come off the posts the sites need, so
    the effect on vacancies, unmet hours and delayed discharges is simulated. The table's
    returns themselves are reported beside the simulation (``technology_returns_annual``),
    never netted from its costs.
    """

    investment_per_year: float = param(100e6, "GBP per year", "assumption", low=0, high=10e9)
    portfolio: list[float] = param(
        [0.2, 0.2, 0.2, 0.2, 0.2],
        "shares of the investment by kind (assistive technology, care management, digital "
        "care records, telecare, workforce planning), summing to 1",
        "assumption: an even split, the strategy naming no mix",
        low=0,
        high=1,
    )
    provider_return_per_gbp: list[float] = param(
        [4.21, 1.20, 6.77, 2.84, 1.32],
        "GBP per GBP invested, by kind",
        STRATEGY + ", return-on-investment table (provider return)",
        low=0,
        high=50,
    )
    nhs_return_per_gbp: list[float] = param(
        [4.10, 0.36, 0.0, 0.0, 0.0],
        "GBP per GBP invested, by kind",
        STRATEGY + ", return-on-investment table (NHS return; not given for the last three "
        "kinds: 0)",
        low=0,
        high=50,
    )
    qaly_return_per_gbp: list[float] = param(
        [4.87, 2.16, 0.0, 0.0, 0.0],
        "GBP of QALYs per GBP invested, by kind",
        STRATEGY + ", return-on-investment table (QALY return; not given for the last three "
        "kinds: 0)",
        low=0,
        high=50,
    )
    cost_per_hour_released: float = param(
        25.0,
        "GBP of provider return per care hour released",
        "assumption: loaded hourly cost",
        above=0,
        high=1_000,
    )


TECHNOLOGY_KINDS = (
    "assistive technology",
    "care management",
    "digital care records",
    "telecare",
    "workforce planning",
)
"""The rows of the strategy's return-on-investment table, in the order of the lists above."""


@dataclass
class Conditions(Lever):
    """Better terms: guaranteed hours instead of zero-hours contracts, sick pay, pension."""

    zero_hours_reduction: float = param(
        0.5, "share of zero-hours contracts replaced", STRATEGY, low=0, high=1
    )
    pension_floor: float = param(
        0.05,
        "share of basic pay: the least employer pension contribution care employers pay",
        "assumption: the contribution the better care employers pay (0.03, the legal "
        "minimum, changes nothing)",
        low=0.03,
        high=0.5,
    )
    sick_pay_cover: float = param(
        0.5,
        "share of the Agenda for Change sick pay's value care employers pay (0-1)",
        "assumption: enhanced sick pay as the better care employers pay it (0: statutory "
        "sick pay only)",
        low=0,
        high=1,
    )


@dataclass
class Training(Lever):
    """Funded Care Certificate and Level 2 training."""

    completion_multiplier: float = param(
        2.0,
        "times the baseline monthly completion rate (below 1 would not bind: funded "
        "training never lowers it)",
        "assumption",
        low=1,
        high=20,
    )
    cost_per_completion: float = param(
        600.0,
        "GBP per funded completion",
        "assumption: learning and development fund rates",
        low=0,
        high=100_000,
    )
    retention_effect: float = param(
        0.1,
        "share cut from the exit hazard of staff with a Care Certificate or above",
        "assumption: trained staff leave less (Skills for Care reports lower turnover "
        "among those with relevant qualifications)",
        low=0,
        high=1,
    )


@dataclass
class NLWPath(Lever):
    """A higher National Living Wage path."""

    uplift: float = param(0.05, "share above the baseline NLW path", "assumption", low=0, high=1)


@dataclass
class PoliciesConfig:
    """All levers; each is a dated, optionally area-limited change over the baseline."""

    pay_parity: PayParity = field(default_factory=PayParity)
    fair_pay: FairPay = field(default_factory=FairPay)
    rural_coastal: RuralCoastal = field(default_factory=RuralCoastal)
    fee_uplift: FeeUplift = field(default_factory=FeeUplift)
    international: International = field(default_factory=International)
    one_workforce: OneWorkforce = field(default_factory=OneWorkforce)
    career_pathway: CareerPathway = field(default_factory=CareerPathway)
    registration: Registration = field(default_factory=Registration)
    technology: Technology = field(default_factory=Technology)
    conditions: Conditions = field(default_factory=Conditions)
    training: Training = field(default_factory=Training)
    nlw_path: NLWPath = field(default_factory=NLWPath)
