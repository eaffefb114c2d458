"""Memory guard: estimate what a run needs and refuse a scale the machine cannot hold.

The estimate is linear in the worker rows a run allocates: the state arrays of
``sim.state.Workers`` (their dtypes' bytes), the model's per-row scratch arrays and event
buffer, a Mesa handle per worker when ``handles=all``, plus a fixed base (Python, numba,
geography, employers) and the monthly tallies kept for the tables. Rows never get reused,
so entrants over the horizon add rows. Available memory is the kernel's ``MemAvailable``
(``/proc/meminfo``), lowered to the cgroup limit when a container sets one.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import numpy as np

from sim.config import ConfigError, SimConfig
from sim.state import N_EV_FLOAT, N_EV_INT, Workers

GB = 1e9
# Measured with ``ru_maxrss`` on this project's 2-core machine: the peak of a small run is
# the interpreter, libraries and kernels, 528 MB when the kernels load from numba's cache
# (scales 0.002 to 0.3, ``handles=employers``) but 1.29 GB when a first run compiles them,
# and 1.0 GB was seen in a test-suite child process with the cache present (cause not
# pinned down). The guard takes the higher figure ...
BASE_BYTES = 1.3e9
# ... a Mesa ``Worker`` handle and its registry entry (scale 0.3, 1.27 M workers: 1058 MB
# peak with ``handles=all`` against 529 MB without, so at least 420 bytes a handle) ...
HANDLE_BYTES = 450.0
# ... and the tallies kept for the tables, per simulated month (scale 0.02 over 15 years
# peaks at 721 MB, 193 MB above the base: 1.1 MB a month; rounded up).
TABLE_BYTES_PER_MONTH = 2.0e6
GROWTH = 1.25  # the worker arrays grow by this factor when entrants need rows
MARGIN = 1.2  # safety factor on the whole estimate
# Joiners from the wider population into outside jobs a year, per outside worker: measured
# about 60,000 a year for 700,000 outside workers in the first year of the baseline, fewer
# later; rounded up.
OUTSIDE_JOINERS_PER_WORKER_YEAR = 0.1
# The largest cohort turning 18 in the births held (sim/data/births_england_wales.csv: 2012's
# 729,674 births, 95% in England), rounded up: young entrants are a share of it.
LARGEST_COHORT = 700_000


def worker_rows(cfg: SimConfig) -> float:
    """Worker rows a run allocates by its last month (agents at ``cfg.scale``)."""
    p, e = cfg.population, cfg.entry
    initial = p.asc_filled_posts + p.nhs_staff + p.outside_workers + p.non_employed
    per_year = (
        e.young_entrant_share_of_cohort * LARGEST_COHORT
        + max(e.international_recruits_per_year, default=0.0)
        + e.nhs_professional_entrants_per_year * (1 + e.nhs_entrants_growth_per_year) ** cfg.years
        + p.outside_workers * OUTSIDE_JOINERS_PER_WORKER_YEAR
    )
    return cfg.scale * (initial + (cfg.years + cfg.warm_up_months / 12) * per_year)


def bytes_per_row(handles: str) -> float:
    """Bytes per worker row: state arrays, scratch (8 + 1 bytes), events, Mesa handle."""
    arrays = sum(a.itemsize for a in Workers.empty(0).as_tuple())
    events = (4 * N_EV_INT + 8 * N_EV_FLOAT) / 4  # the buffer holds a quarter of the rows
    return arrays + 9 + events + (HANDLE_BYTES if handles == "all" else 0.0)


def estimate_bytes(cfg: SimConfig) -> float:
    """Estimated peak memory of a run, bytes (with the safety margin)."""
    rows = GROWTH * worker_rows(cfg) * bytes_per_row(cfg.handles)
    return MARGIN * (BASE_BYTES + rows + 12 * cfg.years * TABLE_BYTES_PER_MONTH)


def available_bytes() -> float | None:
    """Memory this process can still use, bytes, or None where Linux does not report it."""
    try:
        meminfo = Path("/proc/meminfo").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in meminfo.splitlines() if ":" in line)
    if "MemAvailable" not in fields:
        return None
    available = float(fields["MemAvailable"].split()[0]) * 1024
    cgroup = Path("/sys/fs/cgroup")
    try:
        limit = (cgroup / "memory.max").read_text().strip()
        used = float((cgroup / "memory.current").read_text())
    except OSError:
        return available
    return available if limit == "max" else min(available, float(limit) - used)


def largest_scale(cfg: SimConfig, budget: float) -> float:
    """Largest scale whose estimate fits in ``budget`` bytes (0 if none), 3 significant digits."""
    fixed = estimate_bytes(replace(cfg, scale=0.0))
    per_unit_scale = estimate_bytes(replace(cfg, scale=1.0)) - fixed
    if budget <= fixed:
        return 0.0
    scale = min((budget - fixed) / per_unit_scale, 1.0)
    digits = 2 - int(np.floor(np.log10(scale)))
    return float(np.floor(scale * 10**digits) / 10**digits)


def refuse_if_too_large(cfg: SimConfig, available: float | None = None) -> None:
    """Refuse, before anything is built, a run that needs more memory than is available.

    Args:
        cfg: The run's config; ``check_memory=false`` skips the check.
        available: Bytes available; default ``available_bytes()``.

    Raises:
        ConfigError: naming ``scale``, the memory needed and available, and the largest
            scale that fits.
    """
    available = available_bytes() if available is None else available
    if not cfg.check_memory or available is None:
        return
    needed = estimate_bytes(cfg)
    if needed > available:
        raise ConfigError(
            f"scale={cfg.scale!r} is not allowed: expected a scale that fits in memory "
            f"(needs about {needed / GB:.2f} GB, {available / GB:.2f} GB available; the "
            f"largest scale that fits is {largest_scale(cfg, available)}, or set "
            "check_memory=false)"
        )


def refuse_if_sweep_too_large(
    cfgs: list[SimConfig], parallel: int, available: float | None = None
) -> None:
    """Refuse, before any job starts, a local sweep whose parallel jobs cannot fit together.

    Each job of a local parallel sweep is its own process, so ``parallel`` of them at once
    need the sum of their estimates: the ``parallel`` largest of the sweep's are checked.

    Args:
        cfgs: The sweep's validated job configs (those with ``check_memory=false`` skip).
        parallel: Jobs the launcher runs at once on this machine.
        available: Bytes available; default ``available_bytes()``.

    Raises:
        ConfigError: naming ``hydra.launcher.n_jobs``, the memory the jobs need together,
            what is available and how many fit at once.
    """
    available = available_bytes() if available is None else available
    needs = sorted((estimate_bytes(c) for c in cfgs if c.check_memory), reverse=True)
    if available is None or len(needs) < 2 or parallel < 2:
        return
    top = needs[:parallel]
    if sum(top) <= available:
        return
    fit = max(1, sum(1 for total in itertools.accumulate(top) if total <= available))
    raise ConfigError(
        f"hydra.launcher.n_jobs={parallel} is not allowed: expected at most {fit} jobs at "
        f"once for this sweep ({len(top)} of its runs need about {sum(top) / GB:.2f} GB "
        f"together, {available / GB:.2f} GB available)"
    )
