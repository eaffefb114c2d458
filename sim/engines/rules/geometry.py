"""Distances and commuting times between places (docs/ODD.md section 10).

The formulas are restated here; the assumed speeds and radius are declared once, in
``sim.kernels.geometry``, and imported as numbers.
"""

from __future__ import annotations

import math

from sim.kernels.geometry import (
    COMMUTE_FIXED_MIN,
    EARTH_RADIUS_KM,
    RURAL_SPEED_KMH,
    URBAN_SPEED_KMH,
)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points.

    Args:
        lat1: Latitude of the first point (degrees).
        lon1: Longitude of the first point (degrees).
        lat2: Latitude of the second point (degrees).
        lon2: Longitude of the second point (degrees).

    Returns:
        Distance (km) on a sphere of radius ``EARTH_RADIUS_KM``.
    """
    p1 = math.radians(lat1)
    p2 = math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    sin_half_dp = math.sin(dp / 2.0)
    sin_half_dl = math.sin(dl / 2.0)
    a = sin_half_dp * sin_half_dp + math.cos(p1) * math.cos(p2) * (sin_half_dl * sin_half_dl)
    return 2.0 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def commute_minutes(distance_km: float, rural: bool) -> float:
    """Door-to-door commuting time by road.

    Args:
        distance_km: Trip distance (km).
        rural: Whether the trip is in a rural area (faster average roads).

    Returns:
        Trip time (minutes): ``COMMUTE_FIXED_MIN`` plus the distance at ``URBAN_SPEED_KMH``
        or ``RURAL_SPEED_KMH``.
    """
    speed_kmh = RURAL_SPEED_KMH if rural else URBAN_SPEED_KMH
    return COMMUTE_FIXED_MIN + 60.0 * distance_km / speed_kmh
