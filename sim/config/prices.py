"""Prices of the cost tables: real terms and present values, as HM Treasury's Green Book asks.

Costs are simulated in nominal pounds of each financial year. ``sim.output.prices`` restates
them in 2024/25 prices (the first simulated year) with a GDP deflator path, and discounts
those real costs to 2024/25 at the Green Book's social time preference rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config.param import param

GREEN_BOOK = "HM Treasury, The Green Book (2022)"


@dataclass
class PricesConfig:
    """The deflator and the discount rate the cost tables are restated with."""

    deflator_growth_per_year: list[float] = param(
        [0.02],
        "share a year, for each financial year from 2025/26 (then the last value); 2024/25 "
        "is the base (index 1)",
        "assumption: 2% a year, the Bank of England's inflation target, standing in for HM "
        "Treasury's GDP deflator forecasts (not held offline); set the published path here",
        low=-0.2,
        high=0.5,
    )
    discount_rate: float = param(
        0.035,
        "share a year, applied to real costs from 2024/25",
        GREEN_BOOK + ": social time preference rate of 3.5% a year for years 0-30",
        low=0,
        high=0.2,
    )


def deflator_index(growth: list[float], years: np.ndarray) -> np.ndarray:
    """GDP deflator index of each year after 2024/25 (1.0 in 2024/25), shape of ``years``.

    Year ``k`` has ``prod(1 + g_j)`` over ``j = 1..k``, ``g_j`` the growth of year ``j``
    (``growth[0]`` is 2025/26's; the last value repeats).
    """
    years = np.asarray(years, dtype=int)
    horizon = int(years.max(initial=0))
    rates = [growth[min(j, len(growth) - 1)] for j in range(horizon)]
    index = np.concatenate([[1.0], np.cumprod(1.0 + np.asarray(rates, dtype=float))])
    return index[years]
