"""The coefficients the fit may move, with the ranges it searches (config paths)."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Coefficient:
    """A calibrated parameter and its search range.

    Attributes:
        name: Config path, e.g. ``behaviour.utility_log_earnings``.
        low, high: Search bounds (the parameter's units).
        log: Search on a log scale (for rates spanning a factor of several).
    """

    name: str
    low: float
    high: float
    log: bool = False

    @property
    def bounds(self) -> tuple[float, float]:
        """The range on the scale searched: log10 of ``low`` and ``high`` if ``log``."""
        return (math.log10(self.low), math.log10(self.high)) if self.log else (self.low, self.high)


SPACE = (
    Coefficient("behaviour.utility_log_earnings", 2.0, 10.0),
    Coefficient("behaviour.switch_cost_sector", 1.0, 5.0),
    Coefficient("behaviour.utility_non_employment", -2.0, 0.5),
    Coefficient("behaviour.search_employed_base", 0.01, 0.06, log=True),
    Coefficient("behaviour.search_parity_gap", 0.0, 2.0),  # per log point of total reward
    Coefficient("behaviour.utility_non_wage_weight", 0.3, 1.2),
    Coefficient("behaviour.search_non_employed", 0.05, 0.4, log=True),
    Coefficient("behaviour.search_match_quality", 0.0, 3.0),
    Coefficient("behaviour.search_youth_per_year", 0.0, 0.15),
    Coefficient("behaviour.search_nlw_premium", 0.0, 2.0),  # per log point above the NLW
    Coefficient("behaviour.utility_asc_non_british", 0.0, 2.0),
    Coefficient("separation.exit_to_non_employment", 0.001, 0.005, log=True),
    Coefficient("separation.nhs_exit_to_non_employment", 0.001, 0.005, log=True),
    Coefficient("entry.young_entrant_share_of_cohort", 0.05, 0.4, log=True),
    Coefficient("entry.nhs_professional_entrants_per_year", 20_000.0, 120_000.0, log=True),
    Coefficient("pay.care_worker_premium_mean", 0.0, 0.08),
    Coefficient("pay.care_worker_premium_sd", 0.01, 0.08),
    Coefficient("pay.pay_response_per_month", 0.0, 0.06),
)
"""Behavioural coefficients (utility weights, search and quit hazards, switching costs),
entry flows and employers' pay setting, each bounded to a plausible range."""


def get_value(cfg: Any, name: str) -> float:
    """Read a dotted config path from a ``SimConfig``."""
    node = cfg
    for part in name.split("."):
        node = getattr(node, part)
    return node


def with_values(cfg: Any, values: dict[str, float]) -> Any:
    """A copy of ``cfg`` with the given dotted paths replaced (types kept: int stays int)."""
    groups: dict[str, dict[str, Any]] = {}
    for name, value in values.items():
        group, field = name.split(".")
        old = get_value(cfg, name)
        groups.setdefault(group, {})[field] = type(old)(
            round(value) if isinstance(old, int) else value
        )
    changes = {g: dataclasses.replace(getattr(cfg, g), **f) for g, f in groups.items()}
    return dataclasses.replace(cfg, **changes)
