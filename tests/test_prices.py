"""Cost tables in 2024/25 prices and present values (Green Book discounting)."""

import numpy as np
import pandas as pd
import pytest

from sim.config import ConfigError, SimConfig, load_config
from sim.config.prices import PricesConfig, deflator_index
from sim.output.headline import headline
from sim.output.prices import priced


def test_the_deflator_compounds_each_years_growth_and_repeats_the_last():
    years = np.array([0, 1, 2, 3])
    assert deflator_index([0.02, 0.03], years) == pytest.approx(
        [1, 1.02, 1.02 * 1.03, 1.02 * 1.03**2]
    )


def test_real_costs_and_present_values_in_closed_form():
    costs = pd.DataFrame({"fy": ["2024/25", "2026/27"], "lever": "x", "item": "pay",
                          "payer": "government", "gbp": [100.0, 100.0]})  # fmt: skip
    out = priced(costs, PricesConfig(deflator_growth_per_year=[0.02], discount_rate=0.035))
    assert list(out["gbp_real"]) == pytest.approx([100.0, 100.0 / 1.02**2])
    assert list(out["gbp_present_value"]) == pytest.approx([100.0, 100.0 / 1.02**2 / 1.035**2])
    assert list(out["gbp"]) == [100.0, 100.0], "nominal kept"
    assert priced(costs.iloc[:0], PricesConfig()).columns.tolist()[-2:] == [
        "gbp_real", "gbp_present_value"
    ]  # fmt: skip


def test_a_policy_run_reports_its_costs_in_all_three_prices(tiny_run):
    model, tables = tiny_run
    assert {"gbp_real", "gbp_present_value"} <= set(tables["costs_annual"].columns)
    metrics = set(headline(tables)["metric"])
    assert {"cost_gbp", "cost_gbp_real", "cost_gbp_present_value"} <= metrics


@pytest.mark.parametrize("override", ["prices.discount_rate=-0.01", "prices.discount_rate=nan",
                                      "prices.deflator_growth_per_year=[]"])  # fmt: skip
def test_bad_prices_are_refused(override):
    with pytest.raises(ConfigError, match="prices."):
        load_config([override])


def test_defaults_are_the_green_book_rate_and_a_stated_deflator():
    prices = SimConfig().prices
    assert prices.discount_rate == 0.035 and prices.deflator_growth_per_year == [0.02]


def test_delayed_bed_days_are_valued_at_both_costs_per_bed_day():
    from sim import CareWorkforceModel

    cfg = load_config(["scale=0.002", "years=1", "progress=false"])
    tables = CareWorkforceModel(cfg).run().tables()
    p, pressure = cfg.nhs_pressure, tables["nhs_pressure_monthly"]
    for column, price in (("low", p.bed_day_cost_low), ("high", p.bed_day_cost_high)):
        assert pressure[f"bed_days_cost_{column}_gbp"].to_numpy() == pytest.approx(
            pressure["bed_days"].to_numpy() * price
        )
    h = headline(tables).set_index(["level", "area", "fy", "metric"])["value"]
    key = ("england", "England", "2024/25")
    assert h[(*key, "delayed_bed_days_cost_low")] == pytest.approx(
        h[(*key, "delayed_bed_days")] * p.bed_day_cost_low
    )


def test_a_low_bed_day_cost_above_the_high_one_is_refused():
    with pytest.raises(ConfigError, match=r"nhs_pressure\.bed_day_cost_low"):
        load_config(["nhs_pressure.bed_day_cost_low=600"])
