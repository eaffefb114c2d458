"""One workforce: joint training and secondments make NHS-care moves cheaper both ways.

Care providers and NHS trusts in the lever's areas take part; a move between care and the
NHS costs less when either end takes part. Each taking-part employer's staff get joint
training, booked at ``joint_training_per_worker_per_year`` to the NHS.
"""

import numpy as np

from sim.state import ASC, NHS, T_SWITCH_CUT


def apply(lever, x, mask, model, numbers) -> None:
    """Cut the care-NHS switching cost at taking-part sites both ways; book joint training."""
    sector = model.sites.sector
    sites = mask & ((sector == ASC) | (sector == NHS))
    cut = numbers.terms[sites, T_SWITCH_CUT]
    numbers.terms[sites, T_SWITCH_CUT] = np.maximum(cut, lever.switch_cost_reduction * x)
    staff = float(model.sites.filled[sites].sum()) / model.cfg.scale
    training = staff * lever.joint_training_per_worker_per_year / 12.0 * x
    numbers.add_cost(("one_workforce", "joint training", "nhs"), training)
