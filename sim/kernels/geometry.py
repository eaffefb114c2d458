"""Distances and commuting times between places, as numba functions kernels can call."""

from __future__ import annotations

import numpy as np
from numba import njit

EARTH_RADIUS_KM = 6371.0

# Commuting by road, door to door (assumed average speeds including congestion and parking).
URBAN_SPEED_KMH = 30.0  # Assumed average road speed in urban areas (km/h).
RURAL_SPEED_KMH = 45.0  # Assumed average road speed in rural areas (km/h).
COMMUTE_FIXED_MIN = 5.0  # Assumed fixed time per trip: walking to/from the car, parking (min).


@njit(cache=True)
def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance between two points.

    Args:
        lat1: Latitude of the first point (degrees).
        lon1: Longitude of the first point (degrees).
        lat2: Latitude of the second point (degrees).
        lon2: Longitude of the second point (degrees).

    Returns:
        Distance (km) on a sphere of radius EARTH_RADIUS_KM.
    """
    p1 = np.radians(lat1)
    p2 = np.radians(lat2)
    dp = p2 - p1
    dl = np.radians(lon2 - lon1)
    a = np.sin(dp / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2.0) ** 2
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(min(1.0, np.sqrt(a)))


@njit(cache=True)
def commute_minutes(distance_km, rural):
    """Door-to-door commuting time by road.

    Args:
        distance_km: Trip distance (km).
        rural: Whether the trip is in a rural area (faster average roads).

    Returns:
        Trip time (minutes): COMMUTE_FIXED_MIN plus distance at URBAN_SPEED_KMH or
        RURAL_SPEED_KMH.
    """
    speed_kmh = RURAL_SPEED_KMH if rural else URBAN_SPEED_KMH
    return COMMUTE_FIXED_MIN + 60.0 * distance_km / speed_kmh
