"""Calendar of the run and the dated national pay scales (NLW, Agenda for Change).

Month 0 is April 2024. Rates change each April, the start of the financial year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sim.config import PayConfig

START_YEAR = 2024
START_MONTH = 4


def calendar_month(month: int) -> tuple[int, int]:
    """Return (calendar year, month 1-12) of a run month index."""
    total = START_YEAR * 12 + (START_MONTH - 1) + month
    return total // 12, total % 12 + 1


def financial_year(month: int) -> str:
    """Financial-year label such as '2024/25' of a run month index."""
    year, m = calendar_month(month)
    first = year if m >= 4 else year - 1
    return f"{first}/{(first + 1) % 100:02d}"


def fy_index(month: int) -> int:
    """Financial years since 2024/25 (0 for April 2024 - March 2025)."""
    return month // 12


def nlw_per_hour(pay: PayConfig, month: int) -> float:
    """National Living Wage in force in a run month, GBP per hour."""
    k = fy_index(month)
    path = pay.nlw_path
    if k < len(path):
        return float(path[k])
    return float(path[-1] * (1.0 + pay.nlw_growth_after) ** (k - len(path) + 1))


def afc_per_hour(pay: PayConfig, month: int) -> np.ndarray:
    """Agenda for Change hourly rates in force, by model NHS role, GBP per hour.

    Returns:
        Array of shape (4,): support worker (mean of Band 2 and Band 3 entry), Band 4 entry,
        Band 5 entry, and 'other' staff; each lifted to the NLW where it would fall below it.
    """
    b2, b3, b4, b5, other = pay.afc_hourly_2024
    k = fy_index(month)
    factor = (
        1.0
        if k == 0
        else (1.0 + pay.afc_award_2025) * (1.0 + pay.afc_award_growth_after) ** (k - 1)
    )
    nlw = nlw_per_hour(pay, month)
    band2 = max(b2 * factor, nlw)
    band3 = max(b3 * factor, band2)
    rates = np.array([0.5 * (band2 + band3), b4 * factor, b5 * factor, other * factor])
    return np.maximum(rates, nlw)


def month_index(date: str) -> int:
    """Run month index of a 'YYYY-MM' date (0 = April 2024; negative before the start).

    Raises:
        ValueError: if the text is not a 'YYYY-MM' date.
    """
    parts = date.split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        raise ValueError(f"{date!r} is not a YYYY-MM date")
    return (int(parts[0]) - START_YEAR) * 12 + int(parts[1]) - START_MONTH
