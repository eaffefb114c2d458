"""National Living Wage path: the legal floor raised above the baseline path.

From ``start`` the NLW is ``uplift`` above the published rates and the assumed growth after
them (phased in linearly). It binds every sector: care, NHS bands below it, and outside jobs.
Its cost falls on employers through the wage bill, seen by comparing with a baseline run.
"""


def nlw_factor(lever, x: float) -> float:
    """Multiplier of the baseline NLW this month."""
    return 1.0 + lever.uplift * x
