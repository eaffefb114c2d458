"""The returns the strategy's table asserts for technology, set beside what is simulated.

The technology lever books its investment by kind (``investment: <kind>`` rows of
``costs_annual``). Here each year's investment in a kind is multiplied by the table's
provider, NHS and QALY returns per GBP for that kind: ``technology_returns_annual``. These are
the table's claims, not model outputs; the simulated consequences (posts, vacancies, unmet
hours, bed-days, care employers' wage bills) are in the other tables and in paired effects,
and the levers' net cost (``cost_gbp``) never nets these returns.
"""

from __future__ import annotations

import pandas as pd

from sim.config.policies import TECHNOLOGY_KINDS
from sim.output.prices import priced

PREFIX = "investment: "
RETURNS = {
    "provider_return_per_gbp": "providers",
    "nhs_return_per_gbp": "NHS",
    "qaly_return_per_gbp": "QALYs valued in GBP",
}
"""Column of the table (a ``Technology`` field) -> who the return accrues to."""


def technology_returns(costs: pd.DataFrame, technology, prices) -> pd.DataFrame:
    """Returns asserted by the strategy's table for each year's investment, by kind.

    Args:
        costs: ``costs_annual`` (``fy``, ``lever``, ``item``, ``gbp``), nominal GBP.
        technology: The run's ``Technology`` lever config (its return lists).
        prices: ``PricesConfig`` (real and present values beside nominal).

    Returns:
        Columns ``fy``, ``kind``, ``accrues_to``, ``invested_gbp``, ``gbp`` (the asserted
        return, positive), ``gbp_real``, ``gbp_present_value`` and ``basis``; no rows when
        nothing was invested.
    """
    tech = costs[(costs["lever"] == "technology") & costs["item"].str.startswith(PREFIX)]
    rows = []
    for r in tech.itertuples():
        k = TECHNOLOGY_KINDS.index(r.item.removeprefix(PREFIX))
        for field, who in RETURNS.items():
            rate = getattr(technology, field)[k]
            rows.append((r.fy, TECHNOLOGY_KINDS[k], who, r.gbp, r.gbp * rate))
    columns = ["fy", "kind", "accrues_to", "invested_gbp", "gbp"]
    out = pd.DataFrame(rows, columns=columns)
    out = out.groupby(columns[:3], as_index=False)[["invested_gbp", "gbp"]].sum()
    out = priced(out, prices)
    return out.assign(basis="asserted by the strategy's return-on-investment table")
