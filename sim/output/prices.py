"""Cost tables in real terms and present values (``sim.config.prices``).

A financial year ``k`` years after 2024/25 has the deflator index ``prod(1 + g_j)`` over its
years ``j = 1..k`` (``g_j`` the growth of year ``j``, the last value repeated), 1 in 2024/25;
its real cost is the nominal cost over that index, and its present value the real cost times
``(1 + r) ** -k``, the Green Book's discount factor.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.config.prices import deflator_index

BASE_FY = 2024  # prices and present values are in 2024/25 terms


def years_after_base(fy: pd.Series) -> np.ndarray:
    """Years after 2024/25 of financial-year labels such as ``"2026/27"``."""
    return fy.str.slice(0, 4).astype(int).to_numpy() - BASE_FY


def priced(costs: pd.DataFrame, prices) -> pd.DataFrame:
    """``costs`` (with ``fy`` and nominal ``gbp``) plus ``gbp_real`` and ``gbp_present_value``.

    Args:
        costs: Rows by financial year (``costs_annual``).
        prices: ``PricesConfig``.

    Returns:
        A copy with ``gbp_real`` (2024/25 prices) and ``gbp_present_value`` (real, discounted
        to 2024/25) beside ``gbp`` (nominal).
    """
    out = costs.copy()
    years = years_after_base(out["fy"]) if len(out) else np.zeros(0, dtype=int)
    real = out["gbp"].to_numpy(dtype=float) / deflator_index(prices.deflator_growth_per_year, years)
    out["gbp_real"] = real
    out["gbp_present_value"] = real * (1.0 + prices.discount_rate) ** -years.astype(float)
    return out
