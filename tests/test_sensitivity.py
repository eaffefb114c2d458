"""Morris screening of the behavioural coefficients."""

import subprocess
import sys

import pandas as pd
import pytest

from sim.analysis.sensitivity import problem

# Every case here starts a run, a sweep or a benchmark in another process: the slow tier.
pytestmark = pytest.mark.slow


def test_problem_bounds_straddle_the_defaults_and_unknown_names_are_refused():
    prob = problem(0.25)
    assert prob["num_vars"] == len(prob["names"]) >= 10
    assert "taste_scale" not in prob["names"]
    for lo, hi in prob["bounds"]:
        assert lo < hi
    i = prob["names"].index("utility_commute_hour")
    assert prob["bounds"][i] == [-2.5, -1.5]
    with pytest.raises(ValueError, match="no_such"):
        problem(0.25, ["no_such"])


def test_morris_command_screens_two_coefficients(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "sim.cli", "sensitivity", "--output", "turnover_rate",
         "--trajectories", "2", "--parameters", "utility_log_earnings", "switch_cost_sector",
         "--out", str(tmp_path / "m"), "scale=0.002", "years=1", "hydra.launcher.n_jobs=2"],
        cwd=tmp_path, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = pd.read_csv(tmp_path / "m" / "morris_turnover_rate.csv")
    assert set(result["parameter"]) == {"utility_log_earnings", "switch_cost_sector"}
    assert (result["mu_star"] >= 0).all() and result["mu_star"].max() > 0
    assert (tmp_path / "m" / "morris_turnover_rate.png").stat().st_size > 10_000
    assert len(list((tmp_path / "m" / "runs").glob("point_*"))) == 6


def test_sobol_command_apportions_variance_among_two_coefficients(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "sim.cli", "sensitivity", "--method", "sobol", "--samples", "4",
         "--output", "turnover_rate", "--parameters", "utility_log_earnings",
         "search_employed_base", "--out", str(tmp_path / "s"), "scale=0.002", "years=1",
         "hydra.launcher.n_jobs=2"],
        cwd=tmp_path, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = pd.read_csv(tmp_path / "s" / "sobol_turnover_rate.csv").set_index("parameter")
    assert set(result.index) == {"utility_log_earnings", "search_employed_base"}
    assert result["ST"].max() > 0 and (result["ST_conf"] >= 0).all()
    assert len(list((tmp_path / "s" / "runs").glob("point_*"))) == 4 * (2 + 2)
    assert (tmp_path / "s" / "sobol_turnover_rate.png").stat().st_size > 10_000


def test_sobol_needs_a_power_of_two_and_a_few_named_coefficients(tmp_path):
    base = [sys.executable, "-m", "sim.cli", "sensitivity", "--method", "sobol"]
    bad = subprocess.run([*base, "--samples", "6", "--parameters", "taste_scale_x"],
                         cwd=tmp_path, capture_output=True, text=True)  # fmt: skip
    assert bad.returncode == 2 and "samples=6" in bad.stderr
    none = subprocess.run(base, cwd=tmp_path, capture_output=True, text=True)
    assert none.returncode == 2 and "parameters=None" in none.stderr
