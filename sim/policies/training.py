"""Training: funded Care Certificate and Level 2 completions.

Care and support workers at affected employers complete the Care Certificate and Level 2
``completion_multiplier`` times as often; government pays ``cost_per_completion`` for each
completion at those employers, and their staff with a Care Certificate or above leave work
less (``retention_effect``). Level 3 opens senior and Band 4 posts; where NHS trusts ask for
a qualification of support workers (``training.nhs_support_min_qual``), training also opens
NHS posts to care staff.
"""

import numpy as np

from sim.state import ASC, T_TRAINED_EXIT_SCALE


def apply(lever, x, mask, model, numbers) -> None:
    """Raise completion rates at care sites in ``mask``; set the funding per completion."""
    sites = mask & (model.sites.sector == ASC)
    boost = 1.0 + (lever.completion_multiplier - 1.0) * x
    numbers.training_boost[sites] = np.maximum(numbers.training_boost[sites], boost)
    numbers.cost_per_completion = lever.cost_per_completion
    numbers.terms[sites, T_TRAINED_EXIT_SCALE] *= 1.0 - lever.retention_effect * x
