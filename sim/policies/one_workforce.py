"""One workforce: joint training and secondments make NHS-care moves cheaper both ways.

Care providers and NHS trusts in the lever's areas take part; a move between care and the
NHS costs less when either end takes part.
"""

import numpy as np

from sim.state import ASC, NHS, T_SWITCH_CUT


def apply(lever, x, mask, model, numbers) -> None:
    """Cut the care-NHS switching cost at taking-part sites, in both directions."""
    sector = model.sites.sector
    sites = mask & ((sector == ASC) | (sector == NHS))
    cut = numbers.terms[sites, T_SWITCH_CUT]
    numbers.terms[sites, T_SWITCH_CUT] = np.maximum(cut, lever.switch_cost_reduction * x)
