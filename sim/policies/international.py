"""International recruitment: inflow of overseas care workers, the visa route, sponsors.

Before ``route_closed_from`` (or with it empty) recruits arrive at ``recruits_per_year``;
after it only in-country switchers (``in_country_per_year``) join sponsors. Each month a
share of licensed care sponsors loses its licence (``licence_revocations_per_year``): their
sponsored staff lose their job and must find another sponsor in time or leave England.
"""

from sim.calendar import month_index
from sim.kernels.sponsorship import draw_revocations


def apply(lever, x, mask, model, numbers) -> None:
    """Set this month's inflow of international recruits and draw licence revocations."""
    closed = lever.route_closed_from and model.month >= month_index(lever.route_closed_from)
    numbers.international_per_year = (
        lever.in_country_per_year if closed else (lever.recruits_per_year * x)
    )
    if lever.licence_revocations_per_year > 0:
        p_month = 1.0 - (1.0 - lever.licence_revocations_per_year * x) ** (1.0 / 12.0)
        s = model.sites
        draw_revocations(
            s.sponsor, s.sector, mask, p_month, model.cfg.seed, model.month, numbers.licence_revoked
        )
