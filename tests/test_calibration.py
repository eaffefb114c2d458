import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from sim.calibration.cli import main
from sim.calibration.objective import Setup, distance, simulate
from sim.calibration.space import SPACE, Coefficient, get_value, with_values
from sim.calibration.study import open_study, run, storage_url
from sim.calibration.targets import TARGETS_CSV, fitted_targets, load_targets
from sim.config import SimConfig


def test_target_table_is_complete_and_fits_the_headline_figures():
    targets = load_targets()
    fitted = set(fitted_targets(targets).index)
    assert {
        "asc_vacancy_rate_2023_24",
        "asc_vacancy_change_2024_25",
        "asc_filled_change_2024_25",
        "british_national_change_2024_25",
        "asc_turnover_rate_2023_24",
        "separation_response_to_pay",
    } <= fitted
    assert not targets["source"].isna().any(), "every target names its source"
    assert not targets["uncertainty"].isna().any(), "every uncertainty says where it is from"
    assert (targets["tolerance"] >= targets["observation_sd"]).all()
    assert (targets.loc[list(fitted), "seed_sd"] > 0).all(), "seed noise is measured"


def test_bad_target_table_is_refused(tmp_path):
    path = tmp_path / "t.csv"
    table = pd.read_csv(TARGETS_CSV)
    table.loc[0, "observation_sd"] = 0.0
    table.to_csv(path, index=False)
    with pytest.raises(ValueError, match="observation_sd > 0"):
        load_targets(path)


def test_distance_is_weighted_sum_of_squared_standardised_errors():
    targets = pd.DataFrame(
        {"value": [0.1, 12.0], "tolerance": [0.01, 0.5], "weight": [1.0, 2.0]}, index=["a", "b"]
    )
    sim = pd.Series({"a": 0.12, "b": 11.0, "unused": 5.0})
    assert distance(sim, targets) == pytest.approx(1.0 * 2.0**2 + 2.0 * 2.0**2)
    assert distance(pd.Series({"a": 0.1}), targets) == math.inf


def test_space_paths_exist_and_defaults_lie_inside_their_ranges():
    cfg = SimConfig()
    for c in SPACE:
        assert c.low <= get_value(cfg, c.name) <= c.high, c.name
    changed = with_values(cfg, {"behaviour.offers_sampled": 5.6, "pay.outside_premium": 0.05})
    assert changed.behaviour.offers_sampled == 6 and changed.pay.outside_premium == 0.05
    assert cfg.behaviour.offers_sampled == 4, "the original config is not modified"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--scale", "0.5"], "--scale"),
        (["--seeds", "1,x"], "--seeds"),
        (["--years", "0"], "--years"),
        (["--check-scales", "0.05,2"], "--check-scales"),
        (["--jobs", "0"], "--jobs"),
        (["--hold", "behaviour.nosuch"], "--hold"),
        (["--seeds", "1,1"], "--seeds"),
        (["--scale", "1e-9"], "--scale"),
        (["--skip-fit", "--storage", "{tmp}/none.db"], "--storage"),
    ],
)
def test_bad_options_exit_2_naming_the_option(args, field, capsys, tmp_path):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert main(args) == 2
    assert not any(tmp_path.iterdir()), "nothing is created"
    err = capsys.readouterr().err
    assert err.startswith("config error: " + field) and err.count("\n") == 1


@pytest.mark.slow
def test_fit_recovers_coefficients_that_simulated_the_data(tmp_path):
    """Identification: data simulated with known coefficients are fitted back."""
    truth = {"behaviour.search_employed_base": 0.04, "pay.care_worker_premium_mean": 0.02}
    setup = Setup(scale=0.003, years=1, seeds=(5,), pay_experiment=False, backtest=False)
    data = simulate(setup, truth).mean()
    names = ["asc_turnover_rate", "care_worker_average_pay"]
    targets = pd.DataFrame(
        {"value": data[names], "tolerance": [0.01, 0.05], "weight": [1.0, 1.0]}, index=names
    )
    space = (
        Coefficient("behaviour.search_employed_base", 0.01, 0.06, log=True),
        Coefficient("pay.care_worker_premium_mean", 0.0, 0.08),
    )
    study = open_study("identification", storage_url(tmp_path / "id.db"), sampler_seed=3)
    run(study, setup, targets, n_trials=50, timeout_s=None, space=space)
    best = study.best_params
    assert best["behaviour.search_employed_base"] == pytest.approx(0.04, rel=0.15)
    assert best["pay.care_worker_premium_mean"] == pytest.approx(0.02, abs=0.008)
    assert study.best_value < distance(simulate(setup, {}).mean(), targets)


