"""Better conditions: guaranteed hours instead of zero-hours contracts, sick pay, pension.

Care employers replace a share of zero-hours contracts and pay at least the lever's employer
pension and sick pay; employers bear the cost of the pension and sick pay they add
(``sim.policies.attribution``).
"""

from sim.state import ASC


def apply(lever, x, mask, model, numbers) -> None:
    """Fewer zero-hours offers; pension and sick pay raised to the lever's floors."""
    sites = mask & (model.sites.sector == ASC)
    numbers.zero_hours_scale[sites] *= 1.0 - lever.zero_hours_reduction * x
    numbers.lift_pension_and_sick_pay(
        "conditions", sites, x, model, lever.pension_floor, lever.sick_pay_cover
    )
