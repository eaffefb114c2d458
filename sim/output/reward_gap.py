"""Care workers' pay and total reward against the NHS Band 3 entry point, by year."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim import calendar
from sim.kernels.accounting import I_PAY, I_REWARD, I_STAFF
from sim.state import N_REWARD


def reward_gap(
    months: list[int],
    independent: list[np.ndarray],
    band3_entry: list[float],
    nhs_non_wage: float,
    role_annual: pd.DataFrame,
) -> pd.DataFrame:
    """The gaps in basic pay and total reward between care workers and NHS Band 3, by year.

    Care workers of every care employer (``asc_``, from ``role_annual``) and of independent
    ones (``independent_``, whom published pay figures describe: Skills for Care's pay of
    care workers, Community Integrated Care's 30.3% gap in total reward in 2025): mean basic
    pay and total reward (GBP per hour), then the gaps ``band 3 / care - 1``. Band 3 is the
    national entry rate (no London supplement) with, for total reward, the Agenda for
    Change package.

    Args:
        months: Run months recorded.
        independent: Each month's independent care-worker tally (``accounting.I_*``).
        band3_entry: Each month's Band 3 entry rate, GBP per hour.
        nhs_non_wage: The NHS package beyond basic pay, share of basic pay.
        role_annual: ``annual(cells, ["sector", "role"])``.
    """
    fy = [calendar.financial_year(m) for m in months]
    monthly = pd.DataFrame(np.stack(independent)).assign(fy=fy, band3=band3_entry)
    by_year = monthly.groupby("fy").mean()
    staff = by_year[I_STAFF].where(by_year[I_STAFF] > 0)
    rewards = by_year[[I_REWARD + p for p in range(N_REWARD)]].sum(axis=1)
    care = role_annual[(role_annual["sector"] == "asc") & (role_annual["role"] == "care_worker")]
    df = care.set_index("fy")[["pay_mean_per_hour", "total_reward_per_hour"]]
    df.columns = ["asc_pay_per_hour", "asc_total_reward_per_hour"]
    df["independent_pay_per_hour"] = by_year[I_PAY] / staff
    df["independent_total_reward_per_hour"] = (by_year[I_PAY] + rewards) / staff
    df["band3_entry_pay_per_hour"] = by_year["band3"]
    df["band3_entry_total_reward_per_hour"] = by_year["band3"] * (1.0 + nhs_non_wage)
    for who in ("asc", "independent"):
        df[f"{who}_pay_gap_to_band3"] = (
            df["band3_entry_pay_per_hour"] / df[f"{who}_pay_per_hour"] - 1.0
        )
        df[f"{who}_total_reward_gap_to_band3"] = (
            df["band3_entry_total_reward_per_hour"] / df[f"{who}_total_reward_per_hour"] - 1.0
        )
    return df.reset_index()
