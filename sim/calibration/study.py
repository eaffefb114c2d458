"""The Optuna study: a seeded TPE sampler minimising the distance, persisted in SQLite.

The study lives in an RDB storage (``sqlite:///results/calibration/study.db`` by default),
so an interrupted fit resumes where it stopped when run again with the same name. The first
trial of a new study is the current defaults, so the report can compare the fit with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import optuna
import pandas as pd

from sim.calibration.objective import Configs, Setup, distance, simulate
from sim.calibration.space import SPACE, Coefficient, get_value

MOMENTS_ATTR = "moments"


def storage_url(path: Path | str) -> str:
    """SQLite URL of a study file (its folder is created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def open_study(name: str, storage: str, sampler_seed: int) -> optuna.Study:
    """Create the study or load it if it exists (a seeded TPE sampler either way)."""
    sampler = optuna.samplers.TPESampler(seed=sampler_seed, n_startup_trials=20)
    return optuna.create_study(
        study_name=name,
        storage=storage,
        sampler=sampler,
        direction="minimize",
        load_if_exists=True,
    )


def objective(
    setup: Setup,
    targets: pd.DataFrame,
    space: Sequence[Coefficient] = SPACE,
    configs: Configs | None = None,
):
    """The Optuna objective: sample coefficients, simulate every seed, return the distance.

    The mean moments over seeds are stored on the trial (user attribute ``moments``).
    ``configs`` is ``setup.configs()`` if already composed.
    """
    configs = configs or setup.configs()

    def evaluate(trial: optuna.Trial) -> float:
        values = {c.name: trial.suggest_float(c.name, c.low, c.high, log=c.log) for c in space}
        means = simulate(setup, values, configs).mean()
        trial.set_user_attr(MOMENTS_ATTR, {k: float(v) for k, v in means.items()})
        return distance(means, targets)

    return evaluate


def enqueue_defaults(study: optuna.Study, cfg, space: Sequence[Coefficient] = SPACE) -> None:
    """Queue the config's current values as the first trial of a new study."""
    if not study.trials:
        study.enqueue_trial({c.name: float(get_value(cfg, c.name)) for c in space})


def run(
    study: optuna.Study,
    setup: Setup,
    targets: pd.DataFrame,
    n_trials: int | None,
    timeout_s: float | None,
    space: Sequence[Coefficient] = SPACE,
) -> optuna.Study:
    """Optimise until ``n_trials`` more trials or ``timeout_s`` seconds, whichever first.

    Each call is logged on the study (user attribute ``runs``: scale, seeds, commit,
    package versions, start time), so a resumed study keeps the record of every session.
    """
    from sim.output.results import git_commit, package_versions

    configs = setup.configs()
    enqueue_defaults(study, configs.base, space)
    runs = study.user_attrs.get("runs", [])
    runs.append(
        {
            "scale": setup.scale,
            "years": setup.years,
            "seeds": list(setup.seeds),
            "pay_experiment": setup.pay_experiment,
            "git_commit": git_commit(),
            "packages": package_versions(),
            "started_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    study.set_user_attr("runs", runs)
    study.optimize(
        objective(setup, targets, space, configs),
        n_trials=n_trials,
        timeout=timeout_s,
        gc_after_trial=False,
        show_progress_bar=False,
    )
    return study


def completed(study: optuna.Study) -> pd.DataFrame:
    """Completed trials: number, distance, parameter values (by config path), moments."""
    rows = []
    for t in study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,)):
        row = {"trial": t.number, "distance": t.value, **t.params}
        row.update({f"moment:{k}": v for k, v in t.user_attrs.get(MOMENTS_ATTR, {}).items()})
        rows.append(row)
    return pd.DataFrame(rows)
