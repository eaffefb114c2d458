"""Everything ``python -m sim`` checks before any work starts.

The command line is composed exactly as Hydra will compose it (the same config folder, any
``--config-dir`` and ``--config-name``, the same overrides), turned into a validated
``SimConfig``, and the results folder is checked for write access. Any problem comes out as
one ``ConfigError`` line naming the field, the bad value and what is allowed. A ``--multirun``
of lists of values is expanded as Hydra's basic sweeper expands it and its jobs are composed
and validated before the first starts, so a bad value in job 40 cannot cost 39 runs: every
job of a sweep of up to ``FULL_CHECK_JOBS``, and of a larger one a covering set in which
every swept value appears (``sweep_jobs``; about 0.1-0.2 s a job). A sweep of ranges for
another sweeper (an interval) is left to its jobs, each of which validates its own config
before computing.
"""

from __future__ import annotations

import itertools
import math
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hydra import compose
from hydra._internal.hydra import Hydra
from hydra._internal.utils import create_config_search_path, get_args_parser
from hydra.core.config_search_path import SearchPathQuery
from hydra.core.global_hydra import GlobalHydra
from omegaconf import OmegaConf

from sim.config import ConfigError, SimConfig, register_configs, to_sim_config
from sim.config.errors import CONFIG_EXCEPTIONS, one_line_error
from sim.config.load import CONFIG_DIR

INFORMATIONAL = ("help", "hydra_help", "cfg", "info", "shell_completion")
FULL_CHECK_JOBS = 100
"""Sweeps of up to this many jobs are validated job by job; larger ones value by value."""


def compose_command_line(argv: list[str]) -> SimConfig | None:
    """The validated config a single run of ``python -m sim <argv>`` would use.

    Args:
        argv: Command-line arguments after ``python -m sim``.

    Returns:
        The config, or None for a ``--multirun`` or an informational flag (``--help``,
        ``--cfg``, ``--info``), which Hydra handles itself.

    Raises:
        ConfigError: one line naming the field, the bad value and what is allowed.
    """
    args = get_args_parser().parse_args(argv)
    if any(getattr(args, flag) for flag in INFORMATIONAL):
        return None
    if args.multirun:
        check_sweep(args)
        return None
    return _validated(args, list(args.overrides))


def _validated(args, overrides: list[str]) -> SimConfig:
    try:
        raw = _compose(args.config_name or "config", overrides, args.config_dir)
    except CONFIG_EXCEPTIONS as err:
        raise ConfigError(one_line_error(err, overrides, _user_yaml(args))) from None
    return to_sim_config(raw)


def sweep_choices(overrides: list[str]) -> list[tuple[str, list[str], bool]] | None:
    """Each override of a basic sweep with the overrides it expands to, as Hydra's sweeper.

    Returns:
        ``(key, [override, ...], swept)`` per override, in order: one override for a
        fixed setting, one per value for a swept one (``key=value``); None when a sweep is
        not a list of values (another sweeper's interval).

    Raises:
        ConfigError: for an override Hydra cannot parse, quoting it.
    """
    from hydra.core.override_parser.overrides_parser import OverridesParser
    from hydra.errors import HydraException

    try:
        parsed = OverridesParser.create().parse_overrides(overrides)
    except HydraException as err:
        raise ConfigError(f"{' '.join(overrides)!r} is not allowed: expected Hydra overrides "
                          f"({str(err).splitlines()[0]})") from None  # fmt: skip
    choices = []
    for o in parsed:
        key = o.get_key_element()
        if not o.is_sweep_override():
            choices.append((key, [o.input_line], False))
        elif o.is_discrete_sweep():
            choices.append((key, [f"{key}={v}" for v in o.sweep_string_iterator()], True))
        else:
            return None
    return choices


def sweep_jobs(overrides: list[str]) -> list[list[str]] | None:
    """The overrides of every job of a basic sweep, in Hydra's order (None if not basic).

    Past ``FULL_CHECK_JOBS`` jobs only a covering set: job ``i`` takes value ``i`` (modulo
    their number) of every swept setting, as many jobs as the longest list of values (at
    most ``FULL_CHECK_JOBS``: values past that of a longer list, such as replicate 150 of
    ``range(0,200)``, are left to their own jobs).
    """
    parsed = sweep_choices(overrides)
    if parsed is None:
        return None
    choices = [values for _, values, _ in parsed]
    if math.prod(len(values) for values in choices) <= FULL_CHECK_JOBS:
        return [list(job) for job in itertools.product(*choices)]
    longest = min(max(len(values) for values in choices), FULL_CHECK_JOBS)
    return [[values[i % len(values)] for values in choices] for i in range(longest)]


