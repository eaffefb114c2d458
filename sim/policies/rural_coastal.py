"""Rural and coastal attraction: a pay supplement and paid travel time for care jobs."""

from sim.state import ASC


def apply(lever, x, mask, model, numbers) -> None:
    """Supplement pay and discount commute time at care sites in rural / coastal areas."""
    geo, la = model.geo, model.sites.la
    place = (lever.rural & geo.la_rural[la]) | (lever.coastal & geo.la_coastal[la])
    sites = mask & place & (model.sites.sector == ASC)
    numbers.add_supplement("rural_coastal", sites, lever.pay_supplement * x)
    numbers.commute_weight[sites] *= 1.0 - lever.paid_travel_time * x
    numbers.funded_shares["rural_coastal"] = lever.government_funded_share
