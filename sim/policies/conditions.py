"""Better conditions: guaranteed hours instead of zero-hours contracts, sick pay, pension."""

from sim.policies.wagebill import care_wage_bill
from sim.state import ASC


def apply(lever, x, mask, model, numbers) -> None:
    """Fewer zero-hours offers, better conditions index; employers pay the extra cost."""
    sites = mask & (model.sites.sector == ASC)
    numbers.zero_hours_scale[sites] *= 1.0 - lever.zero_hours_reduction * x
    numbers.conditions_extra[sites] += lever.conditions_gain * x
    cost = lever.cost_share_of_pay * x * care_wage_bill(model, sites)
    numbers.add_cost(("conditions", "sick pay and pension", "employers"), cost)
