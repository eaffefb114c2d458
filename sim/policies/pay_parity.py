"""Pay parity with the NHS: care roles pegged to their Agenda for Change band.

A care worker's, senior care worker's and nurse's rate closes ``share`` of its gap to the
NHS rate of the same role in the site's area (Band 2/3, Band 4, Band 5); other staff and
other registered professionals are not pegged. The parts of total reward named in
``reward_parts`` (pension, sick pay, enhancements, leave) close the same share of their gap
to the NHS package, for every role at the site.
"""

import numpy as np

from sim.state import ASC, REWARD_NAMES


def apply(lever, x, mask, model, numbers) -> None:
    """Raise the parity share of care sites in ``mask`` to ``share * x``."""
    sites = mask & (model.sites.sector == ASC)
    numbers.parity_share[sites] = np.maximum(numbers.parity_share[sites], lever.share * x)
    rates = model.nhs_pay_by_la[model.sites.la]
    numbers.parity_rate[sites, :3] = rates[sites, :3]
    closed = lever.share * x
    for name in lever.reward_parts:
        p = REWARD_NAMES.index(name)
        own = model.base_reward[:, p]
        numbers.raise_reward("pay_parity", sites, p, own + closed * (model.nhs_reward[p] - own))
    numbers.funded_shares["pay_parity"] = lever.government_funded_share
