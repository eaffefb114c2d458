"""``carework run`` (or ``python -m sim``): run a projection and write its results.

Any parameter can be overridden Hydra-style, e.g.
``carework run scale=0.05 years=5 seed=7 behaviour.switch_cost_sector=2.5``; ``-m`` sweeps
with the configured Hydra launcher (joblib by default), e.g.
``carework run -m replicate=0,1,2 policy=[],[pay_parity]``. A run whose folder is already
complete is not recomputed.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import sys
import threading
import time
from pathlib import Path

import hydra
import numba
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf

from sim import _numba_cache
from sim.cli.exits import EXPECTED_FAILURES, ResultsError, fail
from sim.cli.preflight import preflight, sweep_choices
from sim.cli.watchdog import watch_parent
from sim.config import ConfigError, register_configs, to_sim_config
from sim.config.load import CONFIG_DIR

register_configs()

LAUNCHER_PID = "CAREWORK_LAUNCHER_PID"  # environment variable: the command's process id


@hydra.main(version_base="1.3", config_path=str(CONFIG_DIR), config_name="config")
def main(raw: DictConfig) -> None:
    """Validate the config, run the model, write tables, provenance and the figure."""
    job = job_label()
    if (
        job is not None
        and launched_elsewhere()
        and threading.current_thread() is threading.main_thread()
    ):
        signal.signal(signal.SIGTERM, exit_on_sigterm)  # a worker process of the launcher:
        guard = watch_parent().job()  # it must not outlive the launcher
    else:
        guard = contextlib.nullcontext()
    with guard:
        try:
            run(to_sim_config(raw), job)
        except EXPECTED_FAILURES as err:
            fail(err, job)


def run(cfg, job: str | None = None) -> None:
    """Build, run and write one projection, printing its first-year figures and folder.

    The run's lock is held throughout (``sim.output.results.run_lock``): a second launch of
    the same run waits for the first and then finds its folder complete.

    Args:
        cfg: The validated ``SimConfig``.
        job: ``job_label()`` inside a multirun: it starts every line the job prints, so
            jobs running side by side can be told apart.
    """
    from filelock import Timeout

    from sim.output.results import run_lock

    tag = f"{job}: " if job else ""
    lock = run_lock(cfg)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        print(f"{tag}another process is computing this run: waiting for it", flush=True)
        lock.acquire()
    try:
        _compute(cfg, tag)
    finally:
        lock.release()


def _compute(cfg, tag: str) -> None:
    """``run``'s work, under the lock: resume, or build, run, write and report."""
    from sim.model import CareWorkforceModel
    from sim.output.plots import summary_figure
    from sim.output.results import find_complete_run, provenance, write_run
    from sim.output.tables import first_year_summary

    done = find_complete_run(cfg, report=lambda line: print(f"{tag}{line}"))
    if done is not None:
        print(f"{tag}already complete: {done}")
        return
    started = time.perf_counter()
    if cfg.engine == "numba" and not _numba_cache.is_warm():
        print(
            "compiling the numba kernels: first run after installing or changing a kernel "
            f"only, a minute or two (cached in {numba.config.CACHE_DIR})",
            flush=True,
        )
    model = CareWorkforceModel(cfg)
    print(
        f"{tag}{model.n:,} workers and {model.sites.n:,} employers at scale {cfg.scale} "
        f"({time.perf_counter() - started:.1f} s to build)"
    )
    model.run()
    tables = model.tables()
    figure = summary_figure(tables, provenance(cfg)) if cfg.figure else None
    try:
        folder = write_run(tables, cfg, figure)
    except OSError as err:
        raise ResultsError(
            f"could not write a run folder under {cfg.results_dir}: "
            f"{err.strerror or err} ({err.filename or cfg.results_dir}); nothing was left there"
        ) from err
    first = first_year_summary(tables)
    print(
        f"{tag}{first['fy']}: ASC vacancy rate {100 * first['vacancy_rate']:.1f}%, turnover "
        f"{100 * first['turnover_rate']:.1f}%, leavers staying in ASC "
        f"{100 * first['share_leavers_to_asc']:.0f}%"
    )
    print(f"{tag}results written to {folder} ({time.perf_counter() - started:.1f} s)")


