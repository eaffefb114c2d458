"""ABC-SMC calibration (pyabc): priors, distance, a known truth recovered, resuming."""

import math
from datetime import timedelta

import numpy as np
import pandas as pd
import pyabc
import pytest

from sim.calibration import abc
from sim.calibration.objective import distance as objective_distance
from sim.calibration.space import Coefficient

SPACE = (Coefficient("behaviour.a", 0.0, 4.0), Coefficient("behaviour.b", 0.01, 1.0, log=True))
TRUTH = {"behaviour.a": 2.5, "behaviour.b": 0.1}


def toy(values: dict[str, float], seed: int) -> dict[str, float]:
    """Two moments that identify a and log10(b), with seed noise of sd 0.05."""
    noise = np.random.default_rng(seed).normal(0.0, 0.05, 2)
    return {
        "m1": values["behaviour.a"] + noise[0],
        "m2": math.log10(values["behaviour.b"]) + noise[1],
    }


def targets() -> pd.DataFrame:
    observed = toy(TRUTH, seed=0)
    return pd.DataFrame(
        {"value": list(observed.values()), "tolerance": [0.1, 0.1], "weight": [1.0, 1.0]},
        index=pd.Index(list(observed), name="name"),
    )


def test_the_prior_is_uniform_on_the_range_and_log10_uniform_for_log_coefficients():
    np.random.seed(1)  # noqa: NPY002 - pyabc's priors draw from numpy's global generator
    draws = [abc.to_values(abc.prior(SPACE).rvs()) for _ in range(2000)]
    a = np.array([d["behaviour.a"] for d in draws])
    b = np.array([d["behaviour.b"] for d in draws])
    assert a.min() >= 0.0 and a.max() <= 4.0 and abs(a.mean() - 2.0) < 0.1
    assert b.min() >= 0.01 and b.max() <= 1.0
    assert abs(np.median(np.log10(b)) - (-1.0)) < 0.1  # log10-uniform on [-2, 0]


def test_the_distance_is_the_square_root_of_the_objective():
    t = targets().assign(weight=[1.0, 4.0])
    x = {"m1": t["value"].iloc[0] + 0.3, "m2": t["value"].iloc[1] - 0.1}
    y = dict(t["value"])
    d = abc.distance(t)
    d.initialize(0, lambda: [x], y, 0)
    assert d(x, y, t=0) == pytest.approx(math.sqrt(objective_distance(pd.Series(x), t)))


def test_abc_smc_recovers_a_known_truth_and_resumes(tmp_path):
    t = targets()
    np.random.seed(7)  # noqa: NPY002 - pyabc samples from numpy's global generator
    smc = abc.smc(toy, t, SPACE, population=150, sampler=pyabc.sampler.SingleCoreSampler())
    db = tmp_path / "abc.db"
    history = abc.run(smc, db, t, generations=2, walltime=timedelta(minutes=5))
    assert history.max_t == 1
    again = abc.smc(toy, t, SPACE, population=150, sampler=pyabc.sampler.SingleCoreSampler())
    # resumed to six generations in all: 30% of each coefficient's draws come from its prior
    history = abc.run(again, db, t, generations=6, walltime=timedelta(minutes=5))
    assert history.n_populations >= 3  # resumed: generations add up in one run
    ens = abc.ensemble(history)
    assert ens["weight"].sum() == pytest.approx(1.0)
    assert ens.attrs["epsilon"] < 3.0
    q = abc.weighted_quantiles(ens, (0.05, 0.5, 0.95))
    for name, truth in TRUTH.items():
        assert q.loc[0.05, name] <= truth <= q.loc[0.95, name], name
    assert abs(q.loc[0.5, "behaviour.a"] - 2.5) < 0.2


def test_the_representative_is_the_weighted_medoid():
    ens = pd.DataFrame(
        {"behaviour.a": [0.0, 1.0, 4.0], "behaviour.b": [0.1, 0.1, 0.1], "weight": [1, 1, 1]}
    )
    assert abc.representative(ens, SPACE) == 1
    assert abc.representative(ens.assign(weight=[0.0, 0.1, 0.9]), SPACE) == 2


@pytest.mark.slow
def test_simulation_based_calibration_covers_known_truths_at_about_the_stated_rate(tmp_path):
    """Truths drawn from the prior, data simulated with noise equal to the stated tolerance,
    ABC-SMC run to its stopping epsilon: the 90% interval should hold the truth about 90% of
    the time (ABC's uniform kernel makes it, if anything, conservative)."""
    rng = np.random.default_rng(2026)
    covered, runs = 0, 16
    for k in range(runs):
        truth = {"behaviour.a": rng.uniform(0.5, 3.5), "behaviour.b": 10 ** rng.uniform(-1.7, -0.3)}

        def noisy(values, seed):
            noise = np.random.default_rng(seed).normal(0.0, 0.1, 2)
            return {
                "m1": values["behaviour.a"] + noise[0],
                "m2": math.log10(values["behaviour.b"]) + noise[1],
            }

        observed = noisy(truth, seed=10_000 + k)
        t = pd.DataFrame(
            {"value": list(observed.values()), "tolerance": [0.1, 0.1], "weight": [1.0, 1.0]},
            index=pd.Index(list(observed), name="name"),
        )
        np.random.seed(k)  # noqa: NPY002 - pyabc samples from numpy's global generator
        smc = abc.smc(noisy, t, SPACE, population=100, sampler=pyabc.sampler.SingleCoreSampler())
        history = abc.run(smc, tmp_path / f"sbc{k}.db", t, 6, timedelta(minutes=2))
        q = abc.weighted_quantiles(abc.ensemble(history), (0.05, 0.95))
        covered += all(q.loc[0.05, n] <= v <= q.loc[0.95, n] for n, v in truth.items())
    # both coefficients inside: about 0.9**2 = 0.81 if exact, more if conservative
    assert 0.6 <= covered / runs <= 1.0, covered