def test_fitted_record_replaces_declared_defaults_with_their_source(tmp_path):
    import json
    from dataclasses import dataclass, fields

    from sim.config.fitted import fitted
    from sim.config.param import param

    record = {
        "date": "2026-11-24",
        "study": "s",
        "trial": 7,
        "scale": 0.02,
        "seeds": [1, 2],
        "distance": 1.5,
        "hand_set_distance": 20.0,
        "values": {"g.rate": 0.3, "g.count": 4.6, "other.rate": 9.0},
    }
    path = tmp_path / "fitted.json"
    path.write_text(json.dumps(record))

    @dataclass
    @fitted("g", path, ensemble_csv=tmp_path / "no_ensemble.csv")
    class G:
        rate: float = param(0.1, "share", "hand-set")
        count: int = param(2, "count", "hand-set")
        kept: float = param(1.0, "share", "published")

    g = G()
    assert (g.rate, g.count, g.kept) == (0.3, 5, 1.0)
    source = {f.name: f.metadata["source"] for f in fields(G)}
    assert "calibrated 2026-11-24" in source["rate"] and "1.50 against 20.00" in source["rate"]
    assert source["kept"] == "published"


@pytest.mark.slow
def test_shipped_defaults_reproduce_the_fitted_targets_within_tolerance():
    from sim.config.fitted import load_fitted

    record = load_fitted()
    if record is None:
        pytest.skip("no calibration shipped (sim/data/fitted_defaults.json absent)")
    targets = fitted_targets(load_targets())
    setup = Setup(record["scale"], record["years"], tuple(record["report_seeds"][:2]))
    means = simulate(setup, {}).mean()
    for name in record["within_tolerance"]:
        row = targets.loc[name]
        assert abs(means[name] - row["value"]) <= row["tolerance"], (name, means[name])
    assert distance(means, targets) < record["hand_set_distance"]


def test_near_best_range_marks_a_pinned_coefficient_identified_and_a_flat_one_not():
    from sim.calibration.identification import parameter_table

    pinned = Coefficient("a", 0.0, 10.0)
    flat = Coefficient("b", 1.0, 100.0, log=True)
    trials = pd.DataFrame(
        {
            "distance": [0.0, 1.0, 1.5, 50.0, 60.0],
            "a": [5.0, 5.5, 4.8, 0.5, 9.5],
            "b": [1.2, 90.0, 30.0, 10.0, 2.0],
        }
    )
    table = parameter_table(trials, [pinned, flat], {"a": 3.0}, {"a": 0.9}).set_index("parameter")
    assert table.loc["a", "near_best_low"] == 4.8 and table.loc["a", "near_best_high"] == 5.5
    assert bool(table.loc["a", "identified"]) and not bool(table.loc["b", "identified"])
    assert table.loc["b", "near_best_share_of_range"] == pytest.approx(
        math.log(90 / 1.2) / math.log(100)
    )


def test_seed_summary_gives_a_t_interval_of_the_mean():
    from sim.calibration.summary import seed_summary

    s = seed_summary(pd.DataFrame({"x": [1.0, 2.0, 3.0]})).loc["x"]
    assert s["mean"] == 2.0 and s["seed_sd"] == 1.0
    assert s["ci_high"] - s["mean"] == pytest.approx(4.302653 / math.sqrt(3), rel=1e-5)


@pytest.mark.slow
def test_seeds_in_worker_processes_give_the_same_moments_as_in_process():
    setup = Setup(scale=0.003, years=1, seeds=(5, 6), pay_experiment=False)
    configs = setup.configs()
    here = simulate(setup, {}, configs)
    workers = simulate(replace(setup, jobs=2), {}, configs)
    pd.testing.assert_frame_equal(here, workers)
    assert here["asc_vacancy_rate_2023_24"].between(0.0, 1.0).all()
    assert here["asc_filled_change_2024_25"].between(-0.5, 0.5).all()


