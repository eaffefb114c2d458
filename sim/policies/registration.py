"""Registration of the care workforce: a fee, an entry barrier and a retention effect.

At care employers in the lever's areas, care workers and seniors must be registered:
newcomers to care pay ``entry_cost`` (utils) to join, registered staff leave work less
(``retention_effect`` off their exit hazard), and each registrant pays ``fee_per_year``
(or their employer or government does). Government runs the register.
"""

import numpy as np

from sim.state import ASC, T_ENTRY_COST, T_EXIT_SCALE

REGISTERED_ROLES = 2  # care workers and seniors (nurses are registered already)


def apply(lever, x, mask, model, numbers) -> None:
    """Set the entry cost and exit scale at care sites in ``mask``; count fee and running cost."""
    s = model.sites
    sites = mask & (s.sector == ASC)
    numbers.terms[sites, T_ENTRY_COST] += lever.entry_cost * x
    numbers.terms[sites, T_EXIT_SCALE] *= 1.0 - lever.retention_effect * x
    registrants = float(s.filled[sites, :REGISTERED_ROLES].sum()) / model.cfg.scale
    fees = registrants * lever.fee_per_year / 12.0 * x
    numbers.add_cost(("registration", "registration fees", lever.fee_paid_by), fees)
    covered = np.count_nonzero(sites) / max(np.count_nonzero(s.sector == ASC), 1)
    running = lever.running_cost_per_year / 12.0 * covered * x
    numbers.add_cost(("registration", "running the register", "government"), running)