def test_the_report_marks_a_narrow_coefficient_pinned_and_a_wide_one_open():
    from sim.calibration.ensemble_report import parameters_table

    rng = np.random.default_rng(3)
    ens = pd.DataFrame(
        {
            "behaviour.a": rng.normal(2.0, 0.1, 400).clip(0, 4),  # about 8% of the range
            "behaviour.b": 10 ** rng.uniform(-2, 0, 400),  # the whole (log) range
            "weight": 1 / 400,
        }
    )
    table = parameters_table(ens, SPACE).set_index("parameter")
    assert table.loc["behaviour.a", "pinned"] and not table.loc["behaviour.b", "pinned"]
    assert table.loc["behaviour.a", "median"] == pytest.approx(2.0, abs=0.03)
    assert table.loc["behaviour.b", "share_of_prior_range"] > 0.8


def test_the_report_sets_each_target_beside_the_band_of_the_draws():
    from sim.calibration.ensemble_report import draw_members, targets_table

    picked = draw_members(np.array([0.0, 1.0, 0.0]), 10, seed=1)
    assert (picked == 1).all(), "a member with no weight is never drawn"
    t = pd.DataFrame(
        {"value": [0.5, 2.0], "unit": "u", "period": "p", "fitted": [True, False],
         "tolerance": [0.1, 0.5]},
        index=pd.Index(["m1", "m2"], name="name"),
    )  # fmt: skip
    draws = pd.DataFrame({"member": 0, "m1": np.linspace(0.4, 0.6, 21), "m2": 3.0})
    table = targets_table(t, draws)
    assert table.loc["m1", "published_in_band"] and not table.loc["m2", "published_in_band"]
    assert table.loc["m2", "median_z"] == pytest.approx(2.0)


@pytest.mark.slow
def test_the_shipped_ensemble_reproduces_the_moments_it_was_accepted_with():
    """Every moment of eight members drawn by weight, run with new seeds, lies in the band
    the ensemble was accepted with."""
    from sim.calibration.ensemble_report import draw_members
    from sim.calibration.objective import Setup, seed_moments
    from sim.config.ensemble import load_ensemble

    shipped = load_ensemble()
    if shipped is None:
        pytest.skip("no calibration ensemble shipped")
    meta = shipped.meta
    configs = Setup(meta["scale"], 1, ()).configs()
    picked = draw_members(np.array(shipped.weights), 8, seed=7)
    runs = pd.DataFrame(
        [seed_moments(configs, shipped.members[k], 1000 + i) for i, k in enumerate(picked)]
    )
    for name, target in meta["targets"].items():
        low, _, high = target["accepted_p05_p50_p95"]
        median = runs[name].median()
        slack = 0.25 * (high - low)  # eight draws: their median wanders inside the band
        assert low - slack <= median <= high + slack, (name, median, low, high)


def test_effective_sample_size_counts_members_that_carry_weight():
    even = pd.DataFrame({"weight": [0.25] * 4})
    assert abc.effective_sample_size(even) == pytest.approx(4.0)
    one = pd.DataFrame({"weight": [1.0, 0.0, 0.0]})
    assert abc.effective_sample_size(one) == pytest.approx(1.0)


@pytest.mark.slow
def test_weights_stay_spread_over_many_members_with_many_coefficients(tmp_path):
    """The shape of the real fit (many coefficients, some barely identified) on a linear
    model: pyabc's joint kernel density proposal leaves an effective sample size of a few
    members; the per-coefficient proposals ``abc.smc`` uses keep it a sizeable share."""
    dims, moments, population = 14, 12, 100
    rng = np.random.default_rng(7)
    loading = rng.normal(size=(moments, dims)) * (rng.random((moments, dims)) < 0.3)
    loading[:, 10:] *= 0.05  # four coefficients the moments barely see
    space = tuple(Coefficient(f"behaviour.c{i}", 0.0, 1.0) for i in range(dims))

    def linear(values, seed):
        x = np.array([values[f"behaviour.c{i}"] for i in range(dims)])
        y = loading @ x + np.random.default_rng(seed).normal(0.0, 0.05, moments)
        return {f"m{k}": float(v) for k, v in enumerate(y)}

    observed = linear({f"behaviour.c{i}": v for i, v in enumerate(rng.random(dims))}, 1)
    t = pd.DataFrame(
        {"value": list(observed.values()), "tolerance": 0.05, "weight": 1.0},
        index=pd.Index(list(observed), name="name"),
    )
    np.random.seed(3)  # noqa: NPY002 - pyabc samples from numpy's global generator
    smc = abc.smc(linear, t, space, population, pyabc.sampler.SingleCoreSampler())
    history = abc.run(smc, tmp_path / "wide.db", t, 4, timedelta(minutes=5))
    ess = abc.effective_sample_size(abc.ensemble(history))
    assert history.max_t == 3
    assert ess >= 0.15 * population, ess
