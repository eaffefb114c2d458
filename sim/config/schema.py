"""The whole run's configuration: run-level fields and every parameter group.

``SimConfig`` is registered in Hydra's ConfigStore as the schema of ``configs/config.yaml``
(``sim.config.load``), so an unknown key or a value of the wrong type is refused before any
compute; ``sim.config.validate`` then checks each declared range and the relations types
cannot express.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from sim.config.behaviour import BehaviourConfig, EntryConfig, SeparationConfig, TrainingConfig
from sim.config.market import MarketConfig
from sim.config.oncosts import OnCostsConfig
from sim.config.param import FLAG, allowed_text, param
from sim.config.pay import PayConfig
from sim.config.policies import PoliciesConfig
from sim.config.prices import PricesConfig
from sim.config.reward import RewardConfig
from sim.config.stocks import DemandConfig, HoursConfig, NHSPressureConfig, PopulationConfig

# The largest seed the compiled kernels take: ``sim.rng`` converts it to a 64-bit integer, and
# numba refuses an int of 2**63 or more (a 20-digit seed crashed typing).
SEED_MAX = 2**63 - 1


@dataclass
class SimConfig:
    """A whole run: scale, horizon, seed and every parameter group."""

    name: str = param(
        "baseline",
        "label: letters, digits, '_', '-' or '.' (a folder name)",
        "run name used in the results folder",
    )
    scale: float = param(
        0.02,
        "agents per real person",
        "1.0 = one agent per person; below 0.0001 (about 170 care staff) areas and settings "
        "are left without agents",
        low=0.0001,
        high=1,
    )
    years: int = param(15, "years", "assumption: a 15-year projection, to 2038/39", low=1, high=50)
    warm_up_months: int = param(
        12,
        "months",
        "assumption: months run before April 2024 under April 2024 conditions and not "
        "reported, so the reported months start from stocks, tenures and vacancies the "
        "model's own flows have shaped (docs/ODD.md section 5)",
        low=0,
        high=120,
    )
    start: str = param(
        "2024-04",
        "YYYY-MM",
        "published stocks describe April 2024 (financial year 2024/25)",
        choices=("2024-04",),
    )
    seed: int = param(
        20240401,
        "integer",
        "root seed of the counter-based random numbers",
        low=0,
        high=SEED_MAX,
    )
    replicate: int | None = param(
        None,
        "replicate index (0-based) or null",
        "when set, seed = the replicate's seed spawned from root_seed (sim.config.replicates)",
        low=0,
        high=1_000_000,
    )
    ensemble: int | None = param(
        None,
        "member index (0-based) or null",
        "member of the shipped calibration ensemble (sim/data/ensemble.csv) whose calibrated "
        "coefficients the run uses; null = the representative member, whose values are the "
        "defaults (sim.config.ensemble)",
        low=0,
        high=1_000_000,
    )
    root_seed: int = param(
        20240401,
        "integer",
        "root seed the replicate seeds are spawned from",
        low=0,
        high=SEED_MAX,
    )
    engine: str = param(
        "numba",
        "numba | mesa",
        "numba: compiled kernels; mesa: the slow reference engine",
        choices=("numba", "mesa"),
    )
    handles: str = param(
        "all",
        "all | employers",
        "create a Mesa agent per worker (all) or only per employer",
        choices=("all", "employers"),
    )
    results_dir: str = param("results", "path", "where run folders are written")
    progress: bool = param(True, "flag", "show a progress bar", choices=FLAG)
    figure: bool = param(True, "flag", "draw the summary figure", choices=FLAG)
    check_invariants: bool = param(
        False,
        "flag",
        "check conservation, posts, employment, pay floor and finite stocks every month "
        "(docs/reliability.md; on in the tests; costs about 8-10% of run time, so off)",
        choices=FLAG,
    )
    check_memory: bool = param(
        True,
        "flag",
        "refuse a scale the machine's available memory cannot hold",
        choices=FLAG,
    )
    population: PopulationConfig = field(default_factory=PopulationConfig)
    pay: PayConfig = field(default_factory=PayConfig)
    reward: RewardConfig = field(default_factory=RewardConfig)
    hours: HoursConfig = field(default_factory=HoursConfig)
    behaviour: BehaviourConfig = field(default_factory=BehaviourConfig)
    separation: SeparationConfig = field(default_factory=SeparationConfig)
    entry: EntryConfig = field(default_factory=EntryConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    demand: DemandConfig = field(default_factory=DemandConfig)
    nhs_pressure: NHSPressureConfig = field(default_factory=NHSPressureConfig)
    prices: PricesConfig = field(default_factory=PricesConfig)
    oncosts: OnCostsConfig = field(default_factory=OnCostsConfig)
    market: MarketConfig = field(default_factory=MarketConfig)
    policies: PoliciesConfig = field(default_factory=PoliciesConfig)


def parameter_table() -> list[dict[str, Any]]:
    """List every parameter with its default, unit and source (for docs and results)."""
    rows = []

    def walk(node: Any, prefix: str) -> None:
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if dataclasses.is_dataclass(value):
                walk(value, prefix + f.name + ".")
                continue
            rows.append(
                {
                    "name": prefix + f.name,
                    "default": value,
                    "unit": f.metadata["unit"],
                    "allowed": allowed_text(f),
                    "source": f.metadata["source"],
                }
            )

    walk(SimConfig(), "")
    return rows
