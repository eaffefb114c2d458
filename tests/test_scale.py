"""Scale invariance: England-scaled outputs agree across small scales within seed noise.

Three years at scales 0.01 and 0.02, two seeds each; the third financial year's rates and
filled posts must agree to within tolerances a little above the seed spread measured at
these scales (docs/ODD.md section 2), so a drift with the scale, such as the per-area
minimums, the own-employer draws or NHS posts open to everyone once caused, fails here.
"""

import pandas as pd
import pytest

from sim import CareWorkforceModel, load_config

SEEDS = (1, 2)


def third_year(scale: float) -> pd.DataFrame:
    rows = []
    for seed in SEEDS:
        cfg = load_config([f"scale={scale}", f"seed={seed}", "years=3", "progress=false"])
        annual = CareWorkforceModel(cfg).run().tables()["national_annual"]
        rows.append(annual[annual["fy"] == "2026/27"].set_index("sector"))
    return pd.concat(rows).groupby(level=0).mean(numeric_only=True)


@pytest.fixture(scope="module")
def by_scale():
    return {scale: third_year(scale) for scale in (0.01, 0.02)}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sector", "column", "tolerance"),
    [
        ("asc", "vacancy_rate", 0.006),
        ("nhs", "vacancy_rate", 0.005),
        ("asc", "turnover_rate", 0.012),
    ],
)
def test_rates_agree_across_scales(by_scale, sector, column, tolerance):
    small, larger = by_scale[0.01], by_scale[0.02]
    assert abs(small.loc[sector, column] - larger.loc[sector, column]) <= tolerance


@pytest.mark.slow
@pytest.mark.parametrize("sector", ["asc", "nhs", "outside"])
def test_filled_posts_agree_across_scales(by_scale, sector):
    small, larger = by_scale[0.01], by_scale[0.02]
    assert small.loc[sector, "filled"] == pytest.approx(larger.loc[sector, "filled"], rel=0.01)
