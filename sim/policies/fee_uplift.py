"""Local-authority fee uplift: more fee income raises what care employers can pay.

The uplift widens every affected employer's fee headroom; in the start month employers pass
``premium_boost`` straight into pay. Government pays the uplift on the affected wage bill,
to each employer (``LeverNumbers.fees_gbp``).
"""

from sim.calendar import month_index
from sim.policies.wagebill import site_wage_bills
from sim.state import ASC


def apply(lever, x, mask, model, numbers) -> None:
    """Widen headroom; boost premiums once at the start; count the fee cost."""
    sites = mask & (model.sites.sector == ASC)
    numbers.headroom_extra[sites] += lever.headroom_extra * x
    if model.month == month_index(lever.start):
        numbers.premium_boost[sites] += lever.premium_boost
    fees = lever.headroom_extra * x * site_wage_bills(model)
    numbers.fees_gbp[sites] += fees[sites]
    numbers.add_cost(
        ("fee_uplift", "fee uplift", "government"), fees[sites].sum() / model.cfg.scale
    )