def job_label() -> str | None:
    """``"job <k> of <N> (<swept values>)"`` inside a Hydra multirun, None for a single run.

    ``k`` counts from 1; ``N`` and which settings are swept come from the sweep's own
    overrides (``multirun.yaml``, written by the sweeper before any job starts); when they
    cannot be read, the label falls back on every override of the job and leaves out ``N``.
    """
    hydra_cfg = HydraConfig.get()
    if hydra_cfg.mode != RunMode.MULTIRUN:
        return None
    task = list(hydra_cfg.overrides.task)
    total, swept = sweep_shape(Path(hydra_cfg.sweep.dir) / "multirun.yaml")
    shown = [o for o in task if o.split("=")[0] in swept] if swept else task
    of = f" of {total}" if total else ""
    return f"job {hydra_cfg.job.num + 1}{of} ({' '.join(shown)})"


def sweep_shape(multirun_yaml: Path) -> tuple[int | None, set[str]]:
    """Jobs in a basic sweep (the product of its swept values' counts) and the swept keys.

    Returns:
        ``(None, set())`` when the file cannot be read or a sweep is not a list of values.
    """
    try:
        task = list(OmegaConf.load(multirun_yaml).hydra.overrides.task)
        choices = sweep_choices(task)
    except (OSError, ConfigError, AttributeError):
        return None, set()
    if choices is None:
        return None, set()
    swept = [(key, values) for key, values, is_swept in choices if is_swept]
    return math.prod(len(values) for _, values in swept), {key for key, _ in swept}


def check_policy_names(argv: list[str]) -> None:
    """Refuse an unknown lever in ``policy=[...]`` (or a sweep of them) before Hydra starts.

    Overrides are read with Hydra's own parser, so sweeps such as ``policy=[],[pay_parity]``
    are checked lever by lever; anything it cannot parse is left for Hydra to report.
    """
    from hydra.core.override_parser.overrides_parser import OverridesParser
    from hydra.errors import HydraException

    folder = CONFIG_DIR / "policy"
    known = sorted(p.stem for p in folder.glob("*.yaml"))
    try:
        overrides = OverridesParser.create().parse_overrides(
            [a for a in argv if not a.startswith("-")]
        )
    except HydraException:
        return
    for override in overrides:
        if override.key_or_group != "policy":
            continue
        choices = override.sweep_iterator() if override.is_sweep_override() else [override.value()]
        names = [n for c in choices for n in (c if isinstance(c, list) else [c])]
        unknown = [n for n in names if n not in known]
        if unknown:
            print(
                f"config error: policy={unknown} is not allowed: expected levers from "
                f"{', '.join(known)}",
                file=sys.stderr,
            )
            sys.exit(2)


def launched_elsewhere() -> bool:
    """Whether this job runs in a process the command's launcher started (a worker).

    The command records its own process id (``LAUNCHER_PID``); a job run in that process
    (Hydra's basic launcher, joblib with one job) is not a worker and is left alone, so a
    sweep run under ``nohup`` survives its terminal.
    """
    launcher = os.environ.get(LAUNCHER_PID)
    return launcher is not None and int(launcher) != os.getpid()


def exit_on_sigterm(signum, frame) -> None:
    """Turn SIGTERM (what schedulers send) into SystemExit so unfinished results are removed."""
    sys.exit(128 + signum)


def cli(argv: list[str]) -> None:
    """Check the command line before any work, then hand it to Hydra.

    Args:
        argv: The arguments after the command name (overrides, ``-m``, Hydra flags).
    """
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    os.environ[LAUNCHER_PID] = str(os.getpid())  # inherited by the launcher's workers
    check_policy_names(argv)
    try:
        preflight(argv)
    except ConfigError as error:
        fail(error)
    sys.argv = [sys.argv[0], *argv]
    main()