def check_sweep(args) -> None:
    """Compose and validate every job of a ``--multirun`` before any starts.

    Then, for a sweep run on this machine by the joblib launcher, check that its parallel
    jobs fit in memory together (``sim.config.memory.refuse_if_sweep_too_large``).

    Raises:
        ConfigError: ``job k of N (<its swept values>): <the job's one-line error>``, or
            naming ``hydra.launcher.n_jobs`` when the parallel jobs cannot fit.
    """
    from sim.config.memory import refuse_if_sweep_too_large

    jobs = sweep_jobs(list(args.overrides))
    cfgs = []
    for k, job in enumerate(jobs or [], start=1):
        try:
            cfgs.append(_validated(args, job))
            check_results_dir(cfgs[-1].results_dir)
        except ConfigError as err:
            swept = [o for o, base in zip(job, args.overrides, strict=True) if o != base]
            which = f"job {k} of {len(jobs)}" if len(jobs) <= FULL_CHECK_JOBS else "a job"
            raise ConfigError(f"{which} ({' '.join(swept)}): {err}") from None
    if cfgs:
        hydra_cfg = _hydra_config(args, jobs[0])
        check_results_dir(str(OmegaConf.select(hydra_cfg, "hydra.sweep.dir")), "hydra.sweep.dir")
        refuse_if_sweep_too_large(cfgs, local_parallel_jobs(hydra_cfg))


def _hydra_config(args, overrides: list[str]):
    """A job's config composed with Hydra's own settings (launcher, sweep folder)."""
    register_configs()
    with _hydra(args.config_dir):
        return compose(config_name=args.config_name or "config", overrides=overrides,
                       return_hydra_config=True)  # fmt: skip


def local_parallel_jobs(cfg) -> int:
    """Jobs the sweep's launcher runs at once on this machine (1 for any other launcher).

    Args:
        cfg: A job's config composed with Hydra's settings (``_hydra_config``).

    joblib's ``n_jobs``: -1 is every CPU, -2 all but one, and so on.
    """
    target = str(OmegaConf.select(cfg, "hydra.launcher._target_") or "")
    if "joblib" not in target:
        return 1
    n = int(OmegaConf.select(cfg, "hydra.launcher.n_jobs") or 1)
    cpus = os.cpu_count() or 1
    return max(cpus + 1 + n if n < 0 else n, 1)


def _user_yaml(args) -> Any:
    """The user's primary YAML file from ``--config-dir``, to quote a value set there."""
    if not (args.config_dir and args.config_name):
        return None
    path = Path(args.config_dir) / f"{args.config_name}.yaml"
    try:
        return OmegaConf.to_container(OmegaConf.load(path))
    except (OSError, *CONFIG_EXCEPTIONS):
        return None


@contextmanager
def _hydra(config_dir: str | None):
    """Hydra initialised as ``hydra.main`` does: ``configs/`` plus any ``--config-dir``."""
    search_path = create_config_search_path(f"file://{CONFIG_DIR}")
    if config_dir:
        folder = Path(config_dir).resolve()
        if not folder.is_dir():
            raise ConfigError(
                f"--config-dir={config_dir!r} is not allowed: expected an existing folder"
            )
        search_path.prepend(
            provider="command-line",
            path=f"file://{folder}",
            anchor=SearchPathQuery(provider="schema"),
        )
    GlobalHydra.instance().clear()
    Hydra.create_main_hydra2(task_name="sim", config_search_path=search_path)
    try:
        yield
    finally:
        GlobalHydra.instance().clear()


def _compose(config_name: str, overrides: list[str], config_dir: str | None):
    """Compose as ``hydra.main`` does (``_hydra``)."""
    register_configs()
    with _hydra(config_dir):
        return compose(config_name=config_name, overrides=overrides)


def check_results_dir(results_dir: str, field: str = "results_dir") -> None:
    """Refuse a results folder this process cannot create or write into.

    Nothing is created: the nearest existing folder on the path must be a writable folder.

    Args:
        results_dir: The folder.
        field: The setting it came from, named in the message.

    Raises:
        ConfigError: naming ``field``, its value and why it cannot be used.
    """
    if not results_dir.strip():
        raise ConfigError(
            f"{field}={results_dir!r} is not allowed: expected a folder path (empty would "
            "write run folders into the current folder)"
        )
    path = Path(results_dir).resolve()
    existing = next(p for p in (path, *path.parents) if p.exists())
    if not existing.is_dir():
        raise ConfigError(
            f"{field}={results_dir!r} is not allowed: expected a folder ({existing} is a file)"
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ConfigError(
            f"{field}={results_dir!r} is not allowed: expected a folder this user can "
            f"write ({existing} is not writable)"
        )


def preflight(argv: list[str]) -> None:
    """Compose, validate and check the results folder of a single run; raise ConfigError."""
    cfg = compose_command_line(argv)
    if cfg is not None:
        check_results_dir(cfg.results_dir)
