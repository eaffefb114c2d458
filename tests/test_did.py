"""Staggered difference-in-differences (pyfixest) on panels whose effect is known."""

import numpy as np
import pandas as pd
import pytest

from sim.analysis import did

MONTHS = 48
COHORTS = {12: ["a0", "a1", "a2"], 24: ["b0", "b1", "b2"]}  # April 2025 and April 2026


def _panels(effect: float, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Baseline: ICS levels, a common trend and noise; the scenario adds ``effect`` (a share)
    to each treated ICS from its cohort's start."""
    rng = np.random.default_rng(seed)
    names = [*COHORTS[12], *COHORTS[24], *(f"c{k}" for k in range(12))]
    months = np.arange(MONTHS)
    base = pd.DataFrame(
        {
            n: 0.08 + rng.normal(0, 0.01) + 0.0005 * months + rng.normal(0, 0.002, MONTHS)
            for n in names
        },  # fmt: skip
        index=pd.Index(months, name="month"),
    )
    scenario = base.copy()
    for start, areas in COHORTS.items():
        scenario.loc[months >= start, areas] += effect
    return scenario, base


def test_cohorts_are_labelled_by_their_start_date():
    assert did.cohort_label(0) == "April 2024"
    assert did.cohort_label(24) == "April 2026"
    assert did.cohort_label(33) == "January 2027"


def test_the_panel_counts_quarters_from_each_start():
    scenario, base = _panels(-0.01)
    df = did.long_panel(scenario, base, COHORTS, 100.0)
    row = df[(df["ics"] == "b1") & (df["period"] == 8)].iloc[0]  # April 2026: b's first quarter
    assert (row["g"], row["treat"], row["rel"]) == (8, 1, 0)
    assert row["truth"] == pytest.approx(-1.0), "the paired difference, in points"
    before = df[(df["ics"] == "b1") & (df["period"] == 7)].iloc[0]
    assert (before["treat"], before["rel"], before["truth"]) == (0, -1, 0.0)
    control = df[df["ics"] == "c3"]
    assert (control["g"] == 0).all() and np.isinf(control["rel"]).all()
    assert df["rel"][np.isfinite(df["rel"])].between(-did.LEADS, did.LAGS).all()


def test_did2s_recovers_a_known_effect_and_its_truth_per_cohort():
    scenario, base = _panels(-0.01)
    table, events = did.estimate_run(scenario, base, COHORTS, "vacancy_rate")
    table = table.set_index("cohort")
    assert list(table.index) == ["April 2025", "April 2026", "overall"]
    assert table["true"].to_numpy() == pytest.approx(-1.0), "exact: the same seed"
    assert table["att"].to_numpy() == pytest.approx(-1.0, abs=0.15)
    inside = (table["ci_lo"] <= table["true"]) & (table["true"] <= table["ci_hi"])
    assert (table["covered"] == inside).all() and (table["ci_lo"] < table["ci_hi"]).all()
    assert table.loc["overall", "n_treated"] == 6 and table.loc["overall", "n_control"] == 12
    post = events[events["rel"] >= 0]
    assert post["estimate"].to_numpy() == pytest.approx(-1.0, abs=0.3)
    pre = events[events["rel"] < -1]
    assert pre["estimate"].abs().max() < 0.3 and (pre["true"] == 0).all()
    assert table.loc["overall", "pretrend_p"] > 0.001


def test_no_effect_gives_an_estimate_near_zero():
    scenario, base = _panels(0.0, seed=3)
    table, _ = did.estimate_run(scenario, base, COHORTS, "vacancy_rate")
    assert table["att"].abs().max() < 0.2 and (table["true"] == 0).all()


def test_a_roll_out_with_no_control_or_no_pre_period_is_refused():
    scenario, base = _panels(-0.01)
    everyone = {12: list(scenario.columns)}
    with pytest.raises(ValueError, match="never treated"):
        did.estimate_run(scenario, base, everyone, "vacancy_rate")
    with pytest.raises(ValueError, match="April 2024"):
        did.estimate_run(scenario, base, {0: ["a0"]}, "vacancy_rate")


def test_group_paths_hold_the_counterfactual_of_the_treated():
    scenario, base = _panels(-0.01)
    paths = did.group_paths(scenario, base, COHORTS)
    first = paths[paths["cohort"] == "April 2025"]
    first = first.pivot(index="month", columns="group", values="value")
    gap = first["treated"] - first["counterfactual"]
    assert gap[gap.index >= 12].to_numpy() == pytest.approx(-0.01)
    assert gap[gap.index < 12].to_numpy() == pytest.approx(0.0)
