"""A small live scenario: a lever or two, a small scale, a few replicates, written as runs.

Each replicate runs twice, once with no new policy and once with the chosen levers, with
the same seed (``sim.config.replicates``), so the two are paired. Runs are written as
ordinary run folders (``sim.output.results.write_run``) into one folder per scenario under
``<results>/live/``, which the dashboard then reads like any sweep, through the catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sim.config import ConfigError, load_config
from sim.model import CareWorkforceModel
from sim.output.results import find_complete_run, write_run

LEVERS = {  # lever -> (dose field, label, lowest, highest, default)
    "pay_parity": ("share", "NHS pay parity: share of the gap closed", 0.0, 1.0, 0.5),
    "fair_pay": ("level", "Fair Pay Agreement floor, multiple of the NLW", 1.0, 1.3, 1.1),
    "one_workforce": (
        "switch_cost_reduction",
        "One workforce: NHS-care switching cost cut (utils)",
        0.0,
        3.0,
        1.5,
    ),
}
"""Levers a live scenario can switch on, each with the one setting it varies."""
MAX_SCALE = 0.02
MAX_REPLICATES = 8
MAX_YEARS = 15


class LiveError(ValueError):
    """A live scenario's setting outside what is allowed."""


@dataclass(frozen=True)
class LiveScenario:
    """What to run.

    Attributes:
        doses: Lever -> its setting (``LEVERS``).
        scale: Agents per person (0 < scale <= ``MAX_SCALE``).
        years: Years from April 2024 (1 to ``MAX_YEARS``).
        replicates: Pairs of runs (1 to ``MAX_REPLICATES``).
    """

    doses: dict[str, float]
    scale: float = 0.005
    years: int = 3
    replicates: int = 2

    def check(self) -> None:
        """Refuse an unknown lever or a setting out of range, naming the field.

        Raises:
            LiveError: one line naming the field and what is allowed.
        """
        if not self.doses:
            raise LiveError(f"levers=[] is not allowed: expected one or more of {list(LEVERS)}")
        for lever, dose in self.doses.items():
            if lever not in LEVERS:
                raise LiveError(f"lever={lever!r} is not allowed: expected one of {list(LEVERS)}")
            field, _, low, high, _ = LEVERS[lever]
            if not low <= dose <= high:
                raise LiveError(f"{lever}.{field}={dose} is not allowed: expected {low}-{high}")
        if not 0 < self.scale <= MAX_SCALE:
            raise LiveError(f"scale={self.scale} is not allowed: expected 0-{MAX_SCALE}")
        if not 1 <= self.years <= MAX_YEARS:
            raise LiveError(f"years={self.years} is not allowed: expected 1-{MAX_YEARS}")
        if not 1 <= self.replicates <= MAX_REPLICATES:
            raise LiveError(
                f"replicates={self.replicates} is not allowed: expected 1-{MAX_REPLICATES}"
            )
        try:  # the levers' own checks, e.g. a lever starting after the last year run
            load_config([*self.overrides(), f"name={self.name}"], scale=self.scale,
                        years=self.years)  # fmt: skip
        except ConfigError as err:
            raise LiveError(str(err)) from None

    @property
    def name(self) -> str:
        """Run and folder name: the levers and doses (``live_pay_parity-0.5``)."""
        parts = [f"{lever}-{dose:g}" for lever, dose in sorted(self.doses.items())]
        return "live_" + re.sub(r"[^A-Za-z0-9_.-]", "_", "_".join(parts))

    def overrides(self) -> list[str]:
        """Hydra overrides of the scenario's levers."""
        words = [f"policy=[{','.join(sorted(self.doses))}]"]
        words += [
            f"policies.{lever}.{LEVERS[lever][0]}={dose}" for lever, dose in self.doses.items()
        ]
        return words


def folder_for(root: Path, scenario: LiveScenario) -> Path:
    """The folder of a live scenario's runs: ``<root>/live/<name>_s<scale>_y<years>``."""
    return Path(root) / "live" / f"{scenario.name}_s{scenario.scale:g}_y{scenario.years}"


def run_live(
    root: Path, scenario: LiveScenario, progress: Callable[[float, str], None] | None = None
) -> Path:
    """Run the scenario and its paired baseline, replicate by replicate.

    Runs already complete in the folder are kept, not recomputed.

    Args:
        root: The dashboard's results folder.
        scenario: What to run (checked first).
        progress: Called with the share done (0-1) and a line saying what runs.

    Returns:
        The folder of the runs.
    """
    scenario.check()
    folder = folder_for(root, scenario)
    jobs = []
    for k in range(scenario.replicates):
        common = dict(
            scale=scenario.scale,
            years=scenario.years,
            replicate=k,
            results_dir=str(folder),
            progress=False,
            figure=False,
        )
        jobs.append(("baseline", load_config(["name=baseline"], **common)))
        jobs.append(
            (scenario.name, load_config([*scenario.overrides(), f"name={scenario.name}"], **common))
        )
    for i, (label, cfg) in enumerate(jobs):
        if find_complete_run(cfg) is not None:
            continue
        model = CareWorkforceModel(cfg)
        total = model.horizon - model.month
        for m in range(total):
            model.step()
            if progress is not None and m % 6 == 0:
                done = (i + m / total) / len(jobs)
                progress(done, f"run {i + 1} of {len(jobs)}: {label}, replicate {cfg.replicate}")
        write_run(model.tables(), cfg)
    if progress is not None:
        progress(1.0, f"{len(jobs)} runs written to {folder}")
    return folder
