"""The cohort turning 18 each financial year: the size of a year of school and college leavers.

Young people join the modelled labour pool in proportion to it
(``entry.young_entrant_share_of_cohort``), so entry follows the births of 18 years before:
the rise of the late 2000s to the 2012 peak, then the fall since. Migration of children and
teenagers, and the cohort's spread over the entry ages, are left out.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from sim.calendar import START_YEAR

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "births_england_wales.csv"
AGE = 18  # a financial year's cohort: born in the calendar year 18 years before it begins
ENGLAND_SHARE_OF_BIRTHS = 0.95  # assumption: Wales has about 5% of England and Wales births


@functools.cache
def _births() -> dict[int, float]:
    table = pd.read_csv(DATA_PATH, comment="#")
    return dict(zip(table["year"].astype(int), table["live_births"].astype(float), strict=True))


def cohort_turning_18(fy: int) -> float:
    """People in England turning 18 in financial year ``fy`` (0 = 2024/25), from births.

    Years beyond the births held take the nearest year held.
    """
    births = _births()
    year = min(max(START_YEAR + fy - AGE, min(births)), max(births))
    return ENGLAND_SHARE_OF_BIRTHS * births[year]
