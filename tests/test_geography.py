"""Tests for sim.world.geography: counts, lookups, distances, commuting and reachability."""

import numpy as np
import pandas as pd
import pytest

from sim.kernels.geometry import commute_minutes, haversine_km
from sim.world.geography import DATA_PATH, REGIONS, build_geography, reachable_las

LONDON_ICS = {
    "North Central London",
    "North East London",
    "North West London",
    "South East London",
    "South West London",
}


@pytest.fixture(scope="module")
def geo():
    """The cached geography."""
    return build_geography()


def test_counts(geo):
    assert geo.n_la == 153
    assert len(set(geo.la_name)) == 153
    assert len(geo.ics_name) == 42
    assert len(set(geo.la_ics)) == 42
    assert list(geo.region_name) == list(REGIONS)
    assert len(set(geo.la_region)) == 9
    assert geo.ics_region.shape == (42,)


def test_table_reads_with_comments():
    table = pd.read_csv(DATA_PATH, comment="#", keep_default_na=False)
    assert list(table.columns) == [
        "la_name",
        "geonames_admin2",
        "anchor_place",
        "ics",
        "region",
        "coastal",
    ]
    assert len(table) == 153
    assert set(table["coastal"]) == {0, 1}


def test_every_la_has_places(geo):
    counts = np.bincount(geo.place_la, minlength=geo.n_la)
    assert counts.min() >= 1
    assert geo.place_la.min() >= 0
    assert np.all(geo.la_pop > 0)
    assert np.isclose(geo.la_pop.sum(), geo.place_pop.sum())
    assert np.all(geo.place_pop > 0)
    assert "London" not in set(geo.place_name)


def test_array_types(geo):
    n_place = len(geo.place_name)
    for arr in (geo.place_lat_deg, geo.place_lon_deg, geo.place_pop):
        assert arr.dtype == np.float64 and arr.shape == (n_place,)
    assert geo.place_la.dtype == np.int32
    assert geo.la_ics.dtype == np.int32 and geo.la_region.dtype == np.int32
    assert geo.la_rural.dtype == bool and geo.la_coastal.dtype == bool
    assert np.all((geo.la_rural_share >= 0) & (geo.la_rural_share <= 1))
    assert np.all((geo.la_lat_deg > 49.8) & (geo.la_lat_deg < 55.9))
    assert np.all((geo.la_lon_deg > -6.5) & (geo.la_lon_deg < 1.8))


def test_london(geo):
    london = REGIONS.index("London")
    in_london_ics = np.isin(geo.ics_name[geo.la_ics], list(LONDON_ICS))
    assert in_london_ics.sum() == 33
    assert np.all(geo.la_region[in_london_ics] == london)
    assert (geo.la_region == london).sum() == 33
    for name in LONDON_ICS:
        assert geo.ics_region[geo.ics_index(name)] == london
    share = geo.la_pop[geo.la_region == london].sum() / geo.place_pop.sum()
    assert 0.13 <= share <= 0.19


def test_known_assignments(geo):
    def la_of(place):
        hits = np.flatnonzero(geo.place_name == place)
        assert len(hits) == 1, place
        return geo.la_name[geo.place_la[hits[0]]]

    assert la_of("Croydon") == "Croydon"
    assert la_of("Romford") == "Havering"
    assert la_of("Uxbridge") == "Hillingdon"
    assert la_of("Keswick") == "Cumberland"
    assert la_of("Penrith") == "Westmorland and Furness"
    assert la_of("Corby") == "North Northamptonshire"
    assert la_of("Daventry") == "West Northamptonshire"
    assert la_of("Chatham") == "Medway"
    assert la_of("Burgh by Sands") == "Cumberland"  # tagged Dumfries and Galloway
    assert la_of("Bournemouth") == la_of("Poole") == "Bournemouth, Christchurch and Poole"


