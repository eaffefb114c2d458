"""The national pay scales in force each month: the National Living Wage and Agenda for Change.

Rates change each April, the start of the financial year. Care employers set their own pay on
top of these (``sim.kernels.pay``); policy levers move the NLW path (``sim.policies.nlw_path``).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sim.calendar import fy_index
from sim.config.pay import nlw_per_hour
from sim.state import (
    N_ROLES,
    ROLE_CARE_WORKER,
    ROLE_NURSE,
    ROLE_OTHER,
    ROLE_PROFESSIONAL,
    ROLE_SENIOR,
)

if TYPE_CHECKING:
    from sim.config import PayConfig


def fee_index(pay: PayConfig, month: int) -> float:
    """Care fee rates in force relative to April 2024's (1.0 in 2024/25).

    Uprated each April by ``pay.fee_growth_per_year`` (from 2025), then by
    ``pay.fee_growth_after``.
    """
    index = 1.0
    for k in range(1, fy_index(month) + 1):
        path = pay.fee_growth_per_year
        index *= 1.0 + (path[k - 1] if k - 1 < len(path) else pay.fee_growth_after)
    return index


def fee_headroom(pay: PayConfig, month: int, headroom_2024: np.ndarray) -> np.ndarray:
    """Highest care-worker premium over the NLW each employer's fee income pays for, now.

    An employer's fees pay for ``NLW_2024 * (1 + headroom_2024)`` an hour in April 2024;
    fees then follow ``fee_index`` while the baseline NLW follows its own path, so headroom
    shrinks in a year the NLW outpaces fees and care pay compresses towards the NLW. Never
    below 0: the NLW is the legal floor whatever fees pay.

    Args:
        pay: Pay parameters.
        month: Run month (0 = April 2024).
        headroom_2024: Each employer's headroom in April 2024, share, shape (S,).
    """
    ratio = fee_index(pay, month) * nlw_per_hour(pay, 0) / nlw_per_hour(pay, month)
    return np.maximum((1.0 + headroom_2024) * ratio - 1.0, 0.0)


def afc_uprating(pay: PayConfig, month: int) -> float:
    """Agenda for Change rates in force relative to 2024/25's (the awards since)."""
    k = fy_index(month)
    if k == 0:
        return 1.0
    return (1.0 + pay.afc_award_2025) * (1.0 + pay.afc_award_growth_after) ** (k - 1)


def afc_support_entry(pay: PayConfig, month: int) -> tuple[float, float]:
    """Band 2 and Band 3 entry rates in force, GBP per hour.

    Band 2 is lifted to the NLW where it would fall below it, and Band 3 to Band 2.
    """
    b2, b3 = pay.afc_hourly_2024[:2]
    factor = afc_uprating(pay, month)
    band2 = max(b2 * factor, nlw_per_hour(pay, month))
    return band2, max(b3 * factor, band2)


def afc_per_hour(pay: PayConfig, month: int) -> np.ndarray:
    """Agenda for Change hourly rates in force, by model NHS role, GBP per hour.

    Returns:
        Array of shape (R,), in role order: support worker (mean of Band 2 and Band 3 entry),
        Band 4 entry, Band 5 entry, 'other' staff, other registered professionals; each
        lifted to the NLW where it would fall below it.
    """
    _, _, b4, b5, other, professional = pay.afc_hourly_2024
    factor = afc_uprating(pay, month)
    nlw = nlw_per_hour(pay, month)
    band2, band3 = afc_support_entry(pay, month)
    rates = np.array(
        [0.5 * (band2 + band3), b4 * factor, b5 * factor, other * factor, professional * factor]
    )
    return np.maximum(rates, nlw)


AFC_POINTS_PATH = Path(__file__).resolve().parents[1] / "data" / "afc_pay_points_2024.csv"
MAX_YEARS_IN_POST = 10  # pay by years in post is tabulated for 0..10 completed years


@functools.cache
def _afc_points() -> dict[int, list[tuple[int, float]]]:
    """Each band's pay points as (years in band, GBP a year), in order of years."""
    table = pd.read_csv(AFC_POINTS_PATH, comment="#").sort_values(["band", "years_in_band"])
    points: dict[int, list[tuple[int, float]]] = {}
    for band, years, pay in table[["band", "years_in_band", "annual_gbp"]].itertuples(False):
        points.setdefault(int(band), []).append((int(years), float(pay)))
    return points


def _band_pay(band: int, years: int) -> float:
    """Annual pay of an Agenda for Change band after ``years`` in the band, GBP (2024/25)."""
    return [pay for start, pay in _afc_points()[band] if start <= years][-1]


def nhs_pay_by_year_in_post(nurse_band6_after_years: int) -> np.ndarray:
    """NHS pay after each completed year in post relative to the role's entry rate.

    Agenda for Change pay points (``sim/data/afc_pay_points_2024.csv``): support workers are
    the mean of Bands 2 and 3, Band 4 staff and 'other' staff (administrative and estates)
    follow Band 4, registered nurses Band 5 and then Band 6 from ``nurse_band6_after_years``,
    other registered professionals Band 6. Awards move every point alike, so the ratios hold.

    Returns:
        Multipliers of the entry rate, shape (N_ROLES, MAX_YEARS_IN_POST + 1).
    """
    table = np.ones((N_ROLES, MAX_YEARS_IN_POST + 1))
    for y in range(MAX_YEARS_IN_POST + 1):
        support = _band_pay(2, y) + _band_pay(3, y)
        table[ROLE_CARE_WORKER, y] = support / (_band_pay(2, 0) + _band_pay(3, 0))
        table[ROLE_SENIOR, y] = _band_pay(4, y) / _band_pay(4, 0)
        table[ROLE_OTHER, y] = table[ROLE_SENIOR, y]
        if y < nurse_band6_after_years:
            nurse = _band_pay(5, y)
        else:
            nurse = _band_pay(6, y - nurse_band6_after_years)
        table[ROLE_NURSE, y] = nurse / _band_pay(5, 0)
        table[ROLE_PROFESSIONAL, y] = _band_pay(6, y) / _band_pay(6, 0)
    return table
