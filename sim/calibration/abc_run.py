"""``carework calibrate --method abc``: the ABC-SMC calibration of the model, run and written.

Each simulation runs the candidate's first year, the pay-rise experiment and the backtest
(``sim.calibration.objective.seed_moments``) with one seed drawn for it. Several processes
share the cores (pyabc's ``MulticoreEvalParallelSampler``, one numba thread each); on a
cluster, pyabc's Dask or Redis samplers take the same model. The ensemble (the last
generation) is written as ``ensemble.parquet`` beside ``ensemble.json``, which records the
method, the date, the targets and their file's digest, the settings and the generation.
"""

from __future__ import annotations

import hashlib
import json
from argparse import Namespace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pyabc

from sim.calibration import abc
from sim.calibration.objective import Configs, Setup, seed_moments
from sim.calibration.space import Coefficient
from sim.calibration.targets import TARGETS_CSV


class Simulator:
    """``simulate(values, seed)`` for pyabc: every moment of one candidate and one seed.

    Args:
        configs: ``Setup.configs()``.
        one_thread: Run numba on one thread (when processes share the cores).
    """

    def __init__(self, configs: Configs, one_thread: bool):
        self.configs, self.one_thread = configs, one_thread

    def __call__(self, values: dict[str, float], seed: int) -> dict:
        """The moments of ``values`` run with ``seed``, by target name."""
        if self.one_thread:
            import numba

            numba.set_num_threads(1)
        return seed_moments(self.configs, values, seed)


def sampler(jobs: int) -> pyabc.sampler.Sampler:
    """One process, or ``jobs`` processes evaluating candidates in parallel."""
    if jobs <= 1:
        return pyabc.sampler.SingleCoreSampler()
    return pyabc.sampler.MulticoreEvalParallelSampler(n_procs=jobs)


def calibrate(
    setup: Setup,
    targets: pd.DataFrame,
    space: tuple[Coefficient, ...],
    args: Namespace,
    folder: Path,
) -> str:
    """Run (or resume) the ABC-SMC and write the ensemble; return a one-line summary.

    Args:
        setup: Scale and horizon of each simulation (its seeds are not used: each
            simulation draws its own), and ``jobs`` processes.
        targets: The fitted targets.
        space: The coefficients to fit.
        args: ``population``, ``generations``, ``timeout_min`` and ``storage`` options.
        folder: Where ``ensemble.parquet`` and ``ensemble.json`` go.
    """
    simulate = Simulator(setup.configs(), one_thread=setup.jobs > 1)
    smc = abc.smc(simulate, targets, space, args.population, sampler(setup.jobs))
    db = Path(args.storage) if args.storage else folder / "abc.db"
    history = abc.run(smc, db, targets, args.generations, timedelta(minutes=args.timeout_min))
    ens = abc.ensemble(history)
    folder.mkdir(parents=True, exist_ok=True)
    ens.to_parquet(folder / "ensemble.parquet", index=False)
    meta = {
        "method": "ABC-SMC (pyabc " + pyabc.__version__ + ")",
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        "history": str(db),
        "generation": ens.attrs["generation"],
        "epsilon": ens.attrs["epsilon"],
        "stopping_epsilon": abc.stopping_epsilon(targets),
        "particles": ens.attrs["particles"],
        "scale": setup.scale,
        "years": setup.years,
        "targets": list(targets.index),
        "targets_sha256": hashlib.sha256(TARGETS_CSV.read_bytes()).hexdigest(),
        "space": [{"name": c.name, "low": c.low, "high": c.high, "log": c.log} for c in space],
    }
    (folder / "ensemble.json").write_text(json.dumps(meta, indent=2) + "\n")
    return (
        f"ABC-SMC generation {meta['generation']}: epsilon {meta['epsilon']:.3f} "
        f"(stops at {meta['stopping_epsilon']:.3f}), {meta['particles']} particles; "
        f"ensemble written to {folder / 'ensemble.parquet'}"
    )
