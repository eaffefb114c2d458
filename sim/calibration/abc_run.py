"""``carework calibrate --method abc``: the ABC-SMC calibration of the model, run and written.

Each simulation runs the candidate's first year, the pay-rise experiment and the backtest
(``sim.calibration.objective.seed_moments``) with a seed of its own (``abc.seed_of``: a hash
of its values). Several processes share the cores (pyabc's ``MulticoreEvalParallelSampler``,
one numba thread each); on a cluster, pyabc's ``DaskDistributedSampler`` sends them to the
workers of a Dask scheduler (``--scheduler``), where every simulation gives the moments it
would give locally. The ensemble (the last
generation) is written as ``ensemble.csv`` beside ``ensemble.json``, which records the
method, the date, the targets (values, tolerances and their file's digest), the settings,
the generation reached and the representative member; ``--ship`` copies both into
``sim/data/``, where they become the model's defaults (``sim.config.ensemble``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from argparse import Namespace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pyabc

from sim.calibration import abc, proposal
from sim.calibration.objective import Configs, Setup, seed_moments
from sim.calibration.space import Coefficient
from sim.calibration.targets import TARGETS_CSV
from sim.config.ensemble import ENSEMBLE_CSV, ENSEMBLE_JSON


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


def sampler(jobs: int, scheduler: str | None = None) -> pyabc.sampler.Sampler:
    """The workers: a Dask cluster's, ``jobs`` local processes, or this process.

    Args:
        jobs: Local worker processes (1: this process).
        scheduler: Address of a Dask scheduler (``tcp://host:port``), or None for local.
    """
    if scheduler:
        from distributed import Client

        return pyabc.sampler.DaskDistributedSampler(dask_client=Client(scheduler))
    if jobs <= 1:
        return pyabc.sampler.SingleCoreSampler()
    return pyabc.sampler.MulticoreEvalParallelSampler(n_procs=jobs)


def record(
    ens: pd.DataFrame, setup: Setup, targets: pd.DataFrame, space, history: pyabc.History, db: Path
) -> dict[str, object]:
    """The calibration record written beside the ensemble (``ensemble.json``)."""
    accepted = abc.accepted_moments(history, (0.05, 0.5, 0.95))
    return {
        "method": "ABC-SMC (pyabc " + pyabc.__version__ + ")",
        "proposal": (
            "one kernel density per coefficient (pyabc AggregatedTransition), each mixed "
            f"with the coefficient's prior ({proposal.PRIOR_SHARE:.0%} of draws)"
        ),
        "date": datetime.now(UTC).date().isoformat(),
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        "history": str(db),
        "generation": ens.attrs["generation"],
        "epsilon": ens.attrs["epsilon"],
        "stopping_epsilon": abc.stopping_epsilon(targets),
        "particles": ens.attrs["particles"],
        "effective_sample_size": abc.effective_sample_size(ens),
        "representative": abc.representative(ens, space),
        "representative_rule": "weighted medoid on prior ranges scaled to [0, 1]",
        "scale": setup.scale,
        "years": setup.years,
        "targets": {
            name: {
                "value": float(r["value"]),
                "tolerance": float(r["tolerance"]),
                "accepted_p05_p50_p95": [float(v) for v in accepted[name]],
            }
            for name, r in targets.iterrows()
        },
        "targets_sha256": hashlib.sha256(TARGETS_CSV.read_bytes()).hexdigest(),
        "space": [{"name": c.name, "low": c.low, "high": c.high, "log": c.log} for c in space],
    }


def calibrate(
    setup: Setup,
    targets: pd.DataFrame,
    space: tuple[Coefficient, ...],
    args: Namespace,
    folder: Path,
) -> str:
    """Run (or resume) the ABC-SMC and write the ensemble; return a summary of what was done.

    Args:
        setup: Scale and horizon of each simulation (its seeds are not used: each
            simulation has its own), and ``jobs`` processes.
        targets: The fitted targets.
        space: The coefficients to fit.
        args: ``population``, ``generations``, ``timeout_min``, ``storage``, ``skip_fit``
            (write the stored history's last generation without sampling), ``ship`` and
            ``scheduler`` (a Dask scheduler's address, or None).
        folder: Where ``ensemble.csv`` and ``ensemble.json`` go.
    """
    cluster = args.scheduler
    simulate = Simulator(setup.configs(), one_thread=setup.jobs > 1 or bool(cluster))
    smc = abc.smc(simulate, targets, space, args.population, sampler(setup.jobs, cluster))
    db = Path(args.storage) if args.storage else folder / "abc.db"
    generations = 0 if args.skip_fit else args.generations
    if args.skip_fit and not db.exists():
        raise FileNotFoundError(f"--skip-fit: no calibration history at {db}")
    try:
        history = abc.run(smc, db, targets, generations, timedelta(minutes=args.timeout_min))
    finally:
        if cluster:  # leave the cluster, so its scheduler may stop without us retrying
            smc.sampler.client.close()
    ens = abc.ensemble(history)
    meta = record(ens, setup, targets, space, history, db)
    folder.mkdir(parents=True, exist_ok=True)
    ens.to_csv(folder / "ensemble.csv", index=False)
    (folder / "ensemble.json").write_text(json.dumps(meta, indent=2) + "\n")
    lines = [
        f"ABC-SMC generation {meta['generation']}: epsilon {meta['epsilon']:.3f} "
        f"(stops at {meta['stopping_epsilon']:.3f}), {meta['particles']} particles, "
        f"representative member {meta['representative']}; written to {folder / 'ensemble.csv'}"
    ]
    if args.ship:
        shutil.copyfile(folder / "ensemble.csv", ENSEMBLE_CSV)
        shutil.copyfile(folder / "ensemble.json", ENSEMBLE_JSON)
        lines.append(f"shipped to {ENSEMBLE_CSV} and {ENSEMBLE_JSON}")
    return "\n".join(lines)


def read(csv_path: Path, json_path: Path) -> tuple[pd.DataFrame, dict]:
    """An ensemble and its record as written by ``calibrate``.

    Raises:
        FileNotFoundError: naming the missing file.
    """
    for path in (csv_path, json_path):
        if not path.exists():
            raise FileNotFoundError(f"no calibration ensemble at {path}")
    return pd.read_csv(csv_path), json.loads(json_path.read_text())


def report(
    folder: Path, ens: pd.DataFrame, meta: dict, setup: Setup, targets: pd.DataFrame, draws: int
) -> str:
    """Write the ensemble's report under ``folder/report``; return where."""
    from sim.calibration import ensemble_report
    from sim.output.results import git_commit

    space = tuple(Coefficient(c["name"], c["low"], c["high"], c["log"]) for c in meta["space"])
    setup = Setup(meta["scale"], 1, (), jobs=setup.jobs)
    footer = (
        f"carework-sim commit {git_commit()[:12]} | {meta['method']}, calibrated {meta['date']}, "
        f"generation {meta['generation']}, epsilon {meta['epsilon']:.2f}, "
        f"{meta['particles']} members | {draws} draws at scale {meta['scale']}"
    )
    out = ensemble_report.write(folder, ens, meta, setup, targets, space, draws, footer)
    return f"report written to {out}"
