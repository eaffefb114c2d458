"""Everything ``python -m sim`` checks before any work starts.

The command line is composed exactly as Hydra will compose it (the same config folder, any
``--config-dir`` and ``--config-name``, the same overrides), turned into a validated
``SimConfig``, and the results folder is checked for write access. Any problem comes out as
one ``ConfigError`` line naming the field, the bad value and what is allowed. A ``--multirun``
is not composed here (its sweep values are expanded by Hydra); each of its jobs validates its
own config before computing.
"""

from __future__ import annotations

import os
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
    if args.multirun or any(getattr(args, flag) for flag in INFORMATIONAL):
        return None
    overrides = list(args.overrides)
    try:
        raw = _compose(args.config_name or "config", overrides, args.config_dir)
    except CONFIG_EXCEPTIONS as err:
        raise ConfigError(one_line_error(err, overrides, _user_yaml(args))) from None
    return to_sim_config(raw)


def _user_yaml(args) -> Any:
    """The user's primary YAML file from ``--config-dir``, to quote a value set there."""
    if not (args.config_dir and args.config_name):
        return None
    path = Path(args.config_dir) / f"{args.config_name}.yaml"
    try:
        return OmegaConf.to_container(OmegaConf.load(path))
    except (OSError, *CONFIG_EXCEPTIONS):
        return None


def _compose(config_name: str, overrides: list[str], config_dir: str | None):
    """Compose as ``hydra.main`` does: ``configs/`` plus any ``--config-dir`` before it."""
    register_configs()
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
        return compose(config_name=config_name, overrides=overrides)
    finally:
        GlobalHydra.instance().clear()


def check_results_dir(results_dir: str) -> None:
    """Refuse a results folder this process cannot create or write into.

    Nothing is created: the nearest existing folder on the path must be a writable folder.

    Raises:
        ConfigError: naming ``results_dir``, its value and why it cannot be used.
    """
    path = Path(results_dir).resolve()
    existing = next(p for p in (path, *path.parents) if p.exists())
    if not existing.is_dir():
        raise ConfigError(
            f"results_dir={results_dir!r} is not allowed: expected a folder ({existing} is a file)"
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ConfigError(
            f"results_dir={results_dir!r} is not allowed: expected a folder this user can "
            f"write ({existing} is not writable)"
        )


def preflight(argv: list[str]) -> None:
    """Compose, validate and check the results folder of a single run; raise ConfigError."""
    cfg = compose_command_line(argv)
    if cfg is not None:
        check_results_dir(cfg.results_dir)
