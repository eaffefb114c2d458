"""Each employer's total reward beyond basic pay: pension, sick pay, enhancements, leave.

Every part is a share of basic pay (``sim.state.R_*``), so a job's total reward per hour is
``pay * (1 + parts.sum())``. NHS trusts pay the Agenda for Change package, council-run care
services their council's, independent care employers the legal minimum or, drawn once per
employer with the published shares, a better pension and enhanced sick pay; outside-sector
employers pay the minimum.
"""

from __future__ import annotations

import numpy as np

from sim.config.reward import RewardConfig
from sim.rng import STREAM_REWARD
from sim.state import (
    ASC,
    N_REWARD,
    NHS,
    OWNER_LA,
    R_ENHANCEMENTS,
    R_LEAVE,
    R_PENSION,
    R_SICK_PAY,
)

STATUTORY_LEAVE_DAYS = 28.0  # GOV.UK: 5.6 weeks of paid holiday a year, bank holidays included
WORKING_DAYS = 260.0  # weekdays a year, leave included


def leave_share(days: float) -> float:
    """Paid leave above the statutory 28 days, as a share of basic pay (days off per day worked)."""
    return (days - STATUTORY_LEAVE_DAYS) / (WORKING_DAYS - days)


def occupational_sick_pay(r: RewardConfig) -> float:
    """Agenda for Change sick pay's value above statutory sick pay, share of basic pay."""
    return r.sickness_absence_rate * (1.0 - r.ssp_replacement)


def nhs_parts(r: RewardConfig) -> np.ndarray:
    """The Agenda for Change package beyond basic pay, shares of basic pay, shape (N_REWARD,)."""
    parts = np.zeros(N_REWARD)
    parts[R_PENSION] = r.nhs_pension
    parts[R_SICK_PAY] = occupational_sick_pay(r)
    parts[R_ENHANCEMENTS] = r.nhs_enhancements
    parts[R_LEAVE] = leave_share(r.nhs_leave_days)
    return parts


def site_parts(r: RewardConfig, sector: np.ndarray, owner: np.ndarray, seed: int) -> np.ndarray:
    """Each site's total reward beyond basic pay, shares of basic pay.

    Args:
        r: Reward parameters.
        sector: Sector code of each site, shape (S,).
        owner: Ownership code of each site, shape (S,).
        seed: Root seed (the independent employers' draws use their own stream).

    Returns:
        Parts by site, columns ``R_*``, shape (S, N_REWARD).
    """
    rng = np.random.default_rng(np.random.SeedSequence([seed, STREAM_REWARD]))
    n = sector.size
    better_pension = rng.random(n) < r.asc_pension_above_minimum_share
    enhanced_sick = rng.random(n) < r.asc_enhanced_sick_pay_share
    sick = occupational_sick_pay(r)
    parts = np.zeros((n, N_REWARD))
    parts[:, R_PENSION] = r.pension_minimum
    parts[:, R_ENHANCEMENTS] = r.outside_enhancements
    care = sector == ASC
    parts[care, R_PENSION] = np.where(
        better_pension[care], r.asc_pension_above_minimum, r.pension_minimum
    )
    parts[care, R_SICK_PAY] = np.where(enhanced_sick[care], r.asc_enhanced_sick_pay_cover * sick, 0)
    parts[care, R_ENHANCEMENTS] = r.asc_enhancements
    council = care & (owner == OWNER_LA)
    parts[council, R_PENSION] = r.la_pension
    parts[council, R_SICK_PAY] = sick
    parts[council, R_ENHANCEMENTS] = r.nhs_enhancements
    parts[council, R_LEAVE] = leave_share(r.la_leave_days)
    parts[sector == NHS] = nhs_parts(r)
    return parts
