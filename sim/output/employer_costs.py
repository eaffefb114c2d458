"""What employers pay for their staff: the wage ledger of care providers and NHS trusts.

Each month the accounting kernel sums, by kind of employer, basic pay for contracted hours,
each part of total reward valued as its share of that pay (employer pension, occupational
sick pay above statutory, unsocial-hours enhancements, annual leave above the statutory 28
days, the last two standing for the pay and cover they cost), employer National Insurance
above the secondary threshold, and the Home Office's charges for sponsoring each recruit
from abroad (certificate of sponsorship and Immigration Skills Charge). This module turns
those sums into the yearly table ``employer_costs_annual``: the baseline every lever's cost
is set against, and, between paired runs, the cost to employers of levers that act through
pay or recruitment (the NLW path and the international levers among them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim import calendar
from sim.kernels.accounting import B_BASIC, B_NI, B_REWARD, B_SPONSORSHIP
from sim.output.prices import priced
from sim.state import OWNER_INDEPENDENT, OWNER_LA, OWNER_NHS, REWARD_NAMES

EMPLOYERS = {
    OWNER_INDEPENDENT: ("independent care providers", "asc", "employers"),
    OWNER_LA: ("local authority care services", "asc", "local authorities"),
    OWNER_NHS: ("NHS trusts", "nhs", "NHS"),
}
"""Kind of employer -> (name, sector, payer). Outside-sector employers are not reported."""
ITEMS = {
    B_BASIC: "basic pay",
    B_NI: "employer national insurance",
    B_SPONSORSHIP: "sponsorship of recruits from abroad",
} | {B_REWARD + p: name.replace("_", " ") for p, name in enumerate(REWARD_NAMES)}
"""Column of the kernel's tally -> the ledger's item."""


def employer_cost_table(months: list[int], bills: list[np.ndarray], scale: float, prices):
    """Employers' costs per financial year, by employer, payer and item (GBP, England).

    Args:
        months: Run-month indices recorded.
        bills: Each month's ``(N_OWNERS, N_BILL)`` tally (GBP at the run's scale).
        scale: Agents per person (sums are divided by it).
        prices: ``PricesConfig`` (real and present values beside nominal).

    Returns:
        Columns ``fy``, ``employer``, ``sector``, ``payer``, ``item``, ``gbp``, ``gbp_real``
        and ``gbp_present_value``.
    """
    rows = [
        (calendar.financial_year(m), *EMPLOYERS[o], ITEMS[b], float(bill[o, b]) / scale)
        for m, bill in zip(months, bills, strict=True)
        for o in EMPLOYERS
        for b in ITEMS
    ]
    columns = ["fy", "employer", "sector", "payer", "item", "gbp"]
    df = pd.DataFrame(rows, columns=columns)
    out = df.groupby(columns[:-1], as_index=False, sort=False)["gbp"].sum()
    return priced(out, prices)
