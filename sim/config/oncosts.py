"""Employer National Insurance: the on-cost the wage ledger adds to pay and employer pensions.

Rates and thresholds are by financial year from 2024/25 (the last value repeats), as HMRC
sets them each April. Employer pension contributions are parts of total reward
(``sim.config.reward``), so they are not declared again here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.param import param

HMRC = "HMRC, Rates and thresholds for employers 2024 to 2025 and 2025 to 2026"


@dataclass
class OnCostsConfig:
    """Employer secondary Class 1 National Insurance by financial year."""

    employer_ni_rate: list[float] = param(
        [0.138, 0.15],
        "share of earnings above the secondary threshold, for each financial year from "
        "2024/25 (then the last value)",
        HMRC + ": 13.8% in 2024/25, 15% from 6 April 2025 (Autumn Budget 2024)",
        low=0,
        high=1,
    )
    employer_ni_threshold_per_year: list[float] = param(
        [9100.0, 5000.0],
        "GBP a year per employee, for each financial year from 2024/25 (then the last value)",
        HMRC + ": secondary threshold GBP 9,100 in 2024/25, GBP 5,000 from 6 April 2025",
        low=0,
        high=1_000_000,
    )
