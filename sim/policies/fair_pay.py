"""A sector minimum wage set by a Fair Pay Agreement.

The care-worker floor is ``level`` times the NLW, ``level`` GBP an hour, or ``level`` times
the Band 3 entry rate; it rises linearly from the NLW over the phase-in. Other roles keep
their differentials over it (``keep_differentials``) or share the same floor. The agreement
can also set an employer pension floor and a sick-pay guarantee (a share of the Agenda for
Change scheme's value), reached over the same phase-in.
"""

import numpy as np

from sim.state import ASC


def care_floor(lever, model) -> float:
    """The target care-worker floor, GBP per hour."""
    if lever.basis == "absolute":
        return lever.level
    if lever.basis == "afc_band3":
        return lever.level * model.band3_entry
    return lever.level * model.nlw


def apply(lever, x, mask, model, numbers) -> None:
    """Lift the pay floors of care sites in ``mask``."""
    floor = model.nlw + x * max(care_floor(lever, model) - model.nlw, 0.0)
    ratios = np.array(model.cfg.pay.role_pay_ratio) if lever.keep_differentials else 1.0
    sites = mask & (model.sites.sector == ASC)
    numbers.floor[sites] = np.maximum(numbers.floor[sites], floor * ratios)
    numbers.lift_pension_and_sick_pay(
        "fair_pay", sites, x, model, lever.pension_floor, lever.sick_pay_cover
    )
    numbers.funded_shares["fair_pay"] = lever.government_funded_share
