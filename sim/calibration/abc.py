"""Approximate Bayesian computation by sequential Monte Carlo (pyabc): an ensemble, not a point.

Why ABC-SMC: the model has no likelihood, its outputs are noisy from seed to seed, and the
data leave some coefficients open; ABC-SMC returns a weighted set of coefficient vectors
consistent with the targets within their stated uncertainty, which is what the long run
must be reported over. pyabc runs the sampler (on one machine with several processes, or on
Dask or Redis clusters with its own samplers) and stores every generation in SQLite, so an
interrupted calibration resumes where it stopped.

The prior is uniform over each coefficient's range in ``sim.calibration.space`` (uniform in
log10 for the ``log`` ones). Each simulation runs one candidate with one seed of its own,
so seed noise is part of what the tolerance must absorb. The distance is
``sqrt(sum(weight * ((simulated - target) / tolerance) ** 2))`` over the fitted targets
(the square root of ``sim.calibration.objective.distance``), and generations stop at
``epsilon = sqrt(number of fitted targets)``: candidates whose moments lie, taken together,
about one stated uncertainty from every target.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pyabc

from sim.calibration.proposal import transition
from sim.calibration.space import Coefficient

LOG_SUFFIX = ":log10"  # a log-scale coefficient's name in pyabc: its log10
SEED_RANGE = 2**31 - 1  # each simulation's seed (``seed_of``) lies in [0, SEED_RANGE)


def pyabc_name(c: Coefficient) -> str:
    """A coefficient's name in pyabc: its config path, with ``LOG_SUFFIX`` if log-scale."""
    return c.name + (LOG_SUFFIX if c.log else "")


def prior(space: tuple[Coefficient, ...]) -> pyabc.Distribution:
    """Uniform prior over the search space (log10-uniform for ``log`` coefficients)."""
    rvs = {
        pyabc_name(c): pyabc.RV("uniform", c.bounds[0], c.bounds[1] - c.bounds[0]) for c in space
    }
    return pyabc.Distribution(**rvs)


def to_values(parameters) -> dict[str, float]:
    """Coefficient values by config path, in their own units, from a pyabc parameter."""
    values = {}
    for key, value in dict(parameters).items():
        if key.endswith(LOG_SUFFIX):
            values[key[: -len(LOG_SUFFIX)]] = 10.0 ** float(value)
        else:
            values[key] = float(value)
    return values


def distance(targets: pd.DataFrame) -> pyabc.PNormDistance:
    """Euclidean distance of moments to targets, each scaled by ``sqrt(weight) / tolerance``."""
    w = np.sqrt(targets["weight"].to_numpy(float)) / targets["tolerance"].to_numpy(float)
    return pyabc.PNormDistance(p=2, fixed_weights=dict(zip(targets.index, w, strict=True)))


def stopping_epsilon(targets: pd.DataFrame) -> float:
    """``sqrt(k)`` for ``k`` fitted targets: about one stated uncertainty from each."""
    return math.sqrt(len(targets))


def seed_of(parameters) -> int:
    """A simulation's seed: a hash of its coefficient values (names and exact float bits).

    Any particle's moments are then reproduced by re-running its values, whichever process
    or cluster worker ran it. (pyabc's parallel samplers draw their proposals from their own
    entropy, so which particles a calibration accepts still differs from run to run.)
    """
    items = sorted((str(k), float(v).hex()) for k, v in dict(parameters).items())
    digest = hashlib.sha256(repr(items).encode()).digest()
    return int.from_bytes(digest[:8], "little") % SEED_RANGE


def model(simulate: Callable[[dict[str, float], int], dict], names: list[str]) -> Callable:
    """The pyabc model: one candidate, run with its own seed (``seed_of``), the fitted moments.

    Args:
        simulate: ``simulate(values, seed)`` -> moments by target name.
        names: The fitted targets' names (the moments compared).
    """

    def run(parameters) -> dict[str, float]:
        moments = simulate(to_values(parameters), seed_of(parameters))
        return {name: float(moments.get(name, math.nan)) for name in names}

    return run


def smc(
    simulate: Callable[[dict[str, float], int], dict],
    targets: pd.DataFrame,
    space: tuple[Coefficient, ...],
    population: int,
    sampler: pyabc.sampler.Sampler,
) -> pyabc.ABCSMC:
    """An ABC-SMC over ``space`` against the fitted ``targets`` (not yet started).

    Args:
        simulate: ``simulate(values, seed)`` -> moments by target name.
        targets: The fitted rows of the target table (``value``, ``tolerance``, ``weight``).
        space: The coefficients to fit and their ranges.
        population: Accepted particles per generation.
        sampler: A pyabc sampler (one process, several, or a cluster's).
    """
    return pyabc.ABCSMC(
        model(simulate, list(targets.index)),
        prior(space),
        distance(targets),
        population_size=population,
        transitions=transition({pyabc_name(c): c.bounds for c in space}),
        sampler=sampler,
    )


