"""Career pathway: pay steps for experience, seniority and qualification in care jobs.

Care employers in the lever's areas add ``experience_step`` per year with the employer and
``qualification_step`` per qualification level to every worker's pay, and raise the senior
care worker rate by ``seniority_step``. The seniority step is a supplement on the site rate;
the personal steps are counted as this lever's pay cost when the month is accounted.
"""

import numpy as np

from sim.state import ASC, T_EXPERIENCE_STEP, T_QUALIFICATION_STEP

SENIOR = 1


def apply(lever, x, mask, model, numbers) -> None:
    """Raise pay steps and the senior rate at care sites in ``mask``."""
    sites = mask & (model.sites.sector == ASC)
    extra = np.zeros((model.sites.n, 2))
    extra[sites] = (lever.experience_step * x, lever.qualification_step * x)
    numbers.terms[:, T_EXPERIENCE_STEP] += extra[:, 0]
    numbers.terms[:, T_QUALIFICATION_STEP] += extra[:, 1]
    numbers.step_extra["career_pathway"] = numbers.step_extra.get("career_pathway", 0.0) + extra
    numbers.add_supplement("career_pathway", sites, lever.seniority_step * x, SENIOR)
    numbers.funded_shares["career_pathway"] = lever.government_funded_share
