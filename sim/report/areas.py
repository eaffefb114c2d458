"""What the packaged geography says of each ICS: centroid, people, councils, rural and coast.

Read from ``sim.world.geography`` (GeoNames places, the council lookup table): nothing
here depends on a run. The NHS trust sites a run places in an ICS come from the same
split of the national trust count by population that ``sim.world.population`` uses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.world.allocation import allocate
from sim.world.geography import build_geography


@dataclass(frozen=True)
class IcsContext:
    """One ICS's geography.

    Attributes:
        name: The ICS.
        region: The region holding most of its people.
        population: People in its GeoNames places (places of 1,000 or more).
        councils: Its councils with adult social care duties.
        rural_councils: Those counted rural (``sim.world.geography.RURAL_SHARE_THRESHOLD``).
        coastal_councils: Those on the coast or a major estuary.
        rural_share: Share of its place population in places under 10,000 people.
        trust_sites: NHS trust sites a run places in it.
    """

    name: str
    region: str
    population: float
    councils: tuple[str, ...]
    rural_councils: tuple[str, ...]
    coastal_councils: tuple[str, ...]
    rural_share: float
    trust_sites: int


def ics_table() -> pd.DataFrame:
    """Every ICS and its geography, one row each.

    Returns:
        ``area``, ``region``, ``lat_deg``, ``lon_deg`` (population centroid, degrees),
        ``population``, ``councils``, ``rural_share`` and ``coastal_councils``.
    """
    geo = build_geography()
    pop = np.bincount(geo.la_ics, weights=geo.la_pop, minlength=len(geo.ics_name))
    lat = np.bincount(geo.la_ics, weights=geo.la_pop * geo.la_lat_deg) / pop
    lon = np.bincount(geo.la_ics, weights=geo.la_pop * geo.la_lon_deg) / pop
    rural = np.bincount(geo.la_ics, weights=geo.la_pop * geo.la_rural_share) / pop
    return pd.DataFrame(
        {
            "area": geo.ics_name.astype(str),
            "region": geo.region_name[geo.ics_region].astype(str),
            "lat_deg": lat,
            "lon_deg": lon,
            "population": pop,
            "councils": np.bincount(geo.la_ics, minlength=len(pop)),
            "rural_share": rural,
            "coastal_councils": np.bincount(geo.la_ics, weights=geo.la_coastal.astype(float)),
        }
    )


def ics_names() -> list[str]:
    """The 42 ICS names, sorted."""
    return sorted(build_geography().ics_name.astype(str))


def ics_context(name: str, national_trusts: int) -> IcsContext:
    """The geography of one ICS.

    Args:
        name: An ICS name (``ics_names``).
        national_trusts: NHS trusts in England in the run's config
            (``population.nhs_trusts``).

    Raises:
        ValueError: for an unknown ICS, naming the allowed ones.
    """
    geo = build_geography()
    names = list(geo.ics_name.astype(str))
    if name not in names:
        raise ValueError(f"ics={name!r} is not allowed: expected one of {sorted(names)}")
    k = names.index(name)
    mine = geo.la_ics == k
    pop = np.bincount(geo.la_ics, weights=geo.la_pop, minlength=len(names))
    trusts = allocate(national_trusts, pop, minimum=1)
    return IcsContext(
        name=name,
        region=str(geo.region_name[geo.ics_region[k]]),
        population=float(pop[k]),
        councils=tuple(geo.la_name[mine].astype(str)),
        rural_councils=tuple(geo.la_name[mine & geo.la_rural].astype(str)),
        coastal_councils=tuple(geo.la_name[mine & geo.la_coastal].astype(str)),
        rural_share=float(np.sum(geo.la_pop[mine] * geo.la_rural_share[mine]) / pop[k]),
        trust_sites=int(trusts[k]),
    )
