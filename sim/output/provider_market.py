"""The provider market's tables: closures and entry, and who pays providers' income.

``sim.world.market`` records each month, at the run's scale, how many independent providers
trade, close and enter, the staff laid off and the care hours moved or left without a
provider, and providers' income by payer against their costs. Here they become two yearly
tables re-scaled to England: ``provider_market_annual`` (counts and hours) and
``provider_income_annual`` (GBP by payer, nominal, real and present value).
"""

from __future__ import annotations

import pandas as pd

from sim import calendar
from sim.output.prices import priced

COUNTS = {
    "closures": "closures",
    "entries": "entries",
    "staff_laid_off": "staff_laid_off",
    "staff_transferred": "staff_transferred",
    "care_hours_at_closing_providers": "hours_at_closing_providers",
    "care_hours_without_provider": "hours_without_provider",
}
"""Column of ``provider_market_annual`` -> the monthly record it sums over the year."""
MONEY = {
    "income_local_authorities": ("income", "council fees", "local authorities"),
    "income_self_funders": ("income", "self-funder payments", "self-funders"),
    "income_government": ("income", "levers funded by government", "central government"),
    "staff_cost": ("cost", "staff (pay, reward, employer NI)", "independent providers"),
    "other_cost": ("cost", "other costs (premises, supplies, travel)", "independent providers"),
    "surplus": ("surplus", "surplus", "independent providers"),
    "council_services_funded": (
        "transfer",
        "pay levers funded by government at councils' own services",
        "central government",
    ),
}
"""Monthly record -> (flow, item, payer) of ``provider_income_annual``."""


def _monthly(months: list[int], records: list[dict], scale: float) -> pd.DataFrame:
    df = pd.DataFrame(records, index=pd.Index(months, name="month")).fillna(0.0) / scale
    return df.assign(fy=[calendar.financial_year(m) for m in months])


def provider_market_table(months: list[int], records: list[dict], scale: float) -> pd.DataFrame:
    """Providers trading, closing and entering per financial year, England.

    Args:
        months: Run-month indices recorded.
        records: Each month's market record (``ProviderMarket.take_month``).
        scale: Agents per person.

    Returns:
        Columns ``fy``, ``providers_open`` (mean over the year's months), ``closures``,
        ``entries``, ``staff_laid_off``, ``staff_transferred`` (moved with the posts),
        ``care_hours_at_closing_providers`` (hours a month
        the closing providers' staff worked, which other providers must take on),
        ``care_hours_without_provider`` (hours of posts held for a new provider where no
        other serves the area) and ``closure_rate`` (closures over providers open).
    """
    columns = ["fy", "providers_open", *COUNTS, "closure_rate"]
    if not months:
        return pd.DataFrame(columns=columns)
    df = _monthly(months, records, scale)
    out = df.groupby("fy", sort=False)[list(COUNTS.values())].sum()
    out.columns = list(COUNTS)
    out.insert(0, "providers_open", df.groupby("fy", sort=False)["providers_open"].mean())
    opened = out["providers_open"].where(out["providers_open"] > 0)
    out["closure_rate"] = (out["closures"] / opened).fillna(0.0)
    return out.reset_index()[columns]


def provider_income_table(months: list[int], records: list[dict], scale: float, prices):
    """Independent providers' income by payer, their costs and surplus per financial year.

    Args:
        months: Run-month indices recorded.
        records: Each month's market record (``ProviderMarket.take_month``).
        scale: Agents per person.
        prices: ``PricesConfig`` (real and present values beside nominal).

    Returns:
        Columns ``fy``, ``flow`` (income, cost or surplus of independent providers; transfer:
        government's funding of councils' own services for pay levers), ``item``, ``payer``,
        ``gbp``, ``gbp_real`` and ``gbp_present_value``.
    """
    rows = []
    if months:
        by_year = _monthly(months, records, scale).groupby("fy", sort=False)
        for fy, year in by_year:
            for key, (flow, item, payer) in MONEY.items():
                rows.append((fy, flow, item, payer, float(year[key].sum())))
    df = pd.DataFrame(rows, columns=["fy", "flow", "item", "payer", "gbp"])
    return priced(df, prices)


def market_tables(months: list[int], records: list[dict], scale: float, prices) -> dict:
    """``provider_market_annual`` and ``provider_income_annual`` (arguments as above)."""
    return {
        "provider_market_annual": provider_market_table(months, records, scale),
        "provider_income_annual": provider_income_table(months, records, scale, prices),
    }
