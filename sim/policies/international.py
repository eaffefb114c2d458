"""International recruitment: inflow of overseas care workers and the visa route.

Before ``route_closed_from`` (or with it empty) recruits arrive at ``recruits_per_year``;
after it only in-country switchers (``in_country_per_year``) join sponsors.
"""

from sim.calendar import month_index


def apply(lever, x, mask, model, numbers) -> None:
    """Set this month's inflow of international recruits (England, per year)."""
    closed = lever.route_closed_from and model.month >= month_index(lever.route_closed_from)
    numbers.international_per_year = (
        lever.in_country_per_year if closed else (lever.recruits_per_year * x)
    )