def test_ics_and_region_examples(geo):
    def ics(la):
        return geo.ics_name[geo.la_ics[geo.la_index(la)]]

    def region(la):
        return geo.region_name[geo.la_region[geo.la_index(la)]]

    assert ics("Cumberland") == "North East and North Cumbria"
    assert region("Cumberland") == "North West"
    assert ics("Westmorland and Furness") == "Lancashire and South Cumbria"
    assert ics("Essex") == "Mid and South Essex"
    assert region("Milton Keynes") == "South East"
    assert ics("Milton Keynes") == "Bedfordshire, Luton and Milton Keynes"
    blmk = geo.ics_index("Bedfordshire, Luton and Milton Keynes")
    assert geo.region_name[geo.ics_region[blmk]] == "East of England"


def test_rural_and_coastal(geo):
    cornwall = geo.la_index("Cornwall")
    birmingham = geo.la_index("Birmingham")
    assert geo.la_coastal[cornwall] and geo.la_rural[cornwall]
    assert not geo.la_coastal[birmingham] and not geo.la_rural[birmingham]
    assert not geo.la_rural[geo.la_index("City of London")]
    assert 0.25 <= geo.la_rural.mean() <= 0.45
    assert 0.2 <= geo.la_coastal.mean() <= 0.6


def test_haversine():
    # London (Charing Cross) to Manchester (St Peter's Square).
    d = haversine_km(51.5074, -0.1278, 53.4808, -2.2426)
    assert abs(d - 262.0) <= 5.0
    assert haversine_km(52.0, -1.0, 52.0, -1.0) == 0.0
    assert np.isclose(haversine_km(50.0, 0.0, 51.0, 0.0), 6371.0 * np.pi / 180.0)


def test_commute_minutes():
    dists = np.linspace(0.0, 80.0, 41)
    for rural in (False, True):
        t = np.array([commute_minutes(d, rural) for d in dists])
        assert t[0] == pytest.approx(5.0)
        assert np.all(np.diff(t) > 0)
    # 30 km takes 60 min at 30 km/h (urban) and 40 min at 45 km/h (rural), plus 5 min.
    assert commute_minutes(30.0, False) == pytest.approx(65.0)
    assert commute_minutes(30.0, True) == pytest.approx(45.0)
    assert commute_minutes(10.0, True) < commute_minutes(10.0, False)


def test_reachable_las(geo):
    ptr, idx = reachable_las(geo, 30.0)
    assert ptr.dtype == np.int64 and idx.dtype == np.int32
    assert len(ptr) == geo.n_la + 1 and ptr[0] == 0 and ptr[-1] == len(idx)
    pairs = set()
    for i in range(geo.n_la):
        row = idx[ptr[i] : ptr[i + 1]]
        assert row[0] == i
        assert len(set(row)) == len(row)
        pairs.update((i, int(j)) for j in row)
    assert all((j, i) in pairs for i, j in pairs)
    # All 33 London boroughs lie within 30 km of Westminster.
    west = geo.la_index("Westminster")
    row = set(idx[ptr[west] : ptr[west + 1]].tolist())
    assert set(np.flatnonzero(geo.la_region == REGIONS.index("London"))) <= row
    ptr0, idx0 = reachable_las(geo, 0.0)
    assert np.array_equal(idx0, np.arange(geo.n_la))
    assert np.array_equal(ptr0, np.arange(geo.n_la + 1))


def test_deterministic_and_cached(geo):
    assert build_geography() is geo
    fresh = build_geography.__wrapped__()
    assert np.array_equal(fresh.place_name, geo.place_name)
    assert np.array_equal(fresh.place_la, geo.place_la)
    assert np.array_equal(fresh.la_pop, geo.la_pop)


def test_missing_admin2_row_raises(tmp_path, monkeypatch):
    import sim.world.geography as geography

    lines = DATA_PATH.read_text().splitlines(keepends=True)
    bad = tmp_path / "las.csv"
    bad.write_text("".join(line for line in lines if not line.startswith("Rutland,")))
    monkeypatch.setattr(geography, "DATA_PATH", bad)
    with pytest.raises(ValueError, match="District of Rutland"):
        geography.build_geography.__wrapped__()