def run(
    abc: pyabc.ABCSMC,
    db: Path,
    targets: pd.DataFrame,
    generations: int,
    walltime: timedelta,
) -> pyabc.History:
    """Start the calibration stored in ``db``, or resume its last run if the file exists.

    Args:
        abc: ``smc(...)``.
        db: SQLite file of the history (its folder is created).
        targets: The fitted targets (their values are the observed data).
        generations: Stop after this many generations in all (resumed ones included).
        walltime: Stop after this long (this call).
    """
    db = Path(db)
    url = f"sqlite:///{db.resolve()}"
    observed = {name: float(v) for name, v in targets["value"].items()}
    if db.exists():
        history = abc.load(url, _last_run(url))
        done = history.max_t + 1
    else:
        db.parent.mkdir(parents=True, exist_ok=True)
        history = abc.new(url, observed)
        done = 0
    left = generations - done
    if left > 0:
        history = abc.run(
            minimum_epsilon=stopping_epsilon(targets),
            max_nr_populations=left,
            max_walltime=walltime,
        )
    return history


def _last_run(url: str) -> int:
    """Id of the latest calibration run stored at ``url``."""
    runs = pyabc.History(url).all_runs()
    return max(r.id for r in runs)


def ensemble(history: pyabc.History) -> pd.DataFrame:
    """The last generation: one row per coefficient vector, config-path columns, ``weight``.

    Weights are normalised to sum to 1. ``attrs`` holds the generation, its epsilon, the
    population and the date read.
    """
    params, weights = history.get_distribution(m=0, t=history.max_t)
    values = pd.DataFrame([to_values(row) for _, row in params.iterrows()])
    values["weight"] = weights / weights.sum()
    populations = history.get_all_populations()
    last = populations[populations["t"] == history.max_t].iloc[0]
    values.attrs.update(
        generation=int(history.max_t),
        epsilon=float(last["epsilon"]),
        particles=len(values),
        read=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return values


def unit_scaled(ensemble_df: pd.DataFrame, space: tuple[Coefficient, ...]) -> np.ndarray:
    """Members' coefficients as fractions of their prior ranges (log10 for ``log`` ones).

    Returns:
        Array (members, coefficients) in [0, 1].
    """
    cols = []
    for c in space:
        x = ensemble_df[c.name].to_numpy(float)
        low, high = c.bounds
        if c.log:
            x = np.log10(x)
        cols.append((x - low) / (high - low))
    return np.column_stack(cols)


def representative(ensemble_df: pd.DataFrame, space: tuple[Coefficient, ...]) -> int:
    """The weighted medoid: the member nearest, on average by weight, to all the others.

    Distances are Euclidean on each coefficient's prior range scaled to [0, 1], so every
    coefficient counts alike; a member (not a mean of members) keeps the joint structure
    the data impose, which an average of coefficients could break.
    """
    x = unit_scaled(ensemble_df, space)
    w = ensemble_df["weight"].to_numpy(float)
    d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2))
    return int(np.argmin(d @ w))


def accepted_moments(history: pyabc.History, q: tuple[float, ...]) -> pd.DataFrame:
    """Weighted quantiles of the last generation's simulated moments (rows: ``q``).

    These are the moments the accepted members were accepted with (each with its own seed),
    the band a re-run of the ensemble should reproduce.
    """
    weights, stats = history.get_weighted_sum_stats(t=history.max_t)
    df = pd.DataFrame(stats).assign(weight=np.asarray(weights, float))
    return weighted_quantiles(df, q)


def effective_sample_size(ensemble_df: pd.DataFrame) -> float:
    """Kish's effective sample size of the members' weights, ``1 / sum(w ** 2)`` (w sum 1).

    Far below the number of members, the weights rest on few of them and draws by weight
    understate the spread of the coefficients.
    """
    w = ensemble_df["weight"].to_numpy(float)
    w = w / w.sum()
    return float(1.0 / np.sum(w**2))


def weighted_quantiles(ensemble_df: pd.DataFrame, q: tuple[float, ...]) -> pd.DataFrame:
    """Weighted quantiles of every coefficient of an ensemble (rows: ``q``)."""
    w = ensemble_df["weight"].to_numpy(float)
    out = {}
    for name in ensemble_df.columns.drop("weight"):
        x = ensemble_df[name].to_numpy(float)
        order = np.argsort(x)
        cum = np.cumsum(w[order]) / w.sum()
        out[name] = [float(x[order][np.searchsorted(cum, p)]) for p in q]
    return pd.DataFrame(out, index=pd.Index(q, name="quantile"))