def _long_run(ends: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """A long-run table: each candidate's (ASC, NHS) last-year rates, half that at the start."""
    rows = []
    for label, (asc, nhs) in ends.items():
        for fy, scale in (("2024/25", 0.5), ("2038/39", 1.0)):
            for measure, rate in (("asc_vacancy_rate", asc), ("nhs_vacancy_rate", nhs)):
                rows.append(
                    {"candidate": label, "measure": measure, "fy": fy, "mean": rate * scale}
                )
    return pd.DataFrame(rows)


def _evaluated(fitted_distance: float, near_best: tuple[float, float]) -> dict:
    targets = fitted_targets(load_targets())
    moments = pd.DataFrame([targets["value"]] * 2)
    return {
        "distances": {"hand-set": 30.0, "fitted": fitted_distance},
        "long_run": _long_run({"hand-set": (0.14, 0.05), "fitted": (0.08, 0.08)}),
        "near_best_long_run": _long_run(
            {"fitted": (0.08, 0.08), "trial 7": (0.09, 0.07), "trial 9": near_best}
        ),
        "runs": {"fitted": moments},
        "candidates": {"fitted": {"behaviour.utility_log_earnings": 3.0}},
        "setup": Setup(scale=0.01, years=1, seeds=(101, 102)),
    }


@pytest.mark.parametrize(
    ("fitted_distance", "near_best", "says"),
    [
        (20.0, (0.08, 0.08), "not shipped: fitted distance 20.00"),
        (3.0, (0.13, 0.08), "ASC 5.0 points"),
        (3.0, (0.08, 0.20), "NHS 12.0 points"),
        (3.0, (0.065, 0.095), "shipped to"),
    ],
)
def test_a_fit_ships_only_if_it_halves_the_distance_and_near_best_trials_agree_on_the_long_run(
    tmp_path, fitted_distance, near_best, says
):
    import json

    import optuna

    from sim.calibration.shipping import ship

    study = optuna.create_study(study_name="s")
    study.add_trial(
        optuna.trial.create_trial(
            params={"behaviour.utility_log_earnings": 3.0},
            distributions={
                "behaviour.utility_log_earnings": optuna.distributions.FloatDistribution(2, 10)
            },
            value=1.0,
        )
    )
    path = tmp_path / "fitted.json"
    message = ship(study, _evaluated(fitted_distance, near_best), (11, 12), load_targets(), path)
    assert says in message
    assert path.exists() == message.startswith("shipped")
    if path.exists():  # the move away from the hand-set baseline is recorded, not gated
        record = json.loads(path.read_text())
        assert record["long_run_shift_from_hand_set"] == pytest.approx({"asc": -0.06, "nhs": 0.03})
        assert record["long_run_spread"] == pytest.approx({"asc": 0.015, "nhs": 0.015})


def test_near_best_candidates_are_the_best_and_evenly_ranked_trials_within_the_margin():
    import optuna

    from sim.calibration.longrun import near_best_candidates

    study = optuna.create_study(study_name="n")
    dist = {"behaviour.utility_log_earnings": optuna.distributions.FloatDistribution(2, 10)}
    for k, value in enumerate([5.0, 1.0, 2.9, 1.5, 2.0, 2.5, 3.1, 1.2]):
        study.add_trial(
            optuna.trial.create_trial(
                params={"behaviour.utility_log_earnings": 2.0 + k}, distributions=dist, value=value
            )
        )
    picked = near_best_candidates(study, k=3)
    # within 2 of the best (1.0): trials 1, 7, 3, 4, 5, 2 by distance; not 6 (3.1) or 0
    assert picked["fitted"] == {"behaviour.utility_log_earnings": 3.0}
    assert list(picked) == ["fitted", "trial 7", "trial 4", "trial 2"]


def test_nhs_drift_is_the_second_year_minus_the_first():
    from sim.calibration.moments import nhs_vacancy_drift

    years = pd.DataFrame(
        {
            "sector": ["asc", "nhs", "asc", "nhs"],
            "fy": ["2024/25", "2024/25", "2025/26", "2025/26"],
            "vacancy_rate": [0.09, 0.060, 0.08, 0.072],
        }
    )
    assert nhs_vacancy_drift({"national_annual": years}) == pytest.approx(0.012)
    with pytest.raises(ValueError, match="two financial years"):
        nhs_vacancy_drift({"national_annual": years.iloc[:2]})


@pytest.mark.slow
def test_one_command_fits_and_writes_the_whole_report(tmp_path, capsys):
    args = ["--study", "tiny", "--scale", "0.003", "--seeds", "1", "--trials", "2"]
    args += ["--report-seeds", "2", "--check-scales", "0.004", "--jobs", "1"]
    args += ["--storage", str(tmp_path / "study.db"), "--out", str(tmp_path)]
    assert main(args) == 0
    report = tmp_path / "report"
    written = {p.name for p in report.iterdir()}
    assert {"targets.csv", "targets.png", "parameters.csv", "long_run.png"} <= written
    assert {"long_run_near_best.csv", "backtest.csv", "scale_check.csv"} <= written
    near = pd.read_csv(report / "long_run_near_best.csv")
    assert "fitted" in set(near["candidate"]) and near["mean"].between(0, 1).any()
    targets = pd.read_csv(report / "targets.csv").set_index("name")
    assert set(fitted_targets(load_targets()).index) <= set(targets.index[targets["is_fitted"]])
    line = (report / "fitted_overrides.txt").read_text().split()
    assert {item.split("=")[0] for item in line} == {c.name for c in SPACE}
    assert "report written to" in capsys.readouterr().out


def test_year_moments_are_rates_and_changes_named_by_the_year_they_stand_for():
    from sim.calibration.moments import year_moments

    annual = pd.DataFrame(
        {
            "sector": ["asc", "nhs", "asc", "nhs"],
            "fy": ["2024/25", "2024/25", "2025/26", "2025/26"],
            "vacancy_rate": [0.09, 0.06, 0.075, 0.06],
            "turnover_rate": [0.25, 0.1, 0.23, 0.1],
            "filled": [1040.0, 9.0, 1066.0, 9.0],
            "british_national": [800.0, 9.0, 770.0, 9.0],
        }
    )
    k = np.arange(12) - 5.5  # the first year's months about their mean
    monthly = pd.DataFrame(
        {
            "sector": ["asc"] * 12 + ["nhs"],
            "fy": ["2024/25"] * 13,
            "filled": [*(1040.0 + 40.0 / 12 * k), 9.0],  # 40 more than the year before
            "british_national": [*(800.0 - 2.5 * k), 9.0],  # 30 fewer
        }
    )
    tables = {"national_annual": annual, "national_monthly": monthly}
    got = year_moments(tables, ("2023/24", "2024/25"))
    assert got == pytest.approx(
        {
            "asc_vacancy_rate_2023_24": 0.09,
            "asc_turnover_rate_2023_24": 0.25,
            "asc_filled_change_2023_24": 0.04,
            "british_national_change_2023_24": -30.0,
            "asc_vacancy_rate_2024_25": 0.075,
            "asc_vacancy_change_2024_25": -0.015,
            "asc_turnover_rate_2024_25": 0.23,
            "asc_filled_change_2024_25": 0.025,
            "british_national_change_2024_25": -30.0,
        }
    )
    with pytest.raises(ValueError, match="at least 3 financial years"):
        year_moments(tables, ("a", "b", "c"))


def test_history_runs_stand_before_2024_25_with_its_non_british_share_of_entrants():
    """The backtest's first year stands for 2023/24 and the held-out year for 2022/23: both
    take 2024/25's share, and the backtest's second year (2024/25) keeps it too."""
    setup = Setup(scale=0.003, years=1, seeds=(1,))
    shares = SimConfig().entry.non_british_share_of_entrants
    for cfg in (setup.backtest_config(), setup.holdout_config()):
        assert cfg.entry.non_british_share_of_entrants == [shares[0], *shares]
