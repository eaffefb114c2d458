"""Many runs from Python: a baseline and its reforms over replicates, paired, in one object.

In the spirit of Covasim/Starsim's ``MultiSim`` and PolicyEngine's baseline and reform::

    from sim.scenarios import Scenarios
    study = Scenarios(
        {"pay parity": ["policy=[pay_parity]"], "fair pay": {"policy": ["fair_pay"]}},
        common={"scale": 0.005, "years": 5},
        replicates=4,
    )
    effects = study.run(n_jobs=2)   # tidy paired effects, one row per scenario/area/year/metric
    fig = study.plot("vacancy_rate")
    study.save(fig, "parity_vacancy")  # PNG and PDF, stamped with their provenance

Every config is composed and validated before the first run, so a bad setting fails at
once. Replicate ``k`` of every scenario runs with the same seed (spawned from
``root_seed``), and with a shipped calibration ensemble and ``members > 1`` with the same
member, so each reform is compared with the baseline run that shares its random draws
(``sim.analysis.paired``). Runs go to worker processes (joblib) and write nothing to disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sim.analysis.figures import effect_chart, fan_chart, save, sweep_stamp
from sim.analysis.paired import paired_effects
from sim.config import SimConfig, load_config
from sim.config.ensemble import ensemble_member, load_ensemble, pick_members
from sim.output.headline import headline
from sim.output.results import config_hash, git_commit

BASELINE = "baseline"


def _words(settings: list[str] | dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """Settings as (override strings, keyword settings) for ``load_config``."""
    if isinstance(settings, dict):
        return [], dict(settings)
    return list(settings), {}


@dataclass
class Scenarios:
    """A baseline and named reforms, each run over replicates (and ensemble members).

    Attributes:
        reforms: Reform name -> its settings: Hydra overrides (``["policy=[pay_parity]"]``)
            or keywords (``{"policy": ["pay_parity"]}``), on top of ``common``.
        common: Settings of every run, the baseline included (same two forms).
        replicates: Replicates per scenario (and member), >= 1.
        members: Calibration-ensemble members per scenario (drawn by weight), >= 1; 1 runs
            the defaults (the representative member).
        root_seed: Seed the replicate seeds are spawned from.
    """

    reforms: dict[str, list[str] | dict[str, Any]]
    common: list[str] | dict[str, Any] = field(default_factory=list)
    replicates: int = 5
    members: int = 1
    root_seed: int = 20240401
    metrics: pd.DataFrame | None = field(default=None, init=False, repr=False)
    monthly: pd.DataFrame | None = field(default=None, init=False, repr=False)
    runs: pd.DataFrame | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if BASELINE in self.reforms:
            raise ValueError(f"reforms: {BASELINE!r} is the name of the comparison run")
        if self.replicates < 1 or self.members < 1:
            raise ValueError(f"replicates={self.replicates}, members={self.members}: expected >= 1")

    def configs(self) -> list[tuple[str, SimConfig]]:
        """Every run's (scenario, config), composed and validated before any run."""
        members = pick_members(load_ensemble(), self.members, self.root_seed) or [None]
        common_words, common_keys = _words(self.common)
        runs = []
        for name, settings in {BASELINE: [], **self.reforms}.items():
            words, keys = _words(settings)
            for member in members:
                for k in range(self.replicates):
                    cfg = load_config(
                        [*common_words, *words, f"name={_folder_name(name)}"],
                        **common_keys,
                        **keys,
                        replicate=k,
                        root_seed=self.root_seed,
                        ensemble=member,
                        progress=False,
                        figure=False,
                    )
                    runs.append((name, cfg))
        return runs

    def run(self, n_jobs: int = 1) -> pd.DataFrame:
        """Run every scenario, member and replicate; return the paired effects.

        Args:
            n_jobs: Worker processes (joblib; 1 runs here).

        Returns:
            ``sim.analysis.paired.paired_effects`` against the baseline: one row per
            scenario, level, area, financial year and metric.
        """
        from joblib import Parallel, delayed

        runs = self.configs()
        out = Parallel(n_jobs=n_jobs)(delayed(_one_run)(cfg) for _, cfg in runs)
        metrics, monthly = [], []
        for (name, cfg), (head, asc) in zip(runs, out, strict=True):
            tags = {"scenario": name, "seed": cfg.seed, "member": ensemble_member(cfg)}
            metrics.append(head.assign(**tags))
            monthly.append(asc.assign(**tags, draw=f"{tags['member']}/{cfg.seed}"))
        self.metrics = pd.concat(metrics, ignore_index=True)
        self.monthly = pd.concat(monthly, ignore_index=True)
        commit = git_commit()
        self.runs = pd.DataFrame(
            {"config_hash": config_hash(cfg), "git_commit": commit, "seed": cfg.seed,
             "member": ensemble_member(cfg), "scale": cfg.scale}
            for _, cfg in runs
        )  # fmt: skip
        return paired_effects(self.metrics, baseline=BASELINE)

    def plot(
        self,
        column: str = "vacancy_rate",
        label: str | None = None,
        effect: bool = False,
        start: str | None = None,
        labels: dict[str, str] | None = None,
    ):
        """Fan chart of an ASC national monthly column for every scenario (after ``run``).

        Args:
            column: A column of ``national_monthly`` (e.g. ``vacancy_rate``, ``filled``).
            label: Y-axis label (default: the column name).
            effect: Draw each reform's paired difference from the baseline instead.
            start: A policy start month (YYYY-MM) to mark.
            labels: Legend text of each scenario (default: its name).
        """
        if self.monthly is None:
            raise RuntimeError("run() the scenarios before plotting them")
        if column not in self.monthly:
            raise ValueError(
                f"column={column!r} is not allowed: expected one of "
                f"{sorted(c for c in self.monthly.columns if c not in _TAGS)}"
            )
        series = self.monthly.rename(columns={column: "value"})[[*_TAGS, "date", "value"]]
        unit = "share" if column.endswith("_rate") else "count"
        draw = effect_chart if effect else fan_chart
        title = f"ASC {column.replace('_', ' ')}"
        return draw(series, title, label or column, unit, start, labels)

    def save(self, fig, stem: str | Path) -> list[Path]:
        """Write a figure of the study as PNG and PDF, stamped with its provenance.

        The stamp (package version, commit, a hash of the configs, runs, seeds, members,
        scale) sits in a strip at the foot and in each file's metadata, as on every figure
        the command line writes.

        Args:
            fig: A figure (``plot``'s, or the caller's own from the study's results).
            stem: Path without a suffix.

        Returns:
            The files written.
        """
        if self.runs is None:
            raise RuntimeError("run() the scenarios before saving their figures")
        return save(fig, Path(stem), sweep_stamp(self.runs))

    def __repr__(self) -> str:
        names = ", ".join(self.reforms)
        return (
            f"Scenarios(baseline + {len(self.reforms)} reforms [{names}] x "
            f"{self.members} member(s) x {self.replicates} replicates, common={self.common!r}"
            f"{', run' if self.metrics is not None else ''})"
        )


_TAGS = ("scenario", "seed", "member", "draw")


def _folder_name(name: str) -> str:
    """A scenario name as a run name (letters, digits, '_', '-', '.')."""
    return "".join(c if c.isalnum() or c in "_-." else "_" for c in name)


def _one_run(cfg: SimConfig) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run one config; return its headline metrics and its ASC national monthly rows."""
    from sim.model import CareWorkforceModel

    tables = CareWorkforceModel(cfg).run(progress=False).tables()
    national = tables["national_monthly"]
    return headline(tables), national[national["sector"] == "asc"].reset_index(drop=True)
