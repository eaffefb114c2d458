"""Cost per outcome: the ratio of paired means, its interval, and when it is withheld."""

import numpy as np
import pandas as pd
import pytest

from sim.analysis.cost_outcome import ALL_YEARS, cost_per_outcome, format_cost_per_outcome

YEARS = ("2024/25", "2025/26")


def metrics(gain_posts: np.ndarray, per_post: float, bed_days: np.ndarray) -> pd.DataFrame:
    """England metrics of a baseline and a scenario, one pair per seed and year."""
    rows = []
    for seed, (posts, beds) in enumerate(zip(gain_posts, bed_days, strict=True)):
        for fy in YEARS:
            base = {"filled_posts": 1.6e6, "delayed_bed_days": 1e6, "unmet_care_hours": 0.0}
            base |= {"cost_gbp_real": 0.0, "cost_gbp_present_value": 0.0}
            base |= {f"asc_employer_cost_gbp_{kind}": 4e10 for kind in ("real", "present_value")}
            scen = dict(base)
            scen["filled_posts"] += posts
            scen["delayed_bed_days"] += beds
            scen["cost_gbp_real"] = scen["cost_gbp_present_value"] = per_post * posts
            for label, values in (("policy=none", base), ("policy=[fair_pay]", scen)):
                for metric, value in values.items():
                    rows.append((label, seed, "england", "England", fy, metric, value))
    cols = ["scenario", "seed", "level", "area", "fy", "metric", "value"]
    return pd.DataFrame(rows, columns=cols)


def test_cost_per_post_is_the_ratio_of_paired_means_and_its_interval_holds_it():
    rng = np.random.default_rng(1)
    gains = rng.normal(2000, 200, 8)
    table = cost_per_outcome(metrics(gains, 5000.0, -gains), "policy=none")
    row = table[
        (table["fy"] == "2024/25")
        & (table["cost"] == "levers' net cost")
        & (table["outcome"] == "filled_posts")
    ].iloc[0]
    assert row["n"] == 8
    assert row["per_outcome"] == pytest.approx(5000.0)
    assert row["per_outcome_lo"] <= 5000.0 <= row["per_outcome_hi"]
    horizon = table[
        (table["fy"] == ALL_YEARS)
        & (table["cost"] == "levers' net cost")
        & (table["outcome"] == "delayed_bed_days")
    ].iloc[0]
    assert horizon["outcome_mean"] == pytest.approx(2 * gains.mean()), "bed-days avoided: a gain"
    assert horizon["per_outcome"] == pytest.approx(5000.0)


def test_no_ratio_is_quoted_when_the_gain_cannot_be_told_from_zero():
    gains = np.array([300.0, -250.0, 100.0, -120.0])
    table = cost_per_outcome(metrics(gains, 5000.0, gains), "policy=none")
    posts = table[table["outcome"] == "filled_posts"]
    assert posts["per_outcome"].isna().all()
    assert (posts["note"] != "").all()
    assert "no ratio quoted" in format_cost_per_outcome(table)


def test_the_interval_is_reproducible_from_its_seed():
    gains = np.random.default_rng(2).normal(1000, 300, 6)
    a = cost_per_outcome(metrics(gains, 7000.0, -gains), "policy=none", seed=4)
    b = cost_per_outcome(metrics(gains, 7000.0, -gains), "policy=none", seed=4)
    pd.testing.assert_frame_equal(a, b)
