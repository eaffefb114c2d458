"""Running the model over seeds and scoring it against the targets.

Each evaluation runs, for every seed, the model with the candidate coefficients (first-year
moments), the 10% pay-rise experiment (the separation response) and the 2023/24 to 2024/25
backtest (vacancy, turnover, filled and British-national posts year by year; the NHS's
drift). The moments are averaged over seeds (the same seeds for every candidate: common
random numbers) and the distance is ``sum(weight * ((simulated - target) / tolerance) ** 2)``
over the fitted targets. Seeds can run in parallel worker processes (``Setup.jobs``); the
result does not depend on how many.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from sim.calibration.moments import (
    BACKTEST_OVERRIDES,
    BACKTEST_POST_GROWTH,
    BACKTEST_STANDS_FOR,
    BACKTEST_YEARS,
    HOLDOUT_OVERRIDES,
    HOLDOUT_POST_GROWTH,
    HOLDOUT_YEARS,
    NHS_DRIFT,
    PAY_RISE_OVERRIDES,
    nhs_vacancy_drift,
    pay_response,
    run_moments,
    treated_areas,
    year_moments,
)
from sim.calibration.space import with_values
from sim.config import SimConfig, load_config, validate

PAY_RESPONSE = "separation_response_to_pay"


class Configs(NamedTuple):
    """The configs one candidate is run with (before its coefficient values).

    Attributes:
        base: The projection from April 2024 (first-year moments).
        raised: The pay-rise experiment, or None when not run.
        backtest: The 2023/24 to 2024/25 backtest, or None when not run.
    """

    base: SimConfig
    raised: SimConfig | None
    backtest: SimConfig | None


@dataclass(frozen=True)
class Setup:
    """How each candidate is simulated.

    Attributes:
        scale: Agents per real person (a reduced scale, e.g. 0.02).
        years: Horizon in years of the base run (moments use the first financial year).
        seeds: Root seeds; every candidate is run with all of them.
        pay_experiment: Also run the pay-rise experiment (for the separation response).
        overrides: Further config overrides applied to every run.
        backtest: Also run the backtest (for its year-by-year moments).
        jobs: Worker processes running seeds in parallel (1: in this process).
    """

    scale: float
    years: int
    seeds: tuple[int, ...]
    pay_experiment: bool = True
    overrides: tuple[str, ...] = ()
    backtest: bool = True
    jobs: int = 1

    def _common(self) -> list[str]:
        return [
            f"scale={self.scale}",
            "progress=false",
            "figure=false",
            "handles=employers",
            *self.overrides,
        ]

    def configs(self) -> Configs:
        """The configs of every run of a candidate (before the candidate's values)."""
        common = [*self._common(), f"years={self.years}"]
        raised = load_config([*common, *PAY_RISE_OVERRIDES]) if self.pay_experiment else None
        backtest = self.backtest_config() if self.backtest else None
        return Configs(load_config(common), raised, backtest)

    def backtest_config(self) -> SimConfig:
        """The backtest's config: ``BACKTEST_YEARS`` years from the 2022/23 position."""
        return self._history_config(BACKTEST_YEARS, BACKTEST_OVERRIDES, BACKTEST_POST_GROWTH)

    def holdout_config(self) -> SimConfig:
        """The held-out year's config: one year from the 2021/22 position (not fitted)."""
        return self._history_config(HOLDOUT_YEARS, HOLDOUT_OVERRIDES, HOLDOUT_POST_GROWTH)

    def _history_config(self, years: int, overrides, post_growth: float) -> SimConfig:
        """A run over published years: their overrides, funded ASC posts growing as published.

        The 65+ growth is set so that, through the config's elasticity of posts to need,
        posts grow by ``post_growth`` (fraction a year). Its first year stands for one before
        2024/25, which takes 2024/25's non-British share of entrants (the path by year is
        shifted one year later).
        """
        cfg = load_config([*self._common(), f"years={years}", *overrides])
        d, e = cfg.demand, cfg.entry
        growth = (1.0 + post_growth) ** (1.0 / d.posts_elasticity_to_need) - 1.0
        shares = [e.non_british_share_of_entrants[0], *e.non_british_share_of_entrants]
        out = dataclasses.replace(
            cfg,
            demand=dataclasses.replace(d, pop65_growth_per_year=growth),
            entry=dataclasses.replace(e, non_british_share_of_entrants=shares),
        )
        validate(out)
        return out


def run_tables(cfg: SimConfig):
    """Run a config to its horizon; return the model and its tables."""
    from sim.model import CareWorkforceModel

    model = CareWorkforceModel(cfg)
    model.run(progress=False)
    return model, model.tables()


def candidate_config(cfg: SimConfig, values: dict[str, float], seed: int) -> SimConfig:
    """``cfg`` with the candidate's values and ``seed``, validated."""
    out = dataclasses.replace(with_values(cfg, values), seed=seed)
    validate(out)
    return out


def per_seed(cfg: SimConfig, seeds, values: dict[str, float], extract) -> pd.DataFrame:
    """Run ``cfg`` with the candidate's values once per seed and extract a Series from each.

    Args:
        cfg: The config before the candidate's values.
        seeds: Root seeds.
        values: Coefficient values by config path.
        extract: Function from a run's tables to a Series (the same index for every seed).

    Returns:
        One row per seed, one column per entry of the extracted Series.
    """
    frames = []
    for seed in seeds:
        _, tables = run_tables(candidate_config(cfg, values, seed))
        frames.append(extract(tables).rename(seed))
    return pd.concat(frames, axis=1).T


def seed_moments(configs: Configs, values: dict[str, float], seed: int) -> dict[str, float]:
    """Every moment of one candidate and one seed (its runs done one after another).

    Args:
        configs: ``Setup.configs()``.
        values: Coefficient values by config path (others keep the config's defaults).
        seed: Root seed of every run.

    Returns:
        Moment values keyed by target name.
    """
    model, tables = run_tables(candidate_config(configs.base, values, seed))
    band3 = model.cfg.pay.afc_hourly_2024[1]  # December 2024: before any AfC award
    row = run_moments(tables, band3)
    if configs.raised is not None:
        _, raised_tables = run_tables(candidate_config(configs.raised, values, seed))
        row[PAY_RESPONSE] = pay_response(tables, raised_tables, treated_areas(model))
    if configs.backtest is not None:
        _, backtest_tables = run_tables(candidate_config(configs.backtest, values, seed))
        row.update(year_moments(backtest_tables, BACKTEST_STANDS_FOR))
        row[NHS_DRIFT] = nhs_vacancy_drift(backtest_tables)
    return row


def _one_thread_seed_moments(configs: Configs, values: dict[str, float], seed: int):
    import numba

    numba.set_num_threads(1)  # the worker processes share the cores between them
    return seed_moments(configs, values, seed)


def simulate(setup: Setup, values: dict[str, float], configs: Configs | None = None):
    """The moments of every seed for one candidate.

    Args:
        setup: Scale, horizon, seeds, experiments and worker processes.
        values: Coefficient values by config path (others keep the config's defaults).
        configs: ``setup.configs()`` if already built (saves composing them again).

    Returns:
        A DataFrame: one row per seed, one column per moment (target names). Identical
        whatever ``setup.jobs`` is: each run depends only on its config and seed.
    """
    configs = configs or setup.configs()
    jobs = min(setup.jobs, len(setup.seeds))
    if jobs > 1:
        from joblib import Parallel, delayed

        rows = Parallel(n_jobs=jobs)(
            delayed(_one_thread_seed_moments)(configs, values, seed) for seed in setup.seeds
        )
    else:
        rows = [seed_moments(configs, values, seed) for seed in setup.seeds]
    return pd.DataFrame(rows, index=pd.Index(setup.seeds, name="seed"))


def distance(moments: pd.Series, targets: pd.DataFrame) -> float:
    """Weighted distance of mean moments to the fitted targets (dimensionless, >= 0).

    Args:
        moments: Mean simulated value by target name.
        targets: The fitted rows of the target table (``value``, ``tolerance``, ``weight``).

    Returns:
        ``sum(weight * ((moment - value) / tolerance) ** 2)``; infinite if a moment is
        missing or not finite.
    """
    sim = moments.reindex(targets.index).to_numpy(float)
    if not np.all(np.isfinite(sim)):
        return float("inf")
    z = (sim - targets["value"].to_numpy(float)) / targets["tolerance"].to_numpy(float)
    return float(np.sum(targets["weight"].to_numpy(float) * z**2))


def seeds_from(text: Sequence[int] | str) -> tuple[int, ...]:
    """Seeds from a sequence or a comma-separated string, e.g. ``"1,2,3"``."""
    if isinstance(text, str):
        return tuple(int(s) for s in text.split(",") if s.strip())
    return tuple(int(s) for s in text)
