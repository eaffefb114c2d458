"""Who pays: each payer's yearly spend on adult social care and the NHS workforce.

Built from a run's three ledgers, so that every GBP is counted once:

- central government: every cost the levers book to government (its funded share of pay
  levers, fee uplifts, training, the register, technology investment);
- local authorities: council fees to independent providers (``provider_income_annual``)
  and their own care services' staff (``employer_costs_annual``), less what government pays
  those services for pay levers and fee uplifts;
- NHS: trusts' staff (``employer_costs_annual``) and the levers' costs booked to it;
- self-funders: what they pay independent providers;
- independent providers: their costs less their income (minus their surplus), the Home
  Office's charges for sponsoring recruits, and any cost a lever books to employers outside
  pay (registration fees when employers pay them); the employers' share of a pay lever is
  already in their staff costs;
- workers: costs the levers book to them (registration fees).

Paired against the baseline of the same seed and ensemble member, each payer's row is a
lever's cost to that payer, behaviour included; the payers' rows add up to the change in
what care and the NHS workforce cost everyone.
"""

from __future__ import annotations

import pandas as pd

from sim.output.prices import priced
from sim.state import REWARD_NAMES

PAYERS = (
    "central government",
    "local authorities",
    "NHS",
    "self-funders",
    "independent providers",
    "workers",
)
INDEPENDENT = "independent care providers"
PAY_ITEMS = {"pay uplift", "pay steps", *(name.replace("_", " ") for name in REWARD_NAMES)}
"""Lever cost items that are pay: an employer's share of them is in its staff costs."""


def _sum(df: pd.DataFrame, sign: float = 1.0, **match: str) -> pd.Series:
    """``sign`` times ``gbp`` summed by ``fy`` over the rows whose columns equal ``match``."""
    rows = df
    for column, value in match.items():
        rows = rows[rows[column] == value]
    return sign * rows.groupby("fy")["gbp"].sum()


def payer_table(tables: dict[str, pd.DataFrame], prices) -> pd.DataFrame:
    """Each payer's spend per financial year, nominal, real and present value (GBP).

    Args:
        tables: A run's ``costs_annual``, ``employer_costs_annual`` and
            ``provider_income_annual``.
        prices: ``PricesConfig``.

    Returns:
        Columns ``fy``, ``payer`` (``PAYERS``), ``gbp``, ``gbp_real``, ``gbp_present_value``;
        every payer in every year of the employer ledger (0 where it paid nothing).
    """
    levers = tables["costs_annual"]
    employer = tables["employer_costs_annual"]
    market = tables["provider_income_annual"]
    non_pay = levers[~levers["item"].isin(PAY_ITEMS)]
    parts = {
        "central government": [_sum(levers, payer="government")],
        "local authorities": [
            _sum(market, flow="income", payer="local authorities"),
            _sum(employer, payer="local authorities"),
            _sum(market, -1.0, flow="transfer"),
        ],
        "NHS": [_sum(employer, payer="NHS"), _sum(levers, payer="nhs")],
        "self-funders": [_sum(market, flow="income", payer="self-funders")],
        "independent providers": [
            _sum(market, -1.0, flow="surplus"),
            _sum(employer, employer=INDEPENDENT, item="sponsorship of recruits from abroad"),
            _sum(non_pay, payer="employers"),
        ],
        "workers": [_sum(levers, payer="workers")],
    }
    years = pd.Index(employer["fy"].unique(), name="fy")
    rows = [
        pd.DataFrame(
            {
                "fy": years,
                "payer": payer,
                "gbp": sum(p.reindex(years, fill_value=0.0) for p in series),
            }
        )
        for payer, series in parts.items()
    ]
    return priced(pd.concat(rows, ignore_index=True), prices)
